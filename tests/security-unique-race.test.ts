/**
 * Regression (issue 11, item 12): two requests creating a user with one e-mail, or a unit with one
 * code, at the same moment: one 201 and one 409 — never a 500. The unique index decides; its error
 * is mapped to the same 409 the pre-check gives.
 */
import { beforeAll, expect, it } from 'vitest';
import { createHttpApi } from '../core/http/app.ts';
import { describeEngines } from './engines.ts';
import { readJson } from './fixtures/read-json.ts';
import { PASSWORD, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

describeEngines('security: concurrent creation with one unique value', (database) => {
  let f: SmallFirm;
  let app: ReturnType<typeof createHttpApi>;
  let admin: Record<string, string>;
  const post = (path: string, body: unknown) =>
    Promise.resolve(
      app.request(path, {
        method: 'POST',
        headers: { ...admin, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );

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

  it('8 concurrent users with one e-mail: exactly one 201, the rest 409 naming /email', async () => {
    const all = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        post('/api/users', {
          email: 'Bliźniak@kredyt-dom.pl',
          name: `Bliźniak ${i}`,
          roles: ['advisor'],
          unitId: f.units.gdansk.id,
        }),
      ),
    );
    const statuses = all.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    for (const r of all.filter((x) => x.status === 409)) expect((await readJson(r)).error.details.field).toBe('/email');
  });

  it('8 concurrent units with one code: exactly one 201, the rest 409 naming /code', async () => {
    const all = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        post('/api/units', { code: 'SOP-1', name: `Sopot ${i}`, type: 'own-branch', parentId: f.units.north.id }),
      ),
    );
    expect(all.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
  });
});
