/**
 * Issue 17 item 3, the partners screen's API on both engines: a bad NIP is a 422 naming /nip; a
 * representative's edit, a portal login with an e-mailed invitation (one sealed outbox row, the
 * link to the partner portal), a report subscription and a report sent now each land in the audit
 * log; a second login for the same representative is a 409 and sends nothing.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createCrm, type Crm } from '../core/crm.ts';
import { createHttpApi } from '../core/http/app.ts';
import { describeEngines } from './engines.ts';
import { readJson } from './fixtures/read-json.ts';
import { demoConfig, PASSWORD, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

describeEngines('partners administration', (database) => {
  let f: SmallFirm;
  let crm: Crm;
  let app: ReturnType<typeof createHttpApi>;
  let s = { cookie: '', csrf: '' };
  const call = (method: string, path: string, body?: unknown) =>
    Promise.resolve(
      app.request(`http://localhost${path}`, {
        method,
        headers: {
          cookie: s.cookie,
          'x-csrf-token': s.csrf,
          origin: 'http://localhost',
          'content-type': 'application/json',
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
  const auditOf = async (entityId: string) =>
    (await database().db.select().from(database().t.auditLog).where(eq(database().t.auditLog.entityId, entityId))).map(
      (r) => r.action,
    );

  beforeAll(async () => {
    f = await smallFirm(database());
    const base = demoConfig();
    crm = await createCrm({
      config: { ...base, firm: { ...base.firm, partnerPortalUrl: 'https://partnerzy.kredyt-dom.example/' } },
      database: database(),
      clock: f.clock,
    });
    app = createHttpApi(crm, { log: () => {} });
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@kredyt-dom.pl', password: PASSWORD }),
    });
    s = {
      cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!,
      csrf: ((await res.json()) as { csrfToken: string }).csrfToken,
    };
  });

  it('audits every change and e-mails a portal login invitation once', async () => {
    const bad = await call('POST', '/api/partners', { name: 'Zły NIP', type: 'developer', nip: '123-456-78-90' });
    expect(bad.status).toBe(422);
    expect((await readJson(bad)).error.details.problems[0].path).toBe('/nip');

    const created = await call('POST', '/api/partners', {
      name: 'Bursztyn Nieruchomości',
      type: 'real-estate-agency',
      nip: '526-025-02-74',
      contactEmails: ['biuro@bursztyn.example'],
    });
    expect(created.status).toBe(201);
    const partner = await readJson(created);
    expect(partner.nip).toBe('5260250274');
    const person = await readJson(
      await call('POST', `/api/partners/${partner.id}/people`, { name: 'Jola', email: 'jola@bursztyn.example' }),
    );
    expect(
      (await call('PATCH', `/api/partners/${partner.id}/people/${person.id}`, { name: 'Jolanta Agentka' })).status,
    ).toBe(200);

    const login = await call('POST', `/api/partners/${partner.id}/people/${person.id}/login`, {
      invite: true,
      lang: 'pl',
    });
    expect(login.status).toBe(201);
    const { user, invitedUntil } = await readJson(login);
    expect(user).toMatchObject({ email: 'jola@bursztyn.example', partnerId: partner.id, roles: ['partner'] });
    expect(Date.parse(invitedUntil)).toBeGreaterThan(f.clock.now().getTime());
    const again = await call('POST', `/api/partners/${partner.id}/people/${person.id}/login`, { invite: true });
    expect(again.status).toBe(409);
    const { db, t } = database();
    const mails = await db
      .select()
      .from(t.outbox)
      .where(and(eq(t.outbox.purpose, 'user-invitation'), eq(t.outbox.subject, `user:${user.id}`)));
    expect(mails).toHaveLength(1);
    expect(JSON.stringify(mails[0]!.payload)).not.toContain('partnerzy.kredyt-dom.example'); // sealed

    const sub = await call('PUT', `/api/partners/${partner.id}/reports`, {
      frequency: 'monthly',
      emails: ['biuro@bursztyn.example'],
    });
    expect(sub.status).toBe(200);
    const sent = await call('POST', `/api/partners/${partner.id}/reports/send`, {
      from: '2026-02-01T00:00:00+01:00',
      to: '2026-03-01T00:00:00+01:00',
    });
    expect(sent.status).toBe(202);
    expect(await auditOf(partner.id)).toEqual([
      'partner.create',
      'partner.person.add',
      'partner.person.update',
      'partner.login.create',
      'partner.report.subscribe',
      'partner.report.send',
    ]);
    expect(await auditOf(user.id)).toContain('user.invite');
  });
});
