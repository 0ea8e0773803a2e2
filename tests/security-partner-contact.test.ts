/**
 * Regression (issue 11, item 12): a partner firm's NIP is checksum-checked (stored as 10 digits),
 * its postcode must be a Polish one, and a representative's phone number is checked and stored
 * normalised — free text is a 422 naming the field.
 */
import { beforeAll, expect, it } from 'vitest';
import { createHttpApi } from '../core/http/app.ts';
import { describeEngines } from './engines.ts';
import { cookieSession } from './fixtures/admin-session.ts';
import { readJson } from './fixtures/read-json.ts';
import { smallFirm } from './fixtures/small-firm.ts';

describeEngines('security: partner NIP, postcode and phone are validated', (database) => {
  let app: ReturnType<typeof createHttpApi>;
  let admin: Record<string, string>;
  const send = (method: string, path: string, body: unknown) =>
    Promise.resolve(
      app.request(path, {
        method,
        headers: { ...admin, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
  const refused = async (res: Response, field: string) => {
    const body = await readJson(res);
    expect(res.status, JSON.stringify(body)).toBe(422);
    expect(body.error.details.problems.map((x: { path: string }) => x.path)).toContain(field);
  };
  beforeAll(async () => {
    app = createHttpApi((await smallFirm(database())).crm, { log: () => {} });
    admin = await cookieSession(app, 'admin@kredyt-dom.pl');
  });

  it('a NIP with a wrong check digit is 422 /nip; a valid one is stored as digits', async () => {
    await refused(
      await send('POST', '/api/partners', { name: 'Zły NIP', type: 'developer', nip: '5260250275' }),
      '/nip',
    );
    const ok = await send('POST', '/api/partners', { name: 'Dobry NIP', type: 'developer', nip: '526-025-02-74' });
    expect(ok.status).toBe(201);
    const partner = await readJson(ok);
    expect(partner.nip).toBe('5260250274');
    await refused(await send('PATCH', `/api/partners/${partner.id}`, { nip: 'nie wiem' }), '/nip');
  });

  it('a postcode that is not 00-000 is 422 /address/postalCode', async () => {
    const body = { name: 'Adres', type: 'developer', address: { city: 'Gdańsk', postalCode: 'gdzieś tam' } };
    await refused(await send('POST', '/api/partners', body), '/address/postalCode');
  });

  it("a representative's phone must be a phone number; it is stored normalised", async () => {
    const partner = await readJson(await send('POST', '/api/partners', { name: 'Telefony', type: 'developer' }));
    await refused(
      await send('POST', `/api/partners/${partner.id}/people`, { name: 'Jola', phone: 'zadzwoń rano' }),
      '/phone',
    );
    const ok = await send('POST', `/api/partners/${partner.id}/people`, { name: 'Jola', phone: '600 100 200' });
    expect(ok.status).toBe(201);
    expect((await readJson(ok)).phone).toBe('+48600100200');
  });
});
