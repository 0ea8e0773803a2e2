/**
 * @module tests/gdpr-erasure
 * Issue 16's "Done when" for data-subject requests, on both engines: canary values planted for one
 * client with commission lines (name, PESEL, phone, e-mail, address, a contact note, a calendar item's
 * title, an SMS) are all in the access export; after the erasure request is executed, no table holds
 * any of them (PostgreSQL: every row of every table as text; libsql: every row of every table, and
 * `strings` over the database file and its WAL), while the commission lines — still open — stay on
 * their sale and the firm's lines and statements sum as before, the client shown pseudonymised.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createItem } from '../core/calendar/index.ts';
import { createClient, getClient, listClients, updateClient } from '../core/clients/index.ts';
import { approveLines } from '../core/commissions/ledger/approve.ts';
import { closePeriod } from '../core/commissions/statements/queries.ts';
import type { Ctx } from '../core/context.ts';
import {
  erasurePreview,
  executeRequest,
  exportPerson,
  personExportPdf,
  registerRequest,
  requestExport,
} from '../core/gdpr/index.ts';
import { peselCheckDigit } from '../core/ids/index.ts';
import type { Database } from '../core/storage/database.ts';
import { recordActivity } from '../core/workflow/activities.ts';
import { transition } from '../core/workflow/transition.ts';
import { seedCommissions } from '../examples/demo-firm/seed-commissions.ts';
import { createHttpApi } from '../core/http/app.ts';
import { describeEngines, type Engine } from './engines.ts';
import { httpCaller } from './fixtures/http-caller.ts';
import { smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

const pesel = (() => {
  const ten = '8507154711';
  return ten + peselCheckDigit(ten);
})();
/** ASCII canaries, so `strings` (7-bit runs) would show any of them whole. */
const canary = {
  firstName: 'Gertruda',
  lastName: 'Kanarkowska',
  pesel,
  phone: '+48 698 123 457',
  national: '698123457',
  email: 'gertruda.kanarkowska@zapomnij.example',
  street: 'ul. Gilowa 77',
  city: 'Zapomnianowo',
  note: 'Notatka-4711-kanarek o kredycie',
  title: 'Spotkanie-5813-kanarek',
  place: 'Biuro Gilowa 77',
};
const needles = [
  canary.firstName,
  canary.lastName,
  canary.pesel,
  canary.national,
  canary.email,
  'zapomnij',
  'Gilowa',
  canary.city,
  '4711-kanarek',
  '5813-kanarek',
].map((n) => n.toLowerCase());

function stringsOf(database: Database): string {
  const path = database.label.replace(/^file:/, '');
  return [path, `${path}-wal`]
    .filter((p) => existsSync(p))
    .map((p) => execFileSync('strings', ['-n', '5', p], { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }))
    .join('\n');
}

/** Every row of every table as text. */
async function everyRow(database: Database, engine: Engine): Promise<string> {
  const tables =
    engine === 'postgres'
      ? await database.raw(
          "select table_name as name from information_schema.tables where table_schema = 'public' " +
            "and table_type = 'BASE TABLE'",
        )
      : await database.raw("select name from sqlite_master where type = 'table'");
  const out: string[] = [];
  for (const { name } of tables) {
    const rows =
      engine === 'postgres'
        ? await database.raw(`select t::text as row from "${String(name)}" t`)
        : await database.raw(`select * from "${String(name)}"`);
    for (const r of rows) out.push(engine === 'postgres' ? String(r.row) : JSON.stringify(r));
  }
  return out.join('\n').toLowerCase();
}

const found = (text: string) => needles.filter((n) => text.includes(n));

