/**
 * The outbox over HTTP: a meeting's messages by subject, the dead letters scoped to the manager's
 * unit, retry; advisors without `notifications:read` get 403. The demo config does not grant the
 * notifications permissions yet, so this suite grants them to admin (all) and branch managers (unit).
 */
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createCrm } from '../core/crm.ts';
import { createHttpApi } from '../core/http/app.ts';
import { enqueue } from '../core/notifications/enqueue.ts';
import { describeEngines } from './engines.ts';
import { demoConfig, PASSWORD, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

type App = ReturnType<typeof createHttpApi>;
const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

async function login(app: App, email: string) {
  const res = await app.request('http://localhost/api/auth/login', json({ email, password: PASSWORD }));
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: body.csrfToken };
}

describeEngines('notifications HTTP', (database) => {
  let f: SmallFirm;
  let app: App;
  const ids: Record<'gdansk' | 'krakow' | 'reminder', string> = { gdansk: '', krakow: '', reminder: '' };
  beforeAll(async () => {
    f = await smallFirm(database());
    const config = structuredClone(demoConfig()) as ReturnType<typeof demoConfig>;
    Object.assign(config.roles.admin!.permissions, { 'notifications:read': 'all', 'notifications:retry': 'all' });
    Object.assign(config.roles['branch-manager']!.permissions, {
      'notifications:read': 'unit',
      'notifications:retry': 'unit',
    });
    const crm = await createCrm({ config, database: database(), clock: f.clock });
    app = createHttpApi(crm, { log: () => {} });
    const ctx = crm.system('test');
    const sms = (unitId: string, subject: string) =>
      enqueue(ctx, {
        channel: 'sms',
        purpose: 'meeting-reminder',
        to: '+48600100200',
        text: 'Spotkanie jutro o 10:00',
        subject,
        unitId,
      });
    ids.gdansk = await sms(f.units.gdansk.id, 'event:a');
    ids.krakow = await sms(f.units.krakow.id, 'event:b');
    ids.reminder = await sms(f.units.gdansk.id, 'event:c');
    const o = ctx.t.outbox;
    for (const id of [ids.gdansk, ids.krakow])
      await ctx.db
        .update(o)
        .set({ status: 'dead', attempts: 1, lastError: 'smsapi: no valid phone number (error 13)' })
        .where(eq(o.id, id));
  });

  it('shows a manager the dead letters of their unit only, and 403 to an advisor', async () => {
    const manager = await login(app, 'kierownik.gdansk@kredyt-dom.pl');
    const res = await app.request('http://localhost/api/notifications/dead', { headers: { cookie: manager.cookie } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: Array<{ id: string; lastError: string }> };
    expect(body.items.map((i) => i.id)).toEqual([ids.gdansk]);
    expect(body.items[0]!.lastError).toMatch(/error 13/);
    const admin = await login(app, 'admin@kredyt-dom.pl');
    const all = (await (
      await app.request('http://localhost/api/notifications/dead', { headers: { cookie: admin.cookie } })
    ).json()) as { items: unknown[] };
    expect(all.items).toHaveLength(2);
    const anna = await login(app, 'anna.nowak@kredyt-dom.pl');
    expect(
      (await app.request('http://localhost/api/notifications/dead', { headers: { cookie: anna.cookie } })).status,
    ).toBe(403);
  });

  it("lists a meeting's messages by subject and rejects an unknown status", async () => {
    const admin = await login(app, 'admin@kredyt-dom.pl');
    const res = await app.request('http://localhost/api/notifications?subject=event:c', {
      headers: { cookie: admin.cookie },
    });
    const body = (await res.json()) as { items: Array<{ id: string; status: string; summary: string }> };
    expect(body.items).toEqual([
      expect.objectContaining({ id: ids.reminder, status: 'pending', summary: 'Spotkanie jutro o 10:00' }),
    ]);
    expect(
      (await app.request('http://localhost/api/notifications?status=lost', { headers: { cookie: admin.cookie } }))
        .status,
    ).toBe(422);
  });

  it('retries a dead letter within scope; outside it the message does not exist', async () => {
    const manager = await login(app, 'kierownik.gdansk@kredyt-dom.pl');
    const headers = { cookie: manager.cookie, 'x-csrf-token': manager.csrf, origin: 'http://localhost' };
    const outside = await app.request(`http://localhost/api/notifications/${ids.krakow}/retry`, json({}, headers));
    expect(outside.status).toBe(404);
    const res = await app.request(`http://localhost/api/notifications/${ids.gdansk}/retry`, json({}, headers));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: ids.gdansk, status: 'pending', attempts: 0 });
    expect(
      (await app.request(`http://localhost/api/notifications/${ids.gdansk}/retry`, json({}, headers))).status,
    ).toBe(409);
  });

  it('cancels a message not yet sent, once, within scope; a sent one cannot be cancelled', async () => {
    const manager = await login(app, 'kierownik.gdansk@kredyt-dom.pl');
    const headers = { cookie: manager.cookie, 'x-csrf-token': manager.csrf, origin: 'http://localhost' };
    const cancel = (id: string) => app.request(`http://localhost/api/notifications/${id}/cancel`, json({}, headers));
    expect((await cancel(ids.krakow)).status).toBe(404); // another unit's message does not exist for them
    const res = await cancel(ids.reminder);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: ids.reminder, status: 'cancelled' });
    const again = await cancel(ids.reminder);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toMatch(/cancelled message/);
    const ctx = f.crm.system('test');
    await ctx.db.update(ctx.t.outbox).set({ status: 'sent' }).where(eq(ctx.t.outbox.id, ids.gdansk));
    expect((await cancel(ids.gdansk)).status).toBe(409);
    const audit = await ctx.db.select().from(ctx.t.auditLog).where(eq(ctx.t.auditLog.entityId, ids.reminder));
    expect(audit.map((a) => a.action)).toContain('message.cancel');
  });
});
