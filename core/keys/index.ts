/**
 * @module keys
 * The install's secret and data keys (no built-in default), and AES-256-GCM sealing of single
 * values under them. Ground layer: imports no other module.
 */
export {
  defaultKeyFile,
  generateKeys,
  keyId,
  keyringOf,
  KeyError,
  keysFromEnvironment,
  missingKeysMessage,
  parseDataKey,
  readKeyFile,
  rotateKeyFile,
  writeKeyFile,
  type DataKey,
  type KeyFile,
  type Keyring,
} from './keyring.ts';
export { isSealed, openValue, sealedKeyId, sealValue } from './cipher.ts';