describeEngines('GDPR erasure keeps the books', (database, engine) => {
  let f: SmallFirm;
  let sys: Ctx;
  let dpo: Ctx;
  let clientId: string;
  let before: { lines: number; linesMinor: number; statements: number; statementsMinor: number };

  async function books() {
    const { db, t } = database();
    const lines = await db.select({ a: t.commissionLines.amountMinor }).from(t.commissionLines);
    const st = await db.select({ a: t.commissionStatements.totalMinor }).from(t.commissionStatements);
    return {
      lines: lines.length,
      linesMinor: lines.reduce((s, l) => s + l.a, 0),
      statements: st.length,
      statementsMinor: st.reduce((s, l) => s + l.a, 0),
    };
  }

  beforeAll(async () => {
    f = await smallFirm(database());
    f.clock.set('2026-03-20T09:00:00Z');
    sys = f.crm.system('test');
    await seedCommissions(sys);
    dpo = await f.crm.asUser(f.users.admin.id);
    const anna = await f.crm.asUser(f.users.anna.id);
    const c = await createClient(anna, {
      kind: 'person',
      type: 'private',
      data: {
        firstName: canary.firstName,
        lastName: canary.lastName,
        pesel: canary.pesel,
        phone: canary.phone,
        email: canary.email,
        street: canary.street,
        postalCode: '80-977',
        city: canary.city,
        smsConsent: true,
      },
    });
    clientId = c.id;
    await recordActivity(anna, clientId, { type: 'call', outcome: 'reached', note: canary.note });
    await createItem(anna, {
      kind: 'meeting',
      title: canary.title,
      start: '2026-03-27T10:00',
      end: '2026-03-27T11:00',
      clientId,
      place: canary.place,
    });
    // The sale: agreement signed, then disbursed — commission lines proposed (open).
    await database()
      .db.update(database().t.clients)
      .set({ status: 'agreement-signed' })
      .where(eq(database().t.clients.id, clientId));
    await transition(anna, clientId, {
      to: 'disbursed',
      fields: { provider: 'bank-aurora', product: 'aurora-mortgage', amountMinor: 45_000_000, saleDate: '2026-03-10' },
    });
    // Another client's approved line settled on a statement: the books the erasure must not move.
    const other = f.clients[0]!.id;
    await database()
      .db.update(database().t.clients)
      .set({ status: 'agreement-signed' })
      .where(eq(database().t.clients.id, other));
    await transition(anna, other, {
      to: 'disbursed',
      fields: { provider: 'bank-aurora', product: 'aurora-mortgage', amountMinor: 30_000_000, saleDate: '2026-02-05' },
    });
    const { db, t } = database();
    const [sale] = await db.select({ id: t.sales.id }).from(t.sales).where(eq(t.sales.clientId, other));
    const firmLines = await db
      .select({ id: t.commissionLines.id, ledger: t.commissionLines.ledger })
      .from(t.commissionLines)
      .where(eq(t.commissionLines.saleId, sale!.id));
    await approveLines(
      sys,
      firmLines.filter((l) => l.ledger === 'firm').map((l) => l.id),
    );
    await closePeriod(sys, 'firm', '2026-02'); // the canary's own lines (March) stay open
    before = await books();
  }, 60_000);

  it('plants the canaries where they really are: reminder SMS queued, lines proposed, a statement issued', async () => {
    const text = await everyRow(database(), engine);
    // Sealed fields (PESEL, phone, e-mail) are not in the clear; names, address, notes, title and SMS are.
    expect(found(text).sort()).toEqual(
      ['gertruda', 'kanarkowska', 'gilowa', 'zapomnianowo', '4711-kanarek', '5813-kanarek'].sort(),
    );
    expect(before.statements).toBeGreaterThan(0);
    const { db, t } = database();
    const sms = await db.select({ p: t.outbox.payload }).from(t.outbox).where(eq(t.outbox.channel, 'sms'));
    expect(sms.some((m) => m.p.text.includes(canary.place))).toBe(true);
  });

  it('the access export holds every canary (JSON), and the PDF is a real PDF', async () => {
    // Anna opens the card (over HTTP, where reads are logged): "who viewed the data" must name her.
    const call = httpCaller(() => createHttpApi(f.crm));
    expect((await call('anna.nowak@kredyt-dom.pl', 'GET', `/api/clients/${clientId}`)).status).toBe(200);
    const req = await registerRequest(dpo, { kind: 'access', clientId, receivedOn: '2026-03-18' });
    expect([req.dueOn, req.overdue, req.clientName]).toEqual(['2026-04-18', false, 'Gertruda Kanarkowska']);
    const data = await requestExport(dpo, req.id);
    const json = JSON.stringify(data);
    const { phone: _spaced, ...plain } = canary; // the phone is stored normalised: +48698123457
    for (const v of Object.values(plain)) expect(json, v).toContain(v);
    expect(data.messages.some((m) => String(m.text).includes(canary.place))).toBe(true);
    expect(data.commissionLines.length).toBeGreaterThan(0);
    expect(data.accessLog).toContainEqual(expect.objectContaining({ who: 'Anna Nowak', action: 'client.read' }));
    const pdf = await personExportPdf(data, 'pl');
    expect(Buffer.from(pdf.slice(0, 5)).toString()).toBe('%PDF-');
  });

  it('erasure: no canary in any table nor in the file; the lines stay on their sale, books unchanged', async () => {
    const { db, t } = database();
    const [sale] = await db.select().from(t.sales).where(eq(t.sales.clientId, clientId));
    const lines = await db.select().from(t.commissionLines).where(eq(t.commissionLines.saleId, sale!.id));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.status === 'proposed')).toBe(true); // open lines
    const req = await registerRequest(dpo, { kind: 'erasure', identifiers: { pesel: canary.pesel } });
    expect(req.clientId).toBe(clientId); // matched by keyed hash; the identifiers are not kept
    const preview = await erasurePreview(dpo, clientId);
    expect(preview.kept.map((k) => k.what)).toContain('commission lines (and the statements that settle them)');
    await expect(executeRequest(dpo, req.id, {})).rejects.toMatchObject({ code: 'invalid' });
    const done = await executeRequest(dpo, req.id, { confirm: true });
    expect(done.status).toBe('done');
    expect(done.basis).toContain('Art. 17(3)(b)');

    expect(found(await everyRow(database(), engine))).toEqual([]);
    if (engine === 'libsql') expect(found(stringsOf(database()).toLowerCase())).toEqual([]);

    expect(await books()).toEqual(before);
    const after = await db.select().from(t.commissionLines).where(eq(t.commissionLines.saleId, sale!.id));
    expect(after.map((l) => [l.id, l.amountMinor, l.status])).toEqual(
      lines.map((l) => [l.id, l.amountMinor, l.status]),
    );
    const shown = await getClient(dpo, clientId);
    expect(shown.displayName).toMatch(/^Klient usunięty #[0-9a-f]{8}$/);
    expect((await listClients(dpo, { q: canary.pesel })).items).toEqual([]);
    // The record is read-only from now on, with the reason.
    await expect(updateClient(dpo, clientId, { version: shown.version, data: { city: 'X' } })).rejects.toMatchObject({
      code: 'locked',
      status: 423,
    });
    const again = await exportPerson(dpo, clientId);
    expect(found(JSON.stringify(again).toLowerCase())).toEqual([]);
  });
});
