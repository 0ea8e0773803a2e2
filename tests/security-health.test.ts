/**
 * Regression (issue 11, item 12): /api/health tells an anonymous caller only that the service is
 * up — not which database it runs on or which version — and a signed-in caller the details.
 */
import { beforeAll, expect, it } from 'vitest';
import { createHttpApi } from '../core/http/app.ts';
import { describeEngines } from './engines.ts';
import { cookieSession } from './fixtures/admin-session.ts';
import { readJson } from './fixtures/read-json.ts';
import { smallFirm } from './fixtures/small-firm.ts';

describeEngines('security: health check', (database) => {
  let app: ReturnType<typeof createHttpApi>;
  beforeAll(async () => {
    app = createHttpApi((await smallFirm(database())).crm, { log: () => {}, version: '9.8.7' });
  });

  it('anonymous: { status: "ok" } and nothing else', async () => {
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ status: 'ok' });
    expect(text).not.toMatch(/sqlite|postgres|9\.8\.7/i);
  });

  it('signed in: the database kind and version', async () => {
    const h = await cookieSession(app, 'admin@kredyt-dom.pl');
    const body = await readJson(await app.request('/api/health', { headers: h }));
    expect(body).toMatchObject({ status: 'ok', version: '9.8.7' });
    expect(['sqlite', 'postgres']).toContain(body.database);
  });
});
