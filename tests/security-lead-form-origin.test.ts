/**
 * Regression (issue 11, item 7): the lead form loads from the CRM's own origin, where the browser
 * sends no Origin header on a GET; a cross-site page still needs an allowed origin, and sending a
 * lead still needs one.
 */
import { beforeAll, expect, it } from 'vitest';
import { createHttpApi } from '../core/http/app.ts';
import { createSourceKey } from '../core/leads/source-keys.ts';
import { describeEngines } from './engines.ts';
import { readJson } from './fixtures/read-json.ts';
import { smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

describeEngines('security: the lead form from the CRM origin', (database) => {
  let f: SmallFirm;
  let app: ReturnType<typeof createHttpApi>;
  let key = '';
  beforeAll(async () => {
    f = await smallFirm(database());
    app = createHttpApi(f.crm, { log: () => {} });
    const admin = await f.crm.asUser(f.users.admin.id);
    key = (
      await createSourceKey(admin, {
        name: 'Strona firmy',
        clientType: 'company-acquired',
        source: 'website-form',
        origins: ['https://www.kredyt-dom.pl'],
      })
    ).key;
  });

  it('a same-origin GET (no Origin header) gets the form and a form token', async () => {
    const res = await app.request(`https://crm.kredyt-dom.pl/api/leads/form?key=${key}`, {
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(res.status).toBe(200);
    const body = await readJson(res);
    expect(typeof body.token).toBe('string');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const bare = await app.request(`https://crm.kredyt-dom.pl/api/leads/form?key=${key}`);
    expect(bare.status).toBe(200);
  });

  it('a cross-site page is still checked: unknown origin 403, listed origin 200 with CORS', async () => {
    const evil = await app.request(`/api/leads/form?key=${key}`, { headers: { origin: 'https://evil.example' } });
    expect(evil.status).toBe(403);
    const cross = await app.request(`/api/leads/form?key=${key}`, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(cross.status).toBe(403);
    const ok = await app.request(`/api/leads/form?key=${key}`, { headers: { origin: 'https://www.kredyt-dom.pl' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://www.kredyt-dom.pl');
  });

  it('sending a lead without an Origin is still refused', async () => {
    const res = await app.request(`/api/leads?key=${key}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: { firstName: 'Jan' }, consents: [] }),
    });
    expect(res.status).toBe(403);
  });
});
