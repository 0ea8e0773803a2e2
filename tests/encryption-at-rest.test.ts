/**
 * @module tests/encryption-at-rest
 * Issue 16's "Done when" for encryption at rest, on both engines: canary PESELs, phones, e-mails,
 * ID numbers, NIPs and IBANs written through the clients module are found by search (exact PESEL,
 * phone digits, e-mail) and shown in full to whoever may read them, while no byte of them is in
 * the libsql database file (`strings`, WAL included) or in any column of any table on PostgreSQL.
 * A plaintext database is migrated by the re-encrypt command; a rotated key re-encrypts; a wrong
 * or missing key is refused before anything is read or written.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClient, getClient, listClients, reencryptClients, compactClientStorage } from '../core/clients/index.ts';
import { createCrm, type Crm } from '../core/crm.ts';
import { parseIban, parseNip, parseRegon, peselCheckDigit } from '../core/ids/index.ts';
import { newId } from '../core/ids/id.ts';
import { generateKeys, rotateKeyFile, sealedKeyId, type KeyFile } from '../core/keys/index.ts';
import type { Database } from '../core/storage/database.ts';
import { describeEngines } from './engines.ts';
import { demoConfig, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

const pesel = (i: number) => {
  const d = 1 + (i % 9);
  const ten = `8${d}0${d}1${d}${String(1000 + i * 37).slice(-4)}`;
  return ten + peselCheckDigit(ten);
};
const canaries = Array.from({ length: 12 }, (_, i) => ({
  pesel: pesel(i),
  phone: `+48 699 ${String(100 + i).padStart(3, '0')} ${String(700 + i)}`,
  national: `699${String(100 + i).padStart(3, '0')}${700 + i}`,
  email: `kanarek.${i}.szyfr@kanarek-poczta.example`,
  idCardNumber: `KNR${String(400000 + i)}`,
  income: 1_234_500 + i,
}));
const seek = (make: (n: number) => string, ok: (v: string) => boolean) => {
  for (let n = 1; ; n++) if (ok(make(n))) return make(n);
};
const company = {
  nip: seek(
    (n) => `97${String(31_000_000 + n)}`,
    (v) => parseNip(v).ok,
  ),
  regon: seek(
    (n) => `97${String(3_100_000 + n)}`,
    (v) => parseRegon(v).ok,
  ),
  iban: seek(
    (n) => `PL${String(n).padStart(2, '0')}1090101400000712198128${String(70 + (n % 29))}`,
    (v) => parseIban(v).ok,
  ),
};

/** Every printable run of 6+ bytes in the file and its WAL, as `strings` prints them. */
function stringsOf(database: Database): string {
  const path = database.label.replace(/^file:/, '');
  return [path, `${path}-wal`]
    .filter((p) => existsSync(p))
    .map((p) => execFileSync('strings', ['-n', '6', p], { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }))
    .join('\n');
}

/** Every row of every table as text (PostgreSQL). */
async function everyColumn(database: Database): Promise<string> {
  const tables = await database.raw(
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
  );
  const out: string[] = [];
  for (const { table_name } of tables)
    for (const r of await database.raw(`select t::text as row from "${String(table_name)}" t`)) out.push(String(r.row));
  return out.join('\n');
}

const stored = (engine: string, database: Database) =>
  engine === 'libsql' ? Promise.resolve(stringsOf(database)) : everyColumn(database);

/** The canary texts that must not be stored, in the spellings a reader could grep for. */
const needles = () => [
  ...canaries.flatMap((c) => [c.pesel, c.national, c.email, c.idCardNumber, 'kanarek-poczta']),
  company.nip,
  company.regon,
  company.iban,
];

