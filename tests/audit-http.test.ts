/**
 * @module tests/audit-http
 * The audit log as a person meets it, on both engines: opening a client card and listing clients
 * leave a read entry each (one per request), an export leaves one, a failed sign-in leaves one
 * without the password and with the e-mail only masked and keyed; `GET /api/audit` answers "who saw
 * or changed this client" and "what did this user do", newest first in cursor pages, for `audit:read`
 * only and within its scope (a client outside it is a 404); and the chain still verifies after all of it.
 */
import { beforeAll, expect, it } from 'vitest';
import { flushBuffered, verifyAuditChain } from '../core/audit/index.ts';
import { createHttpApi } from '../core/http/app.ts';
import { describeEngines } from './engines.ts';
import { httpCaller } from './fixtures/http-caller.ts';
import { smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

describeEngines('audit over HTTP', (database) => {
  let f: SmallFirm;
  let app: ReturnType<typeof createHttpApi>;
  const call = httpCaller(() => app);
  const admin = 'admin@kredyt-dom.pl';
  const anna = 'anna.nowak@kredyt-dom.pl';
  const director = 'dyrektor.polnoc@kredyt-dom.pl';
  const flush = () => flushBuffered(f.crm.database);
  const annasClient = () => f.clients.find((c) => c.owner === f.users.anna.id && !c.partnerId)!.id;

  beforeAll(async () => {
    f = await smallFirm(database());
    app = createHttpApi(f.crm, { log: () => {} });
  });

  it('records who opened a client card, and one entry per list request without the search text', async () => {
    const client = annasClient();
    expect((await call(anna, 'GET', `/api/clients/${client}`)).status).toBe(200);
    const list = await call(anna, 'GET', '/api/clients?limit=3&status=new');
    expect(list.body.items.length).toBe(3);
    const search = await call(anna, 'GET', '/api/clients?q=Sekretna-Nazwa&limit=3');
    expect(search.status).toBe(200);
    await flush();
    const trail = await call(admin, 'GET', `/api/audit?clientId=${client}`);
    expect(trail.status).toBe(200);
    expect(trail.body.items[0]).toMatchObject({
      action: 'client.read',
      actorId: f.users.anna.id,
      actorName: 'Anna Nowak',
      entity: 'client',
      clientId: client,
    });
    const lists = await call(admin, 'GET', `/api/audit?userId=${f.users.anna.id}&action=client.list`);
    expect(lists.body.items.map((i: { data: unknown }) => i.data)).toEqual([
      { count: 0, search: true, filters: [], page: 'first' },
      { count: 3, search: false, filters: ['status'], page: 'first' },
    ]);
    expect(JSON.stringify(await database().db.select().from(database().t.auditLog))).not.toContain('Sekretna');
  });

  it('records an export, found by user and action family', async () => {
    const res = await call(admin, 'GET', '/api/exports/clients?status=new');
    expect(res.status).toBe(200);
    const mine = await call(admin, 'GET', `/api/audit?userId=${f.users.admin.id}&action=export`);
    expect(mine.body.items[0]).toMatchObject({ action: 'export', entity: 'clients', actorId: f.users.admin.id });
  });

  it('records a failed sign-in: the e-mail masked and keyed, never the password', async () => {
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'Anna.Nowak@kredyt-dom.pl', password: 'zle-haslo-987' }),
    });
    expect(res.status).toBe(401);
    await flush();
    const { items } = (await call(admin, 'GET', '/api/audit?action=session.fail')).body;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      entity: 'user',
      entityId: f.users.anna.id,
      actorId: null,
      data: { reason: 'unauthorized', email: 'a***@kredyt-dom.pl', via: 'system' },
    });
    expect(items[0].data.emailHash).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(await database().db.select().from(database().t.auditLog))).not.toContain('zle-haslo-987');
    expect(JSON.stringify(items)).not.toContain('anna.nowak@');
  });

  it('is for audit:read only, within its scope, in cursor pages newest first', async () => {
    const client = annasClient();
    expect((await call(anna, 'GET', `/api/audit?clientId=${client}`)).status).toBe(403);
    const krakow = f.clients.find((c) => c.unit === f.units.krakow.id)!.id;
    // The regional director (north) reads the trail of a Gdańsk client, not of a Kraków one.
    expect((await call(director, 'GET', `/api/audit?clientId=${client}`)).status).toBe(200);
    expect((await call(director, 'GET', `/api/audit?clientId=${krakow}`)).status).toBe(404);
    const other = await call(director, 'GET', `/api/audit?action=session.fail`);
    expect(other.body.items).toEqual([]); // no client, so outside a scope narrower than "all"
    await call(admin, 'GET', `/api/clients/${client}`);
    await flush();
    const first = await call(admin, 'GET', `/api/audit?clientId=${client}&limit=1`);
    expect(first.body.items[0]).toMatchObject({ action: 'client.read', actorId: f.users.admin.id });
    const second = await call(admin, 'GET', `/api/audit?clientId=${client}&limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0]).toMatchObject({ action: 'client.read', actorId: f.users.anna.id });
    expect(second.body.items[0].seq).toBeLessThan(first.body.items[0].seq);
    const bad = await call(admin, 'GET', `/api/audit?clientId=${client}&cursor=forged`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('cursor');
  });

  it('still verifies after every kind of entry', async () => {
    expect(await verifyAuditChain(database())).toMatchObject({ ok: true });
  });
});
