/**
 * Regression (issue 11, item 12): correcting a line that pays out to a negative amount is a 422
 * naming amountMinor, and the line is unchanged; a correction to 0 or another positive amount works.
 */
import { beforeAll, expect, it } from 'vitest';
import { describeEngines } from './engines.ts';
import { cookieSession } from './fixtures/admin-session.ts';
import { partnerSaleFirm, type PartnerSaleFirm } from './fixtures/partner-sale.ts';
import { readJson } from './fixtures/read-json.ts';

describeEngines('security: a correction cannot flip the sign of a line', (database) => {
  let p: PartnerSaleFirm;
  let admin: Record<string, string>;
  let line: { id: string; amountMinor: number };
  const correct = (amountMinor: number) =>
    Promise.resolve(
      p.app.request(`/api/commission-lines/${line.id}/correct`, {
        method: 'POST',
        headers: { ...admin, 'content-type': 'application/json' },
        body: JSON.stringify({ amountMinor, reason: 'Bank potwierdził inną kwotę' }),
      }),
    );
  beforeAll(async () => {
    p = await partnerSaleFirm(database());
    admin = await cookieSession(p.app, 'admin@kredyt-dom.pl');
    const lines = await readJson(await p.app.request('/api/commission-lines?ledger=advisor', { headers: admin }));
    line = lines.items.find((l: { amountMinor: number }) => l.amountMinor > 0);
  });

  it('-1 gr on a positive line is 422 /amountMinor and changes nothing', async () => {
    const res = await correct(-100);
    const body = await readJson(res);
    expect(res.status).toBe(422);
    expect(body.error.details.problems[0].path).toBe('/amountMinor');
    const after = await readJson(await p.app.request('/api/commission-lines?ledger=advisor', { headers: admin }));
    expect(after.items.find((l: { id: string }) => l.id === line.id).amountMinor).toBe(line.amountMinor);
  });

  it('0 and a smaller positive amount are accepted', async () => {
    expect((await correct(0)).status).toBe(200);
    expect((await correct(Math.floor(line.amountMinor / 2))).status).toBe(200);
  });
});
