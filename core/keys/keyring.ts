/**
 * @module keys/keyring
 * The install's keys: a secret (keyed hashes of identifiers, form and feed tokens, sealed cursors)
 * and one or more 32-byte data keys (AES-256-GCM encryption of sensitive client fields). The first
 * data key encrypts; the others are kept for reading what older keys encrypted, until the
 * re-encrypt command has moved every value to the current key. A key is named by its id, a short
 * fingerprint stored with each ciphertext, so the right key is found after a rotation.
 *
 * Where the keys come from, in order: the options of `createCrm`; the environment (`CRM_SECRET` and
 * `CRM_DATA_KEY`, older keys in `CRM_PREVIOUS_DATA_KEYS`, comma-separated); a key file named by
 * `CRM_KEY_FILE`; the key file `broker-crm init` wrote for this configuration file (under
 * `~/.config/broker-crm/keys/`, outside any repository). There is no built-in default.
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export interface DataKey {
  /** Fingerprint of the key (8 hex digits), stored with every ciphertext it makes. */
  id: string;
  key: Uint8Array;
}

export interface Keyring {
  /** Keys keyed hashes and signed tokens. */
  secret: string;
  /** The key new values are encrypted with. */
  current: DataKey;
  /** Every key that may decrypt, the current one included, by id. */
  byId: ReadonlyMap<string, DataKey>;
}

/** What a key file holds (JSON). */
export interface KeyFile {
  secret: string;
  /** Base64 of 32 random bytes: the current data key. */
  dataKey: string;
  /** Older data keys, newest first, kept to read values not yet re-encrypted. */
  previousDataKeys?: string[];
}

/** A missing, malformed or wrong key: the message says what to set or run. */
export class KeyError extends Error {
  override name = 'KeyError';
}

const MIN_SECRET = 32;

/** The id of a data key: the first 8 hex digits of a SHA-256 over a label and the key. */
export function keyId(key: Uint8Array): string {
  return createHash('sha256').update('broker-crm data key\0').update(key).digest('hex').slice(0, 8);
}

/** Parse one base64 (or base64url) data key of exactly 32 bytes. */
export function parseDataKey(text: string, where: string): DataKey {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32)
    throw new KeyError(
      `${where} must be 32 random bytes in base64 (${key.length} bytes found); "broker-crm init" makes one`,
    );
  return { id: keyId(key), key: new Uint8Array(key) };
}

/**
 * A keyring from its parts, checked.
 * @example
 * const ring = keyringOf({ secret, dataKey: 'q0r…=' });
 */
export function keyringOf(file: KeyFile, where = 'the key file'): Keyring {
  if (typeof file.secret !== 'string' || file.secret.length < MIN_SECRET)
    throw new KeyError(`The secret in ${where} must be at least ${MIN_SECRET} characters; "broker-crm init" makes one`);
  if (typeof file.dataKey !== 'string') throw new KeyError(`${where} has no data key`);
  const current = parseDataKey(file.dataKey, `The data key in ${where}`);
  const byId = new Map<string, DataKey>([[current.id, current]]);
  for (const old of file.previousDataKeys ?? []) {
    const k = parseDataKey(old, `A previous data key in ${where}`);
    if (!byId.has(k.id)) byId.set(k.id, k);
  }
  return { secret: file.secret, current, byId };
}

/**
 * Fresh keys for a new install: a 256-bit secret and a 256-bit data key.
 * @example
 * writeKeyFile(defaultKeyFile('/srv/crm/crm.config.json'), generateKeys());
 */
export function generateKeys(): KeyFile {
  return { secret: randomBytes(32).toString('base64url'), dataKey: randomBytes(32).toString('base64') };
}

/** The key file with a new current data key; the old one moves to `previousDataKeys`. */
export function rotateKeyFile(file: KeyFile): KeyFile {
  return {
    secret: file.secret,
    dataKey: randomBytes(32).toString('base64'),
    previousDataKeys: [file.dataKey, ...(file.previousDataKeys ?? [])],
  };
}

/** Where `init` keeps the keys of a configuration file: under the user's config folder, never in the project. */
export function defaultKeyFile(configPath: string, env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  const tag = createHash('sha256').update(resolve(configPath)).digest('hex').slice(0, 16);
  return join(base, 'broker-crm', 'keys', `${tag}.json`);
}

export function readKeyFile(path: string): KeyFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new KeyError(`Cannot read the key file ${path}: ${(e as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object') throw new KeyError(`The key file ${path} is not a JSON object`);
  return parsed as KeyFile;
}

/** Write a key file readable by its owner only (0600), creating its folder (0700). */
export function writeKeyFile(path: string, file: KeyFile): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, JSON.stringify(file, null, 2) + '\n', { mode: 0o600 });
  chmodSync(path, 0o600);
}

/** The environment's keys, the key file's, or null when neither is set. */
export function keysFromEnvironment(
  env: NodeJS.ProcessEnv = process.env,
  configPath?: string,
): { keyring: Keyring; from: string } | null {
  if (env.CRM_SECRET || env.CRM_DATA_KEY) {
    if (!env.CRM_SECRET) throw new KeyError('CRM_DATA_KEY is set but CRM_SECRET is not: set both');
    if (!env.CRM_DATA_KEY) throw new KeyError('CRM_SECRET is set but CRM_DATA_KEY is not: set both');
    const previous = (env.CRM_PREVIOUS_DATA_KEYS ?? '').split(',').filter((s) => s.trim());
    const file = { secret: env.CRM_SECRET, dataKey: env.CRM_DATA_KEY, previousDataKeys: previous };
    return { keyring: keyringOf(file, 'the environment (CRM_SECRET, CRM_DATA_KEY)'), from: 'the environment' };
  }
  const path = env.CRM_KEY_FILE || (configPath ? defaultKeyFile(configPath, env) : undefined);
  if (!path || (!env.CRM_KEY_FILE && !existsSync(path))) return null;
  return { keyring: keyringOf(readKeyFile(path), path), from: path };
}

export const missingKeysMessage = `No keys: broker-crm needs a secret and a data key, and has no default.
Run "broker-crm init" (it writes them to a key file outside the project), or set CRM_SECRET (32+ random
characters) and CRM_DATA_KEY (32 random bytes in base64; "broker-crm keys generate" prints both), or
CRM_KEY_FILE (the path of a key file).`;
