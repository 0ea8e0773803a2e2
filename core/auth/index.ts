/**
 * @module auth
 * Signing in: password hashing, sessions, API keys, random tokens and digests, the keyed hash of
 * identifiers, the session/actor cache (`forgetSession`, `forgetUser`, `forgetAll`), and the `security`
 * section of the configuration.
 */
export { createApiKey, listApiKeys, resolveApiKey, revokeApiKey } from './api-keys.ts';
export { securityConfigSchema } from './config-schema.ts';
export { keyedHash } from './keyed-hash.ts';
export { hashPassword, verifyPassword } from './password.ts';
export { resolveSession, signOut, type SessionInfo } from './resolve-session.ts';
export { forgetAll, forgetSession, forgetUser, SESSION_CACHE_MS } from './session-cache.ts';
export { signIn } from './sessions.ts';
export { digest, randomToken, sameDigest } from './tokens.ts';
export {
  requestPasswordReset,
  resetPassword,
  RESET_LINK_MINUTES,
  RESETS_PER_EMAIL_PER_HOUR,
  RESETS_PER_ADDRESS_PER_HOUR,
} from './password-reset.ts';
export { createSetPasswordLink } from './set-password-link.ts';
