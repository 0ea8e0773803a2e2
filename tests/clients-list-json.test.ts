/**
 * @module tests/clients-list-json
 * The HTTP client list writes its page as JSON straight from the rows (`listClientsJson`), splicing a
 * row's stored `data` text in when the actor sees all of it. On both engines and for every kind of
 * reader (all, subtree, unit, team, own, a referring partner, identifiers masked, no financial read),
 * the text must be the page `listClients` returns, serialised: no field a role may not read, a sealed
 * value opened only for whoever may read it, a field the config no longer declares left out, cursors
 * and dates alike. Inside a transaction the rows come through drizzle, with the same answer.
 */
import { beforeAll, expect, it } from 'vitest';
import { signIn } from '../core/auth/index.ts';
import { createClient, listClients, listClientsJson, type ListOptions } from '../core/clients/index.ts';
import type { Ctx } from '../core/context.ts';
import { inTransaction } from '../core/context.ts';
import { openCursor } from '../core/cursor/index.ts';
import { createHttpApi } from '../core/http/app.ts';
import { newId } from '../core/ids/id.ts';
import { describeEngines } from './engines.ts';
import { PASSWORD, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

const PESEL = '44051401359';
const INCOME = 987_654;
const PLAIN_INCOME = 555_123;
const CONTACT = 'Kontakt Jawny-Widoczny';

describeEngines('client list as JSON text', (database, engine) => {
  let firm: SmallFirm;
  let readers: Record<string, Ctx>;
  beforeAll(async () => {
    firm = await smallFirm(database());
    const { crm, users } = firm;
    const sys = crm.system('list-json');
    const person = (data: Record<string, unknown>, owner = users.anna, partnerId: string | null = null) =>
      createClient(sys, { kind: 'person', type: 'private', ownerId: owner.id, partnerId, data });
    // Only plain fields (the stored text can be spliced in), with characters JSON must escape.
    await person({ firstName: 'Jan', lastName: 'O"Brien \\ Żółć', city: 'Gdańsk', householdSize: 3 });
    // Sealed identifiers and a sealed financial field (opened or left out per reader).
    await person({
      firstName: 'Ewa',
      lastName: 'Szyfr',
      pesel: PESEL,
      phone: '+48 601 234 567',
      netMonthlyIncomeMinor: INCOME,
    });
    await person({ firstName: 'Piotr', lastName: 'Gdynski', city: 'Gdynia' }, users.piotr);
    await person({ firstName: 'Polecony', lastName: 'Przez Biuro', city: 'Sopot' }, users.anna, firm.partnerId);
    await createClient(sys, {
      kind: 'company',
      type: 'private',
      ownerId: users.anna.id,
      data: { companyName: 'Bursztyn "Sp. z o.o."', nip: '5261040828', city: 'Gdańsk' },
    });
    // Stored in the clear (written before the fields were marked encrypted, as a database migrated by
    // the re-encrypt command once was): a company's contact person (pii) and a person's income
    // (financial) rest on the field's class alone, not on a sealed value.
    const plain = (kind: string, displayName: string, data: Record<string, unknown>) =>
      database().db.insert(database().t.clients).values({
        id: newId(),
        kind,
        type: 'private',
        source: null,
        displayName,
        ownerId: users.anna.id,
        unitId: firm.units.gdansk.id,
        partnerId: null,
        status: 'new',
        data,
        version: 1,
        createdAt: firm.clock.now(),
        updatedAt: firm.clock.now(),
      });
    await plain('company', 'Jawna Sp. z o.o.', {
      companyName: 'Jawna Sp. z o.o.',
      contactPerson: CONTACT,
      city: 'Hel',
    });
    await plain('person', 'Jawny Dochód', {
      firstName: 'Jawny',
      lastName: 'Dochód',
      netMonthlyIncomeMinor: PLAIN_INCOME,
    });
    // A field the configuration no longer declares, still in storage: never shown.
    const legacy = await person({ firstName: 'Stary', lastName: 'Zapis', city: 'Puck' });
    await database().raw(
      engine === 'postgres'
        ? `update clients set data = data || '{"legacyNote":"niewidoczne"}'::jsonb where id = ?`
        : `update clients set data = json_set(data, '$.legacyNote', 'niewidoczne') where id = ?`,
      [legacy.id],
    );
    const as = (u: keyof SmallFirm['users']) => crm.asUser(firm.users[u].id);
    const manager = await as('manager');
    const only = (grants: Array<[string, string[]]>) =>
      crm.as({ ...manager.actor, permissions: new Map(grants) as typeof manager.actor.permissions });
    readers = {
      admin: await as('admin'),
      director: await as('director'),
      manager,
      senior: await as('senior'),
      anna: await as('anna'),
      partner: await as('partner'),
      masked: only([
        ['clients:read', ['all']],
        ['pii:masked', ['all']],
      ]),
      noFinancial: only([
        ['clients:read', ['all']],
        ['pii:read', ['all']],
      ]),
    };
  }, 120_000);

  /** What the list answered before it wrote JSON itself: `JSON.stringify(listClients(...))`. */
  const reference = async (ctx: Ctx, options: ListOptions) => JSON.stringify(await listClients(ctx, options));

  /** The page with its cursor opened (a sealed cursor has a random IV: two seals of one place differ). */
  const opened = (json: string) => {
    const page = JSON.parse(json) as { nextCursor: string | null };
    return { ...page, nextCursor: page.nextCursor && openCursor(firm.crm.runtime.secret, 'clients', page.nextCursor) };
  };
  const same = (json: string, ref: string) => {
    // PostgreSQL gives jsonb text with spaces after ':' and ','; the value is the same.
    const sealed = /"nextCursor":"[^"]*"/;
    if (engine === 'libsql') expect(json.replace(sealed, 'cursor')).toBe(ref.replace(sealed, 'cursor'));
    expect(opened(json)).toEqual(opened(ref));
  };

  it('is the page listClients returns, for every reader, sort and page', async () => {
    const shapes: ListOptions[] = [{}, { sort: 'displayName', order: 'asc' }, { status: 'new', total: false }];
    for (const [who, ctx] of Object.entries(readers))
      for (const shape of shapes) {
        let options: ListOptions = { ...shape, limit: 3 };
        for (let page = 0; page < 5; page++) {
          const ref = await reference(ctx, options);
          const got = await listClientsJson(ctx, options);
          same(got.json, ref);
          expect(got.count, who).toBe((JSON.parse(ref) as { items: unknown[] }).items.length);
          const next = (JSON.parse(ref) as { nextCursor: string | null }).nextCursor;
          if (!next) break;
          options = { ...shape, limit: 3, cursor: next };
        }
      }
  });

  it('keeps what a reader may not see out of the text', async () => {
    const text = async (who: string) => (await listClientsJson(readers[who]!, { limit: 200 })).json;
    expect(await text('admin')).toContain(PESEL); // opened for a reader who may see it (so the checks can fail)
    expect(await text('admin')).toContain(String(INCOME));
    expect(await text('admin')).not.toContain('legacyNote');
    expect(await text('admin')).toContain(CONTACT);
    expect(await text('admin')).toContain(String(PLAIN_INCOME));
    const masked = await text('masked');
    expect(masked).not.toContain(CONTACT);
    expect(masked).toContain('Jawna Sp. z o.o.'); // the company's name is not personal data
    expect(masked).not.toContain(PESEL);
    expect(masked).toContain(`*******${PESEL.slice(-4)}`);
    expect(masked).not.toContain('Żółć');
    expect(await text('noFinancial')).toContain(PESEL);
    expect(await text('noFinancial')).not.toContain(String(INCOME));
    expect(await text('noFinancial')).not.toContain(String(PLAIN_INCOME));
    expect(await text('noFinancial')).toContain('Jawny');
    const partner = JSON.parse(await text('partner')) as { items: Array<Record<string, unknown>> };
    expect(partner.items.length).toBeGreaterThan(0);
    for (const item of partner.items) {
      expect(item.data).toEqual({});
      expect(item).not.toHaveProperty('displayName');
    }
  });

  it('inside a transaction (rows through drizzle) the text is the same', async () => {
    const ctx = readers.manager!;
    const ref = await reference(ctx, { limit: 50 });
    const inside = await inTransaction(ctx, (tx) => listClientsJson(tx, { limit: 50 }));
    same(inside.json, ref);
  });

  it("a page of a shape seen before binds this request's values: the same as built in full", async () => {
    // Outside a transaction a page without a counted total reuses its shape's SQL text; inside one
    // it is built in full by drizzle. Each shape is asked with two sets of values, one after the other.
    const day = (d: string) => new Date(`${d}T00:00:00Z`);
    const shapes: Array<[ListOptions, ListOptions]> = [
      [{ status: 'new' }, { status: 'lost' }],
      [{ status: ['new', 'lost'] }, { status: ['lost', 'won'] }],
      [{ ownerId: firm.users.anna.id }, { ownerId: firm.users.piotr.id }],
      [
        { type: 'private', createdFrom: day('2026-03-01') },
        { type: 'private', createdFrom: day('2026-03-03') },
      ],
      [{ updatedTo: day('2026-03-03') }, { updatedTo: day('2026-03-01') }],
      [{ source: 'own-network' }, { source: 'other' }],
    ];
    for (const ctx of [readers.admin!, readers.manager!, readers.anna!, readers.masked!])
      for (const pair of shapes)
        for (const sort of ['createdAt', 'displayName'] as const)
          for (const filter of pair) {
            let options: ListOptions = { ...filter, sort, limit: 2, total: false };
            for (let page = 0; page < 4; page++) {
              const kept = await listClientsJson(ctx, options);
              const full = await inTransaction(ctx, (tx) => listClientsJson(tx, options));
              same(kept.json, full.json);
              const next = (JSON.parse(kept.json) as { nextCursor: string | null }).nextCursor;
              if (!next) break;
              options = { ...options, cursor: next };
            }
          }
    // The values are bound, not kept: anna's and piotr's clients differ.
    const owned = async (id: string) =>
      (
        JSON.parse((await listClientsJson(readers.admin!, { ownerId: id, total: false, limit: 200 })).json) as {
          items: Array<{ ownerId: string }>;
        }
      ).items.map((i) => i.ownerId);
    expect(new Set(await owned(firm.users.anna.id))).toEqual(new Set([firm.users.anna.id]));
    expect(new Set(await owned(firm.users.piotr.id))).toEqual(new Set([firm.users.piotr.id]));
  });

  it('GET /api/clients answers the same page', async () => {
    const app = createHttpApi(firm.crm, { log: () => {} });
    const { token } = await signIn(firm.crm.runtime, firm.users.manager.email, PASSWORD);
    const res = await app.request('/api/clients?limit=50', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    same(await res.text(), await reference(readers.manager!, { limit: 50 }));
  });
});
