/**
 * @module cli/keys-commands
 * The key commands of `broker-crm`: the keys `init` writes (a key file under the user's config
 * folder, outside the project, or lines for the environment), the demo's own keys in `.data/`,
 * `keys generate`, `keys rotate` and `encrypt` (re-encrypting stored clients in batches).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  defaultKeyFile,
  generateKeys,
  keyringOf,
  keysFromEnvironment,
  readKeyFile,
  rotateKeyFile,
  writeKeyFile,
  type KeyFile,
} from '../keys/index.ts';
import type { Crm } from '../crm.ts';

const envLines = (k: KeyFile) =>
  [
    `CRM_SECRET=${k.secret}`,
    `CRM_DATA_KEY=${k.dataKey}`,
    ...(k.previousDataKeys?.length ? [`CRM_PREVIOUS_DATA_KEYS=${k.previousDataKeys.join(',')}`] : []),
  ].join('\n');

/**
 * The keys `init` uses: the environment's or an existing key file's if there are any (never
 * replaced: data encrypted under them would become unreadable), else new ones, written to the
 * key file of this configuration (or, with `printOnly`, printed for the environment).
 */
export function initKeys(configPath: string, printOnly: boolean, log: (line: string) => void): KeyFile | undefined {
  const found = keysFromEnvironment(process.env, configPath);
  if (found) {
    log(`Using the keys from ${found.from}`);
    return undefined;
  }
  const keys = generateKeys();
  if (printOnly) {
    log('Generated the keys; set them in the environment of every broker-crm process (and keep a copy safe):');
    log(envLines(keys));
    return keys;
  }
  const file = defaultKeyFile(configPath);
  writeKeyFile(file, keys);
  log(`Wrote the keys to ${file} (outside the project; back it up: without it encrypted data cannot be read)`);
  return keys;
}

/**
 * The demo's keys: the environment's if set, else `.data/keys.json`, generated on the first start.
 * `fresh` says the file was just made (an older demo database must then be re-encrypted).
 */
export function demoKeys(path = resolve('.data/keys.json')): { keys?: KeyFile; fresh: boolean } {
  if (keysFromEnvironment(process.env)) return { fresh: false };
  if (existsSync(path)) {
    const keys = readKeyFile(path);
    keyringOf(keys, path);
    return { keys, fresh: false };
  }
  mkdirSync(dirname(path), { recursive: true });
  const keys = generateKeys();
  writeKeyFile(path, keys);
  return { keys, fresh: true };
}

/** `broker-crm keys generate | rotate`. */
export function keysCommand(sub: string | undefined, configPath: string, log: (line: string) => void): number {
  if (sub === 'generate') {
    log(envLines(generateKeys()));
    return 0;
  }
  if (sub !== 'rotate') {
    log('Usage: broker-crm keys generate | keys rotate [--config crm.config.json]');
    return 1;
  }
  if (process.env.CRM_SECRET || process.env.CRM_DATA_KEY) {
    const now = keysFromEnvironment(process.env)!;
    const old = { secret: now.keyring.secret, dataKey: process.env.CRM_DATA_KEY!, previousDataKeys: [] as string[] };
    old.previousDataKeys = (process.env.CRM_PREVIOUS_DATA_KEYS ?? '').split(',').filter((s) => s.trim());
    const next = rotateKeyFile(old);
    log('The keys come from the environment: set these in every broker-crm process, then run broker-crm encrypt:');
    log(envLines(next));
    return 0;
  }
  const file = process.env.CRM_KEY_FILE || defaultKeyFile(configPath);
  if (!existsSync(file)) {
    log(`No key file at ${file}: run broker-crm init first (or set CRM_KEY_FILE)`);
    return 1;
  }
  const before = keyringOf(readKeyFile(file), file);
  const next = rotateKeyFile(readKeyFile(file));
  const after = keyringOf(next, file);
  writeKeyFile(file, next);
  log(`New data key ${after.current.id} in ${file}; the old key ${before.current.id} is kept for reading.`);
  log('Restart broker-crm, then run "broker-crm encrypt" to re-encrypt stored data with the new key.');
  return 0;
}

/** `broker-crm encrypt [--batch n] [--all]`: every client row to the current key and annotations. */
export async function encryptCommand(
  crm: Crm,
  options: { batch?: number; all?: boolean },
  log: (line: string) => void,
): Promise<number> {
  const { compactClientStorage, reencryptClients } = await import('../clients/index.ts');
  const ctx = crm.system('cli encrypt');
  log(`Encrypting client data with data key ${ctx.keyring.current.id}…`);
  const r = await reencryptClients(ctx, {
    ...options,
    onBatch: (p) => log(`  ${p.seen} clients read, ${p.rewritten} rewritten`),
  });
  await compactClientStorage(ctx);
  log(`Done: ${r.rewritten} of ${r.seen} clients rewritten; free space compacted (no old plaintext left behind).`);
  return 0;
}
