/**
 * Regression (issue 11, item 12): a cookie-authenticated write with `Origin: null` (a sandboxed
 * frame, a file: page) is refused like any foreign origin, even with the right CSRF token.
 */
import { beforeAll, expect, it } from 'vitest';
import { createHttpApi } from '../core/http/app.ts';
import { describeEngines } from './engines.ts';
import { cookieSession } from './fixtures/admin-session.ts';
import { readJson } from './fixtures/read-json.ts';
import { smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

describeEngines('security: Origin null on cookie writes', (database) => {
  let f: SmallFirm;
  let app: ReturnType<typeof createHttpApi>;
  let admin: Record<string, string>;
  beforeAll(async () => {
    f = await smallFirm(database());
    app = createHttpApi(f.crm, { log: () => {} });
    admin = await cookieSession(app, 'admin@kredyt-dom.pl');
  });
  const unit = (code: string) =>
    JSON.stringify({ code, name: 'Sopot', type: 'own-branch', parentId: f.units.north.id });

  it('Origin: null is 403 and nothing is created; the same request from our origin works', async () => {
    const res = await app.request('http://localhost/api/units', {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json', origin: 'null' },
      body: unit('SOP-N'),
    });
    expect(res.status).toBe(403);
    expect((await readJson(res)).error.details.reason).toBe('origin');
    const units = await readJson(await app.request('/api/units', { headers: admin }));
    expect(JSON.stringify(units)).not.toContain('SOP-N');
    const ok = await app.request('http://localhost/api/units', {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json', origin: 'http://localhost' },
      body: unit('SOP-O'),
    });
    expect(ok.status).toBe(201);
  });
});
