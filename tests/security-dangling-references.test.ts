/**
 * Regression (issue 11, item 9): ids that point nowhere are refused with 422 naming the field —
 * a client's unitId / partnerId / referrerId, a user's supervisor or partner firm, and a user with
 * a partner role but no partner firm.
 */
import { beforeAll, expect, it } from 'vitest';
import { createHttpApi } from '../core/http/app.ts';
import { describeEngines } from './engines.ts';
import { readJson } from './fixtures/read-json.ts';
import { PASSWORD, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

describeEngines('security: dangling references are refused', (database) => {
  let f: SmallFirm;
  let app: ReturnType<typeof createHttpApi>;
  let admin: Record<string, string>;
  const send = (method: string, path: string, body: unknown) =>
    app.request(path, {
      method,
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const expect422 = async (res: Response, field: string) => {
    const body = await readJson(res);
    expect(res.status, JSON.stringify(body)).toBe(422);
    expect(body.error.details.problems.map((p: { path: string }) => p.path)).toContain(field);
  };

  beforeAll(async () => {
    f = await smallFirm(database());
    app = createHttpApi(f.crm, { log: () => {} });
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@kredyt-dom.pl', password: PASSWORD }),
    });
    admin = {
      cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!,
      'x-csrf-token': (await readJson(res)).csrfToken,
    };
  });

  const client = (extra: Record<string, unknown>) => ({
    kind: 'person',
    type: 'private',
    source: 'own-network',
    data: { firstName: 'Jan', lastName: 'Nowak' },
    ...extra,
  });

  it('a client in unit "nope" is 422 /unitId; nothing is stored', async () => {
    await expect422(await send('POST', '/api/clients', client({ unitId: 'nope' })), '/unitId');
    const list = await readJson(await app.request('/api/clients?limit=200', { headers: admin }));
    expect(list.items.some((c: { unitId: string }) => c.unitId === 'nope')).toBe(false);
  });

  it('a client referred by partner "nope" is 422 /partnerId, on create and on update', async () => {
    const referred = client({ type: 'partner-referred', source: 'real-estate-agency', partnerId: 'nope' });
    await expect422(await send('POST', '/api/clients', referred), '/partnerId');
    const ok = await send('POST', '/api/clients', client({}));
    expect(ok.status).toBe(201);
    const c = await readJson(ok);
    await expect422(
      await send('PATCH', `/api/clients/${c.id}`, {
        version: c.version,
        type: 'partner-referred',
        source: 'real-estate-agency',
        partnerId: 'nope',
      }),
      '/partnerId',
    );
  });

  it('a user with a supervisor "nope" is 422 /supervisorId (create and update)', async () => {
    const body = { email: 'nowy@kredyt-dom.pl', name: 'Nowy Doradca', roles: ['advisor'], unitId: f.units.gdansk.id };
    await expect422(await send('POST', '/api/users', { ...body, supervisorId: 'nope' }), '/supervisorId');
    await expect422(await send('PATCH', `/api/users/${f.users.anna.id}`, { supervisorId: 'nope' }), '/supervisorId');
    expect((await send('POST', '/api/users', { ...body, supervisorId: f.users.senior.id })).status).toBe(201);
  });

  it('a partner-role user with no partner firm is 422 /partnerId', async () => {
    const res = await send('POST', '/api/users', {
      email: 'partner2@example.pl',
      name: 'Partner Bez Firmy',
      roles: ['partner'],
    });
    await expect422(res, '/partnerId');
    await expect422(await send('PATCH', `/api/users/${f.users.anna.id}`, { roles: ['partner'] }), '/partnerId');
  });
});
