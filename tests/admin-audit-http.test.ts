/**
 * Every change an administrator makes on the Administracja screens lands in the audit log, over
 * HTTP on both engines: one request per change (invite, roles, supervisor, commission group from a
 * date, KNF registration and OC policy, disable and enable, unlock, password reset sent, API key
 * create and revoke, lead-form key create, rotate and revoke, outbox retry and cancel), each
 * followed by exactly one new audit entry naming the action, the administrator and the target.
 * Also over HTTP: the last administrator cannot be disabled (409 last-admin), an API key may not
 * carry a permission its creator lacks, and a revoked key gets 401.
 *
 */
import { and, desc, eq, gt } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createHttpApi } from '../core/http/app.ts';
import { linkToServedPages } from '../core/http/server-app.ts';
import { enqueue } from '../core/notifications/enqueue.ts';
import { describeEngines } from './engines.ts';
import { PASSWORD, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

type App = ReturnType<typeof createHttpApi>;

describeEngines('admin changes are audited (HTTP)', (database) => {
  let f: SmallFirm;
  let app: App;
  let admin: { cookie: string; csrf: string };
  const call = async (method: string, path: string, body?: unknown, auth = admin) => {
    const headers: Record<string, string> = { cookie: auth.cookie, 'x-csrf-token': auth.csrf };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await app.request(`http://localhost${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  const lastSeq = async () => {
    const a = f.crm.database.t.auditLog;
    const [row] = await f.crm.database.db.select({ seq: a.seq }).from(a).orderBy(desc(a.seq)).limit(1);
    return Number(row?.seq ?? 0);
  };
  /** Run one change and return the audit entries it wrote (action, actor, target). */
  const audited = async (step: () => Promise<{ status: number }>, expected: number) => {
    const before = await lastSeq();
    const res = await step();
    expect(res.status, JSON.stringify(res)).toBe(expected);
    const a = f.crm.database.t.auditLog;
    const rows = await f.crm.database.db
      .select({ action: a.action, actorId: a.actorId, entity: a.entity, entityId: a.entityId })
      .from(a)
      .where(gt(a.seq, before))
      .orderBy(a.seq);
    return rows;
  };

  beforeAll(async () => {
    f = await smallFirm(database());
    linkToServedPages(f.crm, 'http://crm.example'); // invitations and resets need a page to link to
    app = createHttpApi(f.crm, { log: () => {} });
    const res = await app.request('http://localhost/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@kredyt-dom.pl', password: PASSWORD }),
    });
    const body = (await res.json()) as { csrfToken: string };
    admin = { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: body.csrfToken };
  });

  it('writes one audit entry per change, naming the action, the administrator and the target', async () => {
    const me = f.users.admin.id;
    const { anna, piotr, senior } = f.users;
    const entry = (action: string, entity: string, entityId: string) => [{ action, actorId: me, entity, entityId }];
    // A new person is created (user.create) and invited.
    const created = await call('POST', '/api/users', {
      email: 'nowa@kredyt-dom.pl',
      name: 'Nowa Osoba',
      roles: ['advisor'],
      unitId: f.units.gdansk.id,
    });
    const nowa = created.body.id as string;
    expect(await audited(() => call('POST', `/api/users/${nowa}/invite`, { lang: 'pl' }), 202)).toEqual(
      entry('user.invite', 'user', nowa),
    );
    const roles = await audited(() => call('PATCH', `/api/users/${piotr.id}`, { roles: ['senior-advisor'] }), 200);
    expect(roles).toEqual(entry('user.update', 'user', piotr.id));
    const sup = await audited(() => call('PATCH', `/api/users/${piotr.id}`, { supervisorId: senior.id }), 200);
    expect(sup).toEqual(entry('user.update', 'user', piotr.id));
    const group = await audited(
      () => call('POST', `/api/users/${anna.id}/commission-groups`, { group: 'advisor-senior', from: '2026-04-01' }),
      201,
    );
    expect(group).toEqual(entry('user.commission-group', 'user', anna.id));
    const knf = await audited(
      () =>
        call('PUT', `/api/users/${anna.id}/compliance/registration`, {
          knfNumber: 'RPH012345',
          agentType: 'tied',
          validFrom: '2026-01-05',
        }),
      200,
    );
    expect(knf.map((r) => [r.action, r.actorId, r.entityId])).toEqual([['compliance.registration', me, anna.id]]);
    const oc = await audited(
      () =>
        call('POST', `/api/users/${anna.id}/compliance/policies`, {
          policyNumber: 'OC/2026/77',
          insurer: 'TUiR Warta',
          validFrom: '2026-01-01',
          validTo: '2026-12-31',
        }),
      201,
    );
    expect(oc.map((r) => [r.action, r.actorId, r.entityId])).toEqual([['compliance.policy.add', me, anna.id]]);
    expect(await audited(() => call('POST', `/api/users/${piotr.id}/disable`), 200)).toEqual(
      entry('user.disable', 'user', piotr.id),
    );
    expect(await audited(() => call('POST', `/api/users/${piotr.id}/enable`), 200)).toEqual(
      entry('user.enable', 'user', piotr.id),
    );
    expect(await audited(() => call('POST', `/api/users/${anna.id}/unlock`), 200)).toEqual(
      entry('user.unlock', 'user', anna.id),
    );
    expect(await audited(() => call('POST', `/api/users/${anna.id}/password-reset`, { lang: 'en' }), 202)).toEqual(
      entry('user.password-reset-sent', 'user', anna.id),
    );

    let keyId = '';
    const keyCreate = await audited(async () => {
      const r = await call('POST', '/api/api-keys', { name: 'Import z portalu', permissions: ['clients:read'] });
      keyId = r.body.id as string;
      return r;
    }, 201);
    expect(keyCreate).toEqual(entry('apikey.create', 'api_key', keyId));
    expect(await audited(() => call('DELETE', `/api/api-keys/${keyId}`), 204)).toEqual(
      entry('apikey.revoke', 'api_key', keyId),
    );

    let sourceId = '';
    const sourceCreate = await audited(async () => {
      const r = await call('POST', '/api/lead-sources', {
        name: 'Strona główna',
        clientType: 'company-acquired',
        source: 'website-form',
        origins: ['https://kredyt-dom.pl'],
      });
      sourceId = r.body.id as string;
      return r;
    }, 201);
    expect(sourceCreate.map((r) => [r.action, r.actorId, r.entityId])).toEqual([
      ['lead-source-key.create', me, sourceId],
    ]);
    let rotatedId = '';
    const rotate = await audited(async () => {
      const r = await call('POST', `/api/lead-sources/${sourceId}/rotate`);
      rotatedId = r.body.id as string;
      return r;
    }, 201);
    // A rotation is a new key and the old one revoked, each with its entry, and the rotation itself.
    expect(rotate.map((r) => [r.action, r.actorId, r.entityId]).sort()).toEqual(
      [
        ['lead-source-key.create', me, rotatedId],
        ['lead-source-key.revoke', me, sourceId],
        ['lead-source-key.rotate', me, expect.any(String)],
      ].sort(),
    );
    expect((await audited(() => call('DELETE', `/api/lead-sources/${rotatedId}`), 204)).map((r) => r.action)).toEqual([
      'lead-source-key.revoke',
    ]);

    const ctx = f.crm.system('test');
    const sms = (subject: string) =>
      enqueue(ctx, { channel: 'sms', purpose: 'meeting-reminder', to: '+48600100200', text: 'Jutro 10:00', subject });
    const dead = await sms('event:dead');
    const waiting = await sms('event:waiting');
    const o = ctx.t.outbox;
    await ctx.db.update(o).set({ status: 'dead', attempts: 1, lastError: 'smsapi: error 13' }).where(eq(o.id, dead));
    expect(await audited(() => call('POST', `/api/notifications/${dead}/retry`), 200)).toEqual(
      entry('message.retry', 'message', dead),
    );
    expect(await audited(() => call('POST', `/api/notifications/${waiting}/cancel`), 200)).toEqual(
      entry('message.cancel', 'message', waiting),
    );
  });

  it('refuses to disable the last administrator (409 last-admin) and audits nothing for it', async () => {
    const other = await call('POST', '/api/users', {
      email: 'admin2@kredyt-dom.pl',
      name: 'Drugi Admin',
      roles: ['admin'],
      unitId: f.units.hq.id,
    });
    const id = other.body.id as string;
    expect((await call('POST', `/api/users/${id}/disable`)).status).toBe(200);
    const refused = await audited(() => call('POST', `/api/users/${f.users.admin.id}/disable`), 409);
    expect(refused).toEqual([]);
    const res = await call('PATCH', `/api/users/${f.users.admin.id}`, { roles: ['advisor'] });
    expect(res).toMatchObject({
      status: 409,
      body: { error: { code: 'conflict', details: { reason: 'last-admin' } } },
    });
  });

  it("refuses a key permission its creator lacks, and a revoked key's call gets 401", async () => {
    const marketing = await call('POST', '/api/users', {
      email: 'marketing@kredyt-dom.pl',
      name: 'Marta Marketing',
      roles: ['marketing'],
      unitId: f.units.hq.id,
      password: PASSWORD,
    });
    expect(marketing.status).toBe(201);
    const res = await app.request('http://localhost/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'marketing@kredyt-dom.pl', password: PASSWORD }),
    });
    const m = {
      cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!,
      csrf: ((await res.json()) as { csrfToken: string }).csrfToken,
    };
    const refused = await call('POST', '/api/api-keys', { name: 'x', permissions: ['users:write'] }, m);
    // Enforced by the API: 422 naming the permission the creator does not have.
    expect(refused).toMatchObject({
      status: 422,
      body: {
        error: { details: { problems: [{ path: '/permissions/0', message: expect.stringContaining('users:write') }] } },
      },
    });
    const made = await call(
      'POST',
      '/api/api-keys',
      { name: 'Leady', permissions: ['leads:write', 'clients:read'] },
      m,
    );
    expect(made.status).toBe(201);
    const key = made.body.key as string;
    const use = () => app.request('http://localhost/api/api-keys', { headers: { authorization: `Bearer ${key}` } });
    expect((await use()).status).not.toBe(401);
    expect((await call('DELETE', `/api/api-keys/${made.body.id as string}`, undefined, m)).status).toBe(204);
    expect((await use()).status).toBe(401);
    const a = f.crm.database.t.auditLog;
    const rows = await f.crm.database.db
      .select()
      .from(a)
      .where(and(eq(a.action, 'apikey.revoke'), eq(a.entityId, made.body.id as string)));
    expect(rows).toHaveLength(1);
  });
});