describeEngines('encryption at rest', (database, engine) => {
  let firm: SmallFirm;
  let crm: Crm;
  const ids: string[] = [];
  beforeAll(async () => {
    firm = await smallFirm(database());
    crm = firm.crm;
    const sys = crm.system('canaries');
    for (const c of canaries) {
      const client = await createClient(sys, {
        kind: 'person',
        type: 'private',
        ownerId: firm.users.anna.id,
        data: {
          firstName: 'Kanarek',
          lastName: 'Szyfrowany',
          pesel: c.pesel,
          phone: c.phone,
          email: c.email,
          idCardNumber: c.idCardNumber,
          netMonthlyIncomeMinor: c.income,
        },
      });
      ids.push(client.id);
    }
    await createClient(sys, {
      kind: 'company',
      type: 'private',
      ownerId: firm.users.anna.id,
      data: { companyName: 'Kanarek Sp. z o.o.', nip: company.nip, regon: company.regon, bankAccount: company.iban },
    });
  }, 120_000);

  it('finds a client by exact PESEL, phone digits, e-mail and a word of it; shows values in full', async () => {
    const manager = await crm.asUser(firm.users.manager.id);
    const c = canaries[3]!;
    const byPesel = await listClients(manager, { q: c.pesel });
    expect(byPesel.items.map((i) => i.id)).toEqual([ids[3]]);
    expect(byPesel.items[0]!.data).toMatchObject({ pesel: c.pesel, email: c.email, netMonthlyIncomeMinor: c.income });
    expect((await listClients(manager, { fields: { pesel: c.pesel } })).items.map((i) => i.id)).toEqual([ids[3]]);
    expect((await listClients(manager, { q: c.phone })).items.map((i) => i.id)).toEqual([ids[3]]);
    expect((await listClients(manager, { q: c.national.slice(-6) })).items.map((i) => i.id)).toEqual([ids[3]]);
    expect((await listClients(manager, { q: c.email })).items.map((i) => i.id)).toEqual([ids[3]]);
    expect((await listClients(manager, { q: 'kanarek szyfrowany' })).items).toHaveLength(canaries.length);
    // The e-mails' words are in the index as keyed hashes: a whole word is found, a prefix is not.
    expect((await listClients(manager, { q: 'poczta' })).items).toHaveLength(canaries.length);
    expect((await listClients(manager, { q: 'poczt' })).items).toHaveLength(0);
    expect((await listClients(manager, { q: 'Kanarek 3' })).items.map((i) => i.id)).toEqual([ids[3]]);
    expect((await getClient(manager, ids[3]!)).data.phone).toBe(`+48${c.national}`);
    // A role with pii:masked and no pii:read sees the identifiers as *******1234, nothing else personal.
    const permissions = new Map([
      ['clients:read', ['all']],
      ['pii:masked', ['all']],
    ]) as typeof manager.actor.permissions;
    const clerk = crm.as({ ...manager.actor, permissions });
    const masked = (await getClient(clerk, ids[3]!)).data;
    expect(masked.pesel).toBe(`*******${c.pesel.slice(-4)}`);
    expect(masked.phone).toBe(`********${c.national.slice(-4)}`);
    expect(masked).not.toHaveProperty('firstName');
    expect(masked).not.toHaveProperty('netMonthlyIncomeMinor');
  });

  it('no canary is stored in the clear: not in the database file (strings), not in any column', async () => {
    const text = await stored(engine, database());
    expect(text).toContain('Szyfrowany'); // the scan reads the data: names are not encrypted in the demo firm
    for (const needle of needles()) expect(text.includes(needle), needle).toBe(false);
  });

  it('an edit keeps the new value sealed and searchable; the old one is gone from search', async () => {
    const sys = crm.system('edit');
    const before = await getClient(sys, ids[0]!);
    const { updateClient } = await import('../core/clients/index.ts');
    await updateClient(sys, ids[0]!, { version: before.version, data: { phone: '+48 698 555 444' } });
    expect((await listClients(sys, { q: '698555444' })).items.map((i) => i.id)).toEqual([ids[0]]);
    expect((await listClients(sys, { q: canaries[0]!.national })).items).toHaveLength(0);
    expect(await stored(engine, database())).not.toContain('698555444');
  });

  it('a wrong or missing data key is refused at start, before anything is read or written', async () => {
    const wrong = generateKeys();
    await expect(createCrm({ config: demoConfig(), database: database(), keys: wrong })).rejects.toThrow(
      /not among the keys given|does not decrypt/,
    );
    const saved = { s: process.env.CRM_SECRET, k: process.env.CRM_DATA_KEY };
    delete process.env.CRM_SECRET;
    delete process.env.CRM_DATA_KEY;
    try {
      await expect(createCrm({ config: demoConfig(), database: database() })).rejects.toThrow(/No keys/);
    } finally {
      process.env.CRM_SECRET = saved.s;
      process.env.CRM_DATA_KEY = saved.k;
    }
  });

  it('a plaintext row from before encryption is encrypted by the re-encrypt command, then found by PESEL', async () => {
    const { db, t } = database();
    const id = newId();
    const legacy = { pesel: pesel(40), national: '699555111', email: 'stary.kanarek@kanarek-poczta.example' };
    const now = new Date();
    await db.insert(t.clients).values({
      id,
      kind: 'person',
      type: 'private',
      source: null,
      displayName: 'Stary Kanarek',
      ownerId: firm.users.anna.id,
      unitId: firm.units.gdansk.id,
      partnerId: null,
      status: 'new',
      data: { lastName: 'Kanarek', pesel: legacy.pesel, phone: `+48${legacy.national}`, email: legacy.email },
      searchText: `stary kanarek ${legacy.national} ${legacy.email}`,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    expect(await stored(engine, database())).toContain(legacy.pesel);
    const sys = crm.system('encrypt');
    const r = await reencryptClients(sys, { batch: 5 });
    expect(r.rewritten).toBeGreaterThanOrEqual(1);
    expect((await reencryptClients(sys, { batch: 5 })).rewritten).toBe(0); // idempotent
    await compactClientStorage(sys);
    const text = await stored(engine, database());
    for (const needle of [legacy.pesel, legacy.national, legacy.email])
      expect(text.includes(needle), needle).toBe(false);
    expect((await listClients(sys, { q: legacy.pesel })).items.map((i) => i.id)).toEqual([id]);
    expect((await getClient(sys, id)).data.email).toBe(legacy.email);
  });

  it('after a key rotation, re-encrypting moves every value to the new key; the old key is unneeded', async () => {
    const first: KeyFile = { secret: crm.runtime.keyring.secret, dataKey: process.env.CRM_DATA_KEY! };
    const rotated = rotateKeyFile(first);
    const next = await createCrm({ config: demoConfig(), database: database(), keys: rotated });
    const newId_ = next.runtime.keyring.current.id;
    expect(newId_).not.toBe(crm.runtime.keyring.current.id);
    const r = await reencryptClients(next.system('rotate'));
    expect(r.rewritten).toBeGreaterThan(canaries.length);
    const rows = await database().db.select({ data: database().t.clients.data }).from(database().t.clients);
    const ids = new Set(rows.flatMap((row) => Object.values(row.data).map(sealedKeyId).filter(Boolean)));
    expect([...ids]).toEqual([newId_]);
    const only = await createCrm({
      config: demoConfig(),
      database: database(),
      keys: { ...rotated, previousDataKeys: [] },
    });
    expect((await listClients(only.system(), { q: canaries[5]!.pesel })).items[0]!.data.pesel).toBe(canaries[5]!.pesel);
  });

  afterAll(async () => {
    await crm?.close();
  });
});
