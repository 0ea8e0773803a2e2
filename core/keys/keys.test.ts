import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultKeyFile,
  generateKeys,
  isSealed,
  KeyError,
  keyringOf,
  keysFromEnvironment,
  openValue,
  readKeyFile,
  rotateKeyFile,
  sealValue,
  writeKeyFile,
} from './index.ts';

describe('keys', () => {
  it('seals a value with a random IV and the key id, opens it only at its place and under its key', () => {
    const ring = keyringOf(generateKeys());
    const a = sealValue(ring, 'client:1:pesel', '44051401359');
    const b = sealValue(ring, 'client:1:pesel', '44051401359');
    expect(a).not.toBe(b); // a random IV per value
    expect(isSealed(a)).toBe(true);
    expect(a).toContain(`:${ring.current.id}:`);
    expect(a).not.toContain('44051401359');
    expect(openValue(ring, 'client:1:pesel', a)).toBe('44051401359');
    expect(openValue(ring, 'client:1:income', sealValue(ring, 'client:1:income', 650000))).toBe(650000);
    expect(() => openValue(ring, 'client:2:pesel', a)).toThrow(/does not decrypt/); // moved to another row
    const other = keyringOf({ ...generateKeys(), dataKey: generateKeys().dataKey });
    expect(() => openValue(other, 'client:1:pesel', a)).toThrow(/not among the keys given/);
    const tampered = a.slice(0, -2) + (a.endsWith('A') ? 'B' : 'A') + a.slice(-1);
    expect(() => openValue(ring, 'client:1:pesel', tampered)).toThrow(KeyError);
  });

  it('after a rotation new values use the new key and old ones still open', () => {
    const first = generateKeys();
    const old = keyringOf(first);
    const sealed = sealValue(old, 'client:1:phone', '+48501234567');
    const rotated = rotateKeyFile(first);
    const ring = keyringOf(rotated);
    expect(ring.current.id).not.toBe(old.current.id);
    expect(ring.secret).toBe(old.secret);
    expect(openValue(ring, 'client:1:phone', sealed)).toBe('+48501234567');
    expect(sealValue(ring, 'client:1:phone', 'x')).toContain(`:${ring.current.id}:`);
  });

  it('refuses short secrets and keys that are not 32 bytes, and has no default', () => {
    expect(() => keyringOf({ secret: 'short', dataKey: generateKeys().dataKey })).toThrow(/at least 32/);
    expect(() => keyringOf({ secret: 'x'.repeat(40), dataKey: Buffer.alloc(16).toString('base64') })).toThrow(
      /32 random bytes/,
    );
    const home = mkdtempSync(join(tmpdir(), 'crm-keys-'));
    expect(keysFromEnvironment({ XDG_CONFIG_HOME: home }, join(home, 'crm.config.json'))).toBeNull();
    expect(() => keysFromEnvironment({ CRM_SECRET: 'x'.repeat(40) })).toThrow(/CRM_DATA_KEY is not/);
  });

  it('finds the key file init wrote for a config file, outside the project, readable by its owner only', () => {
    const home = mkdtempSync(join(tmpdir(), 'crm-keys-'));
    const config = join(home, 'project', 'crm.config.json');
    const file = defaultKeyFile(config, { XDG_CONFIG_HOME: join(home, 'config') });
    expect(file.startsWith(join(home, 'config', 'broker-crm', 'keys'))).toBe(true);
    const keys = generateKeys();
    writeKeyFile(file, keys);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readKeyFile(file)).toEqual(keys);
    const found = keysFromEnvironment({ XDG_CONFIG_HOME: join(home, 'config') }, config);
    expect(found?.from).toBe(file);
    expect(found?.keyring.secret).toBe(keys.secret);
  });
});
