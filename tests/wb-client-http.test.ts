/**
 * @module tests/wb-client-http
 * The workbench's client API over HTTP, on both engines: the new-client form's duplicate check
 * (firm-wide by keyed hash, telling only the branch unless the client is in the asker's scope; the
 * reason of an invalid identifier; creators only; a per-minute limit; each check audited), a
 * contact's next step becoming a dated task (own, delegated, refused outside one's scope with no
 * contact left behind, or recorded only), the client's task list, and a client referred by a partner
 * firm's representative.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createClient } from '../core/clients/create-client.ts';
import { flushBuffered } from '../core/audit/index.ts';
import { DUPLICATE_CHECKS_PER_MINUTE } from '../core/clients/index.ts';
import { createHttpApi } from '../core/http/app.ts';
import { describeEngines } from './engines.ts';
import { httpCaller } from './fixtures/http-caller.ts';
import { smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

describeEngines('wb-client over HTTP', (database) => {
  let f: SmallFirm;
  let app: ReturnType<typeof createHttpApi>;
  const call = httpCaller(() => app);
  const anna = 'anna.nowak@kredyt-dom.pl';
  const manager = 'kierownik.gdansk@kredyt-dom.pl';
  const partner = 'biuro@nieruchomosci-bursztyn.pl';
  const admin = 'admin@kredyt-dom.pl';
  let ewasClient = '';
  let annasClient = '';

  beforeAll(async () => {
    f = await smallFirm(database());
    app = createHttpApi(f.crm, { log: () => {} });
    const ewa = await f.crm.asUser(f.users.ewa.id);
    ewasClient = (
      await createClient(ewa, {
        kind: 'person',
        type: 'private',
        data: { firstName: 'Zofia', lastName: 'Tajemnicza', pesel: '44051401359' },
      })
    ).id;
    const annaCtx = await f.crm.asUser(f.users.anna.id);
    annasClient = (
      await createClient(annaCtx, {
        kind: 'company',
        type: 'private',
        data: { companyName: 'Piekarnia Kłos', nip: '5260250274' },
      })
    ).id;
  });

  it('says another branch has the person, naming the branch only; names and opens a client in scope', async () => {
    const other = await call(anna, 'POST', '/api/clients/duplicates', { pesel: '44051401359' });
    expect(other.status).toBe(200);
    expect(other.body).toEqual({ exists: true, unitName: 'Kraków Kazimierz' });
    expect(JSON.stringify(other.body)).not.toContain('Tajemnicza');
    const mine = await call(anna, 'POST', '/api/clients/duplicates', { nip: 'PL 526-025-02-74' });
    expect(mine.body).toEqual({
      exists: true,
      unitName: 'Gdańsk Wrzeszcz',
      clientId: annasClient,
      displayName: 'Piekarnia Kłos',
    });
    expect((await call(anna, 'POST', '/api/clients/duplicates', { pesel: '90051212349' })).body).toEqual({
      exists: false,
      unitName: null,
    });
    // A regional director whose region does not hold Kraków: the branch only, too.
    const director = await call('dyrektor.polnoc@kredyt-dom.pl', 'POST', '/api/clients/duplicates', {
      pesel: '44051401359',
    });
    expect(director.body).toEqual({ exists: true, unitName: 'Kraków Kazimierz' });
  });

  it('gives the reason of an invalid identifier; one identifier per check; creators only', async () => {
    const bad = await call(anna, 'POST', '/api/clients/duplicates', { pesel: '44051401358' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.messageKey).toBe('pesel.checksum');
    expect(bad.body.error.details.problems[0].path).toBe('/pesel');
    expect((await call(anna, 'POST', '/api/clients/duplicates', { pesel: '1', nip: '2' })).status).toBe(422);
    expect((await call(anna, 'POST', '/api/clients/duplicates', {})).status).toBe(422);
    expect((await call(partner, 'POST', '/api/clients/duplicates', { pesel: '44051401359' })).status).toBe(403);
  });

  it('audits each check without the identifier, and stops a sweep at the per-minute limit', async () => {
    await flushBuffered(f.crm.database);
    const { db, t } = database();
    const logged = await db.select().from(t.auditLog).where(eq(t.auditLog.action, 'client.duplicate-check'));
    expect(logged.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(logged)).not.toContain('44051401359');
    expect(logged.find((l) => l.entityId === annasClient)?.data).toMatchObject({ kind: 'nip', inScope: true });
    const statuses: number[] = [];
    for (let i = 0; i < DUPLICATE_CHECKS_PER_MINUTE + 1; i++)
      statuses.push((await call(manager, 'POST', '/api/clients/duplicates', { regon: '123456785' })).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(DUPLICATE_CHECKS_PER_MINUTE);
    expect(statuses.at(-1)).toBe(429);
  });

  it("turns a contact's next step into a task: own, at a local time, a bare date or an instant", async () => {
    const id = annasClient;
    const local = await call(anna, 'POST', `/api/clients/${id}/activities`, {
      type: 'call',
      outcome: 'interested',
      nextStep: { at: '2026-03-05T10:00', note: 'Wysłać porównanie ofert' },
    });
    expect(local.status).toBe(201);
    expect(local.body.taskId).toEqual(expect.any(String));
    await call(anna, 'POST', `/api/clients/${id}/activities`, { type: 'note', nextStep: { at: '2026-03-06' } });
    await call(anna, 'POST', `/api/clients/${id}/activities`, {
      type: 'note',
      nextStep: { at: '2026-03-07T08:00:00Z', note: 'Oddzwonić' },
    });
    const tasks = await call(anna, 'GET', `/api/clients/${id}/tasks`);
    expect(tasks.status).toBe(200);
    expect(
      tasks.body.items.map((x: { title: string; localStart: string; start: string; assignee: { name: string } }) => [
        x.title,
        x.localStart,
        x.start,
        x.assignee.name,
      ]),
    ).toEqual([
      ['Wysłać porównanie ofert', '2026-03-05T10:00', '2026-03-05T09:00:00.000Z', 'Anna Nowak'],
      ['Następny krok', '2026-03-06T09:00', '2026-03-06T08:00:00.000Z', 'Anna Nowak'],
      ['Oddzwonić', '2026-03-07T09:00', '2026-03-07T08:00:00.000Z', 'Anna Nowak'],
    ]);
    // The contact keeps its next step (the history shows it).
    const history = await call(anna, 'GET', `/api/clients/${id}/timeline`);
    expect(history.body.items[0].nextStep).toEqual({ at: '2026-03-07T08:00:00.000Z', note: 'Oddzwonić' });
    // In Anna's calendar that week, linked to the client.
    const week = await call(anna, 'GET', '/api/calendar?from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:00Z');
    expect(week.body.items.filter((e: { clientId: string }) => e.clientId === id)).toHaveLength(3);
  });

  it('delegates within scope; outside it refuses the whole contact; task:false records the step only', async () => {
    const id = annasClient;
    const delegated = await call(manager, 'POST', `/api/clients/${id}/activities`, {
      type: 'meeting',
      nextStep: { at: '2026-03-10T11:00', note: 'Zebrać zaświadczenia', assigneeId: f.users.anna.id },
    });
    expect(delegated.status).toBe(201);
    const { db, t } = database();
    const [task] = await db.select().from(t.calendarItems).where(eq(t.calendarItems.id, delegated.body.taskId));
    expect([task?.assigneeId, task?.delegatedById, task?.clientId]).toEqual([f.users.anna.id, f.users.manager.id, id]);

    const contactsBefore = (await db.select().from(t.activities).where(eq(t.activities.clientId, id))).length;
    const outside = await call(anna, 'POST', `/api/clients/${id}/activities`, {
      type: 'call',
      nextStep: { at: '2026-03-10T12:00', assigneeId: f.users.ewa.id },
    });
    expect(outside.status).toBe(403);
    const contactsAfter = (await db.select().from(t.activities).where(eq(t.activities.clientId, id))).length;
    expect(contactsAfter).toBe(contactsBefore);

    const only = await call(anna, 'POST', `/api/clients/${id}/activities`, {
      type: 'call',
      nextStep: { at: '2026-03-11T12:00', note: 'Bez zadania', task: false },
    });
    expect(only.body.taskId).toBeNull();
    const titles = await db
      .select({ title: t.calendarItems.title })
      .from(t.calendarItems)
      .where(and(eq(t.calendarItems.clientId, id), eq(t.calendarItems.title, 'Bez zadania')));
    expect(titles).toEqual([]);
    const bad = await call(anna, 'POST', `/api/clients/${id}/activities`, { type: 'call', nextStep: { at: 'jutro' } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.problems[0].path).toMatch(/^\/nextStep\/at/);
  });

  it("lists a client's tasks only for those who may read the client; a partner login gets none", async () => {
    expect((await call(anna, 'GET', `/api/clients/${ewasClient}/tasks`)).status).toBe(404);
    const admins = await call(admin, 'GET', `/api/clients/${annasClient}/tasks`);
    expect(admins.body.items.length).toBeGreaterThan(0);
    const partnersClient = f.clients.find((c) => c.partnerId)!.id;
    expect((await call(partner, 'GET', `/api/clients/${partnersClient}/tasks`)).status).toBe(403);
  });

  it("accepts a partner firm's representative as the referrer of a partner-referred client", async () => {
    const person = await call(admin, 'POST', `/api/partners/${f.partnerId}/people`, { name: 'Ewa Agentka' });
    expect(person.status).toBe(201);
    const made = await call(anna, 'POST', '/api/clients', {
      kind: 'person',
      type: 'partner-referred',
      source: 'real-estate-agency',
      partnerId: f.partnerId,
      referrerId: person.body.id,
      data: { firstName: 'Jan', lastName: 'Polecony' },
    });
    expect(made.status).toBe(201);
    expect(made.body.referrerId).toBe(person.body.id);
    const stranger = await call(anna, 'POST', '/api/clients', {
      kind: 'person',
      type: 'partner-referred',
      source: 'real-estate-agency',
      partnerId: f.partnerId,
      referrerId: 'nobody-at-all',
      data: { firstName: 'Jan', lastName: 'Nikt' },
    });
    expect(stranger.status).toBe(422);
    expect(stranger.body.error.details.problems[0].path).toBe('/referrerId');
  });
});
