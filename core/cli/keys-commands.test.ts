import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoKeys } from './keys-commands.ts';

describe('the demo keys', () => {
  const saved = { s: process.env.CRM_SECRET, k: process.env.CRM_DATA_KEY };
  beforeEach(() => {
    delete process.env.CRM_SECRET;
    delete process.env.CRM_DATA_KEY;
  });
  afterEach(() => {
    process.env.CRM_SECRET = saved.s;
    process.env.CRM_DATA_KEY = saved.k;
  });

  it('are generated into .data/keys.json on the first start (0600), read back after, never a constant', () => {
    const a = join(mkdtempSync(join(tmpdir(), 'crm-demo-keys-')), '.data', 'keys.json');
    const first = demoKeys(a);
    expect(first.fresh).toBe(true);
    expect(statSync(a).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(a, 'utf8'))).toEqual(first.keys);
    expect(demoKeys(a)).toEqual({ keys: first.keys, fresh: false });
    const b = join(mkdtempSync(join(tmpdir(), 'crm-demo-keys-')), 'keys.json');
    const other = demoKeys(b).keys!;
    expect(other.secret).not.toBe(first.keys!.secret); // each install its own
    expect(other.dataKey).not.toBe(first.keys!.dataKey);
  });

  it('defer to keys in the environment', () => {
    process.env.CRM_SECRET = saved.s;
    process.env.CRM_DATA_KEY = saved.k;
    expect(demoKeys(join(mkdtempSync(join(tmpdir(), 'crm-demo-keys-')), 'keys.json'))).toEqual({ fresh: false });
  });
});
