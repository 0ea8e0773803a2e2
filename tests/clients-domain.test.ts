import { beforeAll, expect, it } from 'vitest';
import { assignClients } from '../core/clients/assign-clients.ts';
import { createClient, type ClientInput } from '../core/clients/create-client.ts';
import { getClient } from '../core/clients/get-client.ts';
import { findDuplicates } from '../core/clients/keys.ts';
import { listClients } from '../core/clients/list-clients.ts';
import { clientSummary } from '../core/clients/summary.ts';
import { updateClient } from '../core/clients/update-client.ts';
import type { Ctx } from '../core/context.ts';
import { CrmError } from '../core/errors.ts';
import { describeEngines } from './engines.ts';
import { smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

const person = (data: Record<string, unknown>, extra: Partial<ClientInput> = {}): ClientInput => ({
  kind: 'person',
  type: 'private',
  source: 'own-network',
  data: { firstName: 'Jan', lastName: 'Kowalski', ...data },
  ...extra,
});

async function errorOf(p: Promise<unknown>): Promise<CrmError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CrmError) return e;
    throw e;
  }
  throw new Error('expected a CrmError');
}

describeEngines('clients: domain operations', (database) => {
  let f: SmallFirm;
  let anna: Ctx;
  let piotr: Ctx;
  beforeAll(async () => {
    f = await smallFirm(database());
    anna = await f.crm.asUser(f.users.anna.id);
    piotr = await f.crm.asUser(f.users.piotr.id);
  });

  it('creates a person owned by the acting advisor in her unit, identifiers normalised, initial status', async () => {
    const c = await createClient(
      anna,
      person({ pesel: '4405 1401 359', phone: '+48 600-100-200', email: ' Jan.Kowalski@Example.PL ', city: 'Gdańsk' }),
    );
    expect(c).toMatchObject({
      ownerId: f.users.anna.id,
      unitId: f.units.gdansk.id,
      status: 'new',
      version: 1,
      displayName: 'Jan Kowalski',
    });
    expect(c.data).toMatchObject({ pesel: '44051401359', phone: '+48600100200', email: 'jan.kowalski@example.pl' });
    const { timeline } = await import('../core/workflow/timeline.ts');
    const history = await timeline(anna, c.id, {});
    expect(history.items.map((i) => JSON.stringify(i))).toEqual([expect.stringContaining('"created"')]);
  });

  it('keeps identifiers out of the text index: only hashes are stored beside the row', async () => {
    const rows = await database().raw("select search_text from clients where display_name = 'Jan Kowalski'");
    expect(String(rows[0]!.search_text)).not.toContain('44051401359');
    const keys = await database().raw('select kind, hash from client_keys');
    expect(keys.map((k) => k.kind)).toEqual(expect.arrayContaining(['pesel', 'phone', 'email']));
    expect(JSON.stringify(keys)).not.toContain('44051401359');
  });

  it('refuses a bad PESEL, naming the field and the reason', async () => {
    const e = await errorOf(createClient(anna, person({ pesel: '44051401358' })));
    expect(e.status).toBe(422);
    expect(e.details?.problems).toEqual([expect.objectContaining({ path: '/data/pesel', keyword: 'pesel.checksum' })]);
  });

  it('refuses unknown fields, an unknown source and a partner referral without a partner', async () => {
    expect((await errorOf(createClient(anna, person({ shoeSize: 44 })))).details?.problems).toEqual([
      expect.objectContaining({ path: '/data/shoeSize' }),
    ]);
    expect((await errorOf(createClient(anna, person({}, { source: 'hotline' })))).details?.problems).toEqual([
      expect.objectContaining({ path: '/source' }),
    ]);
    const e = await errorOf(createClient(anna, person({}, { type: 'partner-referred', source: 'developer' })));
    expect(e.details?.problems).toEqual([expect.objectContaining({ path: '/partnerId' })]);
    const ok = await createClient(
      anna,
      person({ lastName: 'Polecony' }, { type: 'partner-referred', source: 'developer', partnerId: f.partnerId }),
    );
    expect(ok.partnerId).toBe(f.partnerId);
  });

  it('an advisor cannot create a client for another advisor', async () => {
    expect((await errorOf(createClient(anna, person({}, { ownerId: f.users.ewa.id })))).status).toBe(403);
  });

  it('updates with optimistic concurrency: a stale version is a 409 and nothing is lost', async () => {
    const c = await createClient(anna, person({ lastName: 'Wersja' }));
    const a = await updateClient(anna, c.id, { version: 1, data: { city: 'Sopot' } });
    expect(a.version).toBe(2);
    const e = await errorOf(updateClient(anna, c.id, { version: 1, data: { city: 'Gdynia' } }));
    expect(e.status).toBe(409);
    expect(e.details).toMatchObject({ currentVersion: 2 });
    expect((await getClient(anna, c.id)).data.city).toBe('Sopot');
    const removed = await updateClient(anna, c.id, { version: 2, data: { city: null } });
    expect(removed.data).not.toHaveProperty('city');
  });

  it("a client outside the actor's scope is not found, for reads and writes alike", async () => {
    const c = await createClient(anna, person({ lastName: 'Prywatny' }));
    expect((await errorOf(getClient(piotr, c.id))).status).toBe(404);
    expect((await errorOf(updateClient(piotr, c.id, { version: 1, data: { city: 'X' } }))).status).toBe(404);
  });

  it('finds duplicates by PESEL, phone or e-mail through keyed hashes', async () => {
    const dups = await findDuplicates(anna, {
      pesel: '44051401359',
      phone: '600 100 200',
      email: 'JAN.KOWALSKI@example.pl',
    });
    expect(dups).toHaveLength(1);
    expect(dups[0]!.matched.sort()).toEqual(['email', 'pesel', 'phone']);
    expect(await findDuplicates(piotr, { pesel: '44051401359' })).toEqual([]);
    expect(await findDuplicates(anna, { pesel: 'not a pesel' })).toEqual([]);
  });

  it('searches by name prefix without diacritics, by phone digits, and by exact PESEL', async () => {
    await createClient(anna, person({ firstName: 'Łucja', lastName: 'Żółkiewska', phone: '601 222 333' }));
    const names = async (q: string) => (await listClients(anna, { q })).items.map((c) => c.displayName);
    expect(await names('zolk')).toEqual(['Łucja Żółkiewska']);
    expect(await names('Łucja Żół')).toEqual(['Łucja Żółkiewska']);
    expect(await names('601222')).toEqual(['Łucja Żółkiewska']);
    expect(await names('44051401359')).toEqual(['Jan Kowalski']);
    expect(await names('440514')).toEqual([]);
  });

  it('lists with filters on status, type, source and searchable fields, scoped to the actor', async () => {
    const page = await listClients(anna, { type: 'partner-referred', source: 'developer' });
    expect(page.items.map((c) => c.data.lastName)).toEqual(['Polecony']);
    const city = await listClients(anna, { fields: { city: 'Sopot' } });
    expect(city.items).toHaveLength(0); // removed above
    const all = await listClients(anna, { limit: 200 });
    expect(all.items.every((c) => c.ownerId === f.users.anna.id)).toBe(true);
    expect(all.total).toEqual({ value: all.items.length, capped: false });
    expect((await errorOf(listClients(anna, { fields: { street: 'x' } }))).status).toBe(422);
  });

  it('keyset pages are stable under inserts: no row is skipped or repeated', async () => {
    const sys = f.crm.system();
    for (let i = 0; i < 7; i++) {
      f.clock.advance(1000);
      await createClient(sys, person({ lastName: `Strona${i}` }, { ownerId: f.users.ewa.id }));
    }
    const ewa = await f.crm.asUser(f.users.ewa.id);
    const before = (await listClients(ewa, { limit: 200, sort: 'createdAt', order: 'asc' })).items.map((c) => c.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    let n = 0;
    do {
      const p = await listClients(ewa, { limit: 3, sort: 'createdAt', order: 'asc', cursor });
      seen.push(...p.items.map((c) => c.id));
      if (n++ === 0) {
        expect(p.total?.value).toBe(before.length);
        f.clock.advance(1000);
        await createClient(sys, person({ lastName: 'Wstawiony' }, { ownerId: f.users.ewa.id }));
      } else expect(p.total).toBeNull();
      cursor = p.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.slice(0, before.length)).toEqual(before);
    expect(seen).toHaveLength(before.length + 1);
    expect(new Set(seen).size).toBe(seen.length);
    // Sorted by name, descending, pages still cover everything exactly once.
    const byName: string[] = [];
    cursor = undefined;
    do {
      const p = await listClients(ewa, { limit: 4, sort: 'displayName', order: 'desc', cursor });
      byName.push(...p.items.map((c) => c.id));
      cursor = p.nextCursor ?? undefined;
    } while (cursor);
    expect(byName.sort()).toEqual(seen.sort());
  });

  it('caps the total count', async () => {
    const { cappedCount } = await import('../core/clients/list-clients.ts');
    expect(await cappedCount(f.crm.system(), undefined, 5)).toEqual({ value: 5, capped: true });
  });

  it('counts per status within scope', async () => {
    const s = await clientSummary(anna);
    const listed = await listClients(anna, { limit: 200 });
    expect(s.total).toBe(listed.items.length);
    expect(Object.keys(s.byStatus)).toEqual(['new']);
    const director = await f.crm.asUser(f.users.director.id);
    expect((await clientSummary(director)).total).toBeGreaterThan(s.total);
  });

  it("assigns in bulk within the manager's unit, records it in the audit log, refuses clients beyond it", async () => {
    const manager = await f.crm.asUser(f.users.manager.id);
    const annas = (await listClients(anna, { limit: 3 })).items.map((c) => c.id);
    const r = await assignClients(manager, { ids: annas, ownerId: f.users.senior.id, note: 'Urlop' });
    expect(r.updated).toBe(3);
    const moved = await getClient(manager, annas[0]!);
    expect(moved.ownerId).toBe(f.users.senior.id);
    expect((await errorOf(getClient(anna, annas[0]!))).status).toBe(404);
    const audit = await database().raw("select count(*) as n from audit_log where action = 'client.assign'");
    expect(Number(audit[0]!.n)).toBe(3);
    const krakow = f.clients.find((c) => c.unit === f.units.krakow.id)!.id;
    expect((await errorOf(assignClients(manager, { ids: [annas[1]!, krakow], ownerId: f.users.anna.id }))).status).toBe(
      404,
    );
    expect((await getClient(manager, annas[1]!)).ownerId).toBe(f.users.senior.id);
    expect((await errorOf(assignClients(manager, { ids: [annas[1]!], ownerId: f.users.ewa.id }))).status).toBe(403);
    expect((await errorOf(assignClients(anna, { ids: [annas[1]!], ownerId: f.users.anna.id }))).status).toBe(403);
  });
});
