import { beforeAll, expect, it } from 'vitest';
import { createHttpApi } from '../core/http/app.ts';
import { describeEngines } from './engines.ts';
import { PASSWORD, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';
import { readJson } from './fixtures/read-json.ts';

type App = ReturnType<typeof createHttpApi>;

describeEngines('workflow HTTP API', (database) => {
  let f: SmallFirm;
  let app: App;
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  async function call(email: string, method: string, path: string, body?: unknown) {
    let s = sessions.get(email);
    if (!s) {
      const res = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      s = {
        cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!,
        csrf: ((await res.json()) as { csrfToken: string }).csrfToken,
      };
      sessions.set(email, s);
    }
    const res = await app.request(`http://localhost${path}`, {
      method,
      headers: {
        cookie: s.cookie,
        'x-csrf-token': s.csrf,
        origin: 'http://localhost',
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    // any: each test reads its own response shape
    return { status: res.status, body: (res.status === 204 ? null : await res.json()) as any };
  }
  const anna = 'anna.nowak@kredyt-dom.pl';
  beforeAll(async () => {
    f = await smallFirm(database());
    app = createHttpApi(f.crm, { log: () => {} });
  });

  it('serves the workflow definition for widgets', async () => {
    const r = await call(anna, 'GET', '/api/workflow');
    expect(r.status).toBe(200);
    expect(r.body.statuses.disbursed).toMatchObject({ sale: true, terminal: true, label: { pl: 'Uruchomienie' } });
    expect(Object.keys(r.body.activityTypes)).toEqual(['call', 'meeting', 'email', 'sms', 'note']);
  });

  it('moves a client, lists allowed moves, refuses with 409/403/422 naming what is allowed or missing', async () => {
    const id = f.clients.find((c) => c.owner === f.users.anna.id)!.id;
    const allowed = await call(anna, 'GET', `/api/clients/${id}/transitions`);
    expect(allowed.body.transitions.map((m: any) => m.to)).toEqual(['contact', 'resigned']);
    const wrongStep = await call(anna, 'POST', `/api/clients/${id}/transitions`, { to: 'disbursed' });
    expect(wrongStep.status).toBe(409);
    expect(wrongStep.body.error.details.allowed.map((m: any) => m.to)).toEqual(['contact', 'resigned']);
    const noNote = await call(anna, 'POST', `/api/clients/${id}/transitions`, { to: 'resigned' });
    expect(noNote.status).toBe(422);
    expect(noNote.body.error.details.problems[0].path).toBe('/note');
    const ok = await call(anna, 'POST', `/api/clients/${id}/transitions`, {
      to: 'resigned',
      note: 'Wybrał ofertę banku bezpośrednio',
      expectedVersion: 1,
    });
    expect(ok.status).toBe(201);
    expect(ok.body.client).toMatchObject({ status: 'resigned', version: 2 });
    const reopen = await call(anna, 'POST', `/api/clients/${id}/transitions`, { to: 'contact', note: 'wraca' });
    expect(reopen.status).toBe(403);
    expect(reopen.body.error.details.allowed).toEqual([]);
    const stale = await call('kierownik.gdansk@kredyt-dom.pl', 'POST', `/api/clients/${id}/transitions`, {
      to: 'contact',
      note: 'wraca',
      expectedVersion: 1,
    });
    expect(stale.status).toBe(409);
    const outside = await call(
      anna,
      'POST',
      `/api/clients/${f.clients.find((c) => c.owner === f.users.ewa.id)!.id}/transitions`,
      { to: 'contact' },
    );
    expect(outside.status).toBe(404);
  });

  it('records activities and shows them in the timeline; reports advisor activity for a day', async () => {
    const id = f.clients.filter((c) => c.owner === f.users.anna.id)[1]!.id;
    const bad = await call(anna, 'POST', `/api/clients/${id}/activities`, { type: 'call', at: 'yesterday' });
    expect(bad.status).toBe(422);
    const rec = await call(anna, 'POST', `/api/clients/${id}/activities`, {
      type: 'meeting',
      outcome: 'meeting-set',
      note: 'Spotkanie w oddziale',
      nextStep: { at: '2026-03-04T15:00:00Z', note: 'Przynieść PIT' },
    });
    expect(rec.status).toBe(201);
    const tl = await call(anna, 'GET', `/api/clients/${id}/timeline?limit=10`);
    expect(tl.body.items[0]).toMatchObject({ kind: 'activity', type: 'meeting', nextStep: { note: 'Przynieść PIT' } });
    expect(tl.body.nextCursor).toBeNull();
    const report = await call(
      'kierownik.gdansk@kredyt-dom.pl',
      'GET',
      '/api/reports/advisor-activity?from=2026-03-02&to=2026-03-02',
    );
    expect(report.status).toBe(200);
    expect(report.body.advisors).toEqual([
      expect.objectContaining({ name: 'Anna Nowak', statusChanges: 1, activities: 1 }),
    ]);
    expect((await call(anna, 'GET', '/api/reports/advisor-activity?from=nope&to=2026-03-02')).status).toBe(422);
  });
});
