/**
 * @module tests/gdpr-requests
 * The register of data-subject requests and what its kinds do, on both engines: deadlines (one
 * month, one extension of up to two more with a reason), closing with a decision and basis, no
 * existence leak (403 without `gdpr:manage`, 404 alike for a missing client and one out of reach),
 * the portability export as JSON over HTTP, a restriction that makes the client read-only (423) and
 * skips its SMS reminders at send time with the reason, an objection, a rectification that is closed
 * by hand, and the retention rules: the dry run lists who and why and changes nothing, the run
 * anonymises them and both are logged.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createItem, recheckMeetingReminder } from '../core/calendar/index.ts';
import { createClient, updateClient } from '../core/clients/index.ts';
import type { Ctx } from '../core/context.ts';
import {
  closeRequest,
  executeRequest,
  extendRequest,
  listRequests,
  listRetentionRuns,
  planRetention,
  registerRequest,
  runRetention,
} from '../core/gdpr/index.ts';
import { createHttpApi } from '../core/http/app.ts';
import { recordActivity } from '../core/workflow/activities.ts';
import { describeEngines } from './engines.ts';
import { httpCaller } from './fixtures/http-caller.ts';
import { smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

describeEngines('GDPR requests and retention', (database) => {
  let f: SmallFirm;
  let dpo: Ctx;
  let app: ReturnType<typeof createHttpApi>;
  const call = httpCaller(() => app);
  const person = (lastName: string) =>
    createClient(dpo, {
      kind: 'person',
      type: 'private',
      ownerId: f.users.anna.id,
      data: { firstName: 'Jan', lastName, phone: '+48 601 200 300', smsConsent: true },
    });

  beforeAll(async () => {
    f = await smallFirm(database());
    f.clock.set('2026-03-20T09:00:00Z');
    dpo = await f.crm.asUser(f.users.admin.id);
    app = createHttpApi(f.crm);
  });

  it('deadlines: one month (31 Jan → 28 Feb), one extension with a reason, closing needs a decision', async () => {
    const c = await person('Terminowy');
    const r = await registerRequest(dpo, { kind: 'rectification', clientId: c.id, receivedOn: '2026-01-31' });
    expect([r.dueOn, r.due, r.overdue, r.status]).toEqual(['2026-02-28', '2026-02-28', true, 'open']);
    // The first month has passed: too late to extend.
    await expect(extendRequest(dpo, r.id, { months: 2, reason: 'Dużo dokumentów' })).rejects.toMatchObject({
      code: 'conflict',
    });
    const fresh = await registerRequest(dpo, { kind: 'access', clientId: c.id, receivedOn: '2026-03-10' });
    await expect(extendRequest(dpo, fresh.id, { months: 3, reason: 'x' })).rejects.toMatchObject({ code: 'invalid' });
    const ext = await extendRequest(dpo, fresh.id, { months: 2, reason: 'Dokumenty w trzech oddziałach' });
    expect([ext.status, ext.extendedTo, ext.due, ext.overdue]).toEqual(['extended', '2026-06-10', '2026-06-10', false]);
    await expect(extendRequest(dpo, fresh.id, { months: 1, reason: 'again' })).rejects.toMatchObject({
      code: 'conflict',
    });
    // A rectification is made on the card, then closed by hand; a refusal needs its basis.
    await expect(executeRequest(dpo, r.id)).rejects.toMatchObject({ code: 'conflict' });
    await expect(closeRequest(dpo, r.id, { status: 'refused', decision: 'Nie' })).rejects.toMatchObject({
      code: 'invalid',
    });
    const closed = await closeRequest(dpo, r.id, { status: 'done', decision: 'Poprawiono nazwisko' });
    expect([closed.status, closed.overdue, closed.handledBy]).toEqual(['done', false, f.users.admin.id]);
    const active = await listRequests(dpo, { status: 'active' });
    expect(active.items.map((i) => i.id)).toContain(fresh.id);
    expect(active.items.map((i) => i.id)).not.toContain(r.id);
  });

  it('no existence leak: 403 without gdpr:manage, 404 alike for a missing client and one out of reach', async () => {
    const c = await person('Ukryty');
    const missing = '01900000-0000-7000-8000-000000000000';
    const asManager = await call('kierownik.gdansk@kredyt-dom.pl', 'POST', '/api/gdpr/requests', {
      kind: 'access',
      clientId: missing,
    });
    const asManagerReal = await call('kierownik.gdansk@kredyt-dom.pl', 'POST', '/api/gdpr/requests', {
      kind: 'access',
      clientId: c.id,
    });
    expect([asManager.status, asManagerReal.status]).toEqual([403, 403]);
    expect(asManager.body.error.code).toBe('forbidden');
    // A DPO for the Kraków branch only: Anna's (Gdańsk) client is as unknown as a client that does not exist.
    const manager = await f.crm.asUser(f.users.ewa.id);
    const permissions = new Map([['gdpr:manage', ['unit']]]) as typeof manager.actor.permissions;
    const local = f.crm.as({ ...manager.actor, permissions });
    const outOfReach = await registerRequest(local, { kind: 'access', clientId: c.id }).catch((e) => e);
    const nowhere = await registerRequest(local, { kind: 'access', clientId: missing }).catch((e) => e);
    expect([outOfReach.status, nowhere.status]).toEqual([404, 404]);
    expect(outOfReach.message.replace(c.id, 'ID')).toBe(nowhere.message.replace(missing, 'ID'));
    // Identifiers that match nobody are kept on the request, seen firm-wide only.
    const unknown = await call('admin@kredyt-dom.pl', 'POST', '/api/gdpr/requests', {
      kind: 'access',
      identifiers: { name: 'Zenon Nieznany', email: 'zenon@nieznany.example' },
    });
    expect([unknown.status, unknown.body.clientId, unknown.body.identifiers.name]).toEqual([
      201,
      null,
      'Zenon Nieznany',
    ]);
    expect((await listRequests(local)).items.map((i) => i.id)).not.toContain(unknown.body.id);
  });

  it('portability: the export as JSON over HTTP, recorded on the request', async () => {
    const c = await person('Przenośny');
    await recordActivity(dpo, c.id, { type: 'call', note: 'Rozmowa o przeniesieniu' });
    const r = await call('admin@kredyt-dom.pl', 'POST', '/api/gdpr/requests', { kind: 'portability', clientId: c.id });
    const res = await call('admin@kredyt-dom.pl', 'GET', `/api/gdpr/requests/${r.body.id}/export`);
    expect(res.status).toBe(200);
    expect(res.body.format).toBe('broker-crm/person-export');
    expect(res.body.client.data).toMatchObject({ lastName: 'Przenośny', phone: '+48601200300' });
    expect(res.body.activities.map((a: { note: string }) => a.note)).toEqual(['Rozmowa o przeniesieniu']);
    const pdf = await call('admin@kredyt-dom.pl', 'GET', `/api/gdpr/requests/${r.body.id}/export?format=pdf&lang=en`);
    expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
    const after = await call('admin@kredyt-dom.pl', 'GET', `/api/gdpr/requests/${r.body.id}`);
    expect(after.body.outcome.exports.map((e: { format: string }) => e.format)).toEqual(['json', 'pdf']);
  });

  it('restriction: read-only (423), its SMS reminder skipped with the reason; lifted again', async () => {
    const c = await person('Ograniczony');
    const anna = await f.crm.asUser(f.users.anna.id);
    const { item } = await createItem(anna, {
      kind: 'meeting',
      title: 'Spotkanie',
      start: '2026-03-25T10:00',
      end: '2026-03-25T11:00',
      clientId: c.id,
      place: 'Biuro',
    });
    const [sms] = await database()
      .db.select()
      .from(database().t.outbox)
      .where(eq(database().t.outbox.channel, 'sms'))
      .then((rows) => rows.filter((r) => r.subject?.includes(item.id)));
    expect(sms).toBeDefined();
    const r = await registerRequest(dpo, { kind: 'restriction', clientId: c.id });
    const done = await executeRequest(dpo, r.id, { reason: 'Klient kwestionuje dane (art. 18(1)(a))' });
    expect([done.status, done.basis]).toEqual(['done', 'Art. 18(1) GDPR']);
    const edit = await updateClient(anna, c.id, { version: c.version, data: { lastName: 'Inny' } }).catch((e) => e);
    expect([edit.status, edit.code, edit.message]).toEqual([423, 'locked', expect.stringContaining('Art. 18')]);
    const move = await call('anna.nowak@kredyt-dom.pl', 'POST', `/api/clients/${c.id}/activities`, { type: 'call' });
    expect([move.status, move.body.error.code]).toEqual([423, 'locked']);
    const check = await recheckMeetingReminder(f.crm.system('worker'), { ...sms!, recipient: '+48601200300' });
    expect(check).toEqual({ ok: false, reason: expect.stringContaining('restricted (GDPR Art. 18)') });
    const lift = await call('admin@kredyt-dom.pl', 'DELETE', `/api/gdpr/clients/${c.id}/limits/restriction`);
    expect(lift.status).toBe(204);
    expect((await updateClient(anna, c.id, { version: c.version, data: { lastName: 'Inny' } })).displayName).toBe(
      'Jan Inny',
    );
  });

  it('objection: marketing stops (a limit recorded), the record stays writable', async () => {
    const c = await person('Sprzeciw');
    const r = await registerRequest(dpo, { kind: 'objection', clientId: c.id });
    expect((await executeRequest(dpo, r.id)).decision).toBe('Sprzeciw uwzględniony: bez marketingu');
    const limits = await database()
      .db.select()
      .from(database().t.clientRestrictions)
      .where(eq(database().t.clientRestrictions.clientId, c.id));
    expect(limits.map((l) => l.kind)).toEqual(['objection']);
    expect((await updateClient(dpo, c.id, { version: c.version, data: { firstName: 'Janusz' } })).version).toBe(2);
  });

  it('retention: the dry run lists who and why and changes nothing; the run anonymises them; both logged', async () => {
    const old = await person('Dawnolead');
    const recent = await person('Świeżylead');
    const { db, t } = database();
    // Old: created and last touched 14 months ago (no sale); recent: touched now.
    const longAgo = new Date('2025-01-10T10:00:00Z');
    await db.update(t.clients).set({ createdAt: longAgo, updatedAt: longAgo }).where(eq(t.clients.id, old.id));
    const plan = await planRetention(dpo);
    const mine = plan.filter((p) => [old.id, recent.id].includes(p.clientId));
    expect(mine.map((p) => [p.clientId, p.ruleId, p.from])).toEqual([[old.id, 'unconverted-leads', '2025-01-10']]);
    expect(mine[0]!.reason).toContain('more than 12 mo before 2026-03-20');
    const dry = await runRetention(dpo, { dryRun: true });
    expect(dry.anonymised).toBe(0);
    const [kept] = await db.select().from(t.clients).where(eq(t.clients.id, old.id));
    expect(kept!.displayName).toBe('Jan Dawnolead');
    const run = await runRetention(dpo);
    expect(run.anonymised).toBe(run.candidates.length);
    const [gone] = await db.select().from(t.clients).where(eq(t.clients.id, old.id));
    const [stays] = await db.select().from(t.clients).where(eq(t.clients.id, recent.id));
    expect([gone!.displayName.startsWith('Klient usunięty #'), gone!.data]).toEqual([true, {}]);
    expect(stays!.displayName).toBe('Jan Świeżylead');
    const runs = await listRetentionRuns(dpo);
    expect(runs.slice(0, 2).map((r) => [r.dryRun, r.anonymised, r.finishedAt !== null])).toEqual([
      [false, run.anonymised, true],
      [true, 0, true],
    ]);
    expect(JSON.stringify(runs)).not.toContain('Dawnolead');
    // The next run finds nobody new: erased clients are done.
    expect((await planRetention(dpo)).map((p) => p.clientId)).not.toContain(old.id);
  });
});
