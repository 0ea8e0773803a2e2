/**
 * The calendar over HTTP: validation (422), delegation outside scope (403), partners, reminders of a meeting, the
 * public .ics feed.
 */
import ICAL from 'ical.js';
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createHttpApi } from '../core/http/app.ts';
import { describeEngines } from './engines.ts';
import { PASSWORD, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';
import { readJson } from './fixtures/read-json.ts';

type App = ReturnType<typeof createHttpApi>;

describeEngines('calendar HTTP API', (database) => {
  let f: SmallFirm;
  let app: App;
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  async function as(email: string) {
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
    const { cookie, csrf } = s;
    return async (method: string, path: string, body?: unknown) => {
      const res = await app.request(`http://localhost${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrf,
          origin: 'http://localhost',
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return {
        status: res.status,
        body: res.headers.get('content-type')?.includes('json') ? await readJson(res) : await res.text(),
      };
    };
  }
  beforeAll(async () => {
    f = await smallFirm(database());
    app = createHttpApi(f.crm, { log: () => {} });
    const { db, t } = database();
    await db
      .update(t.clients)
      .set({ data: { firstName: 'Jan', lastName: 'Kowalski', phone: '600 100 200', smsConsent: true } })
      .where(eq(t.clients.id, f.clients[0]!.id));
  });

  it('books a meeting and shows its planned reminders; rejects an end before the start with 422', async () => {
    const anna = await as('anna.nowak@kredyt-dom.pl');
    const bad = await anna('POST', '/api/calendar/items', {
      kind: 'meeting',
      title: 'X',
      start: '2026-03-10T10:00',
      end: '2026-03-10T09:00',
    });
    expect([bad.status, bad.body.error.details.problems[0].path]).toEqual([422, '/end']);
    const made = await anna('POST', '/api/calendar/items', {
      kind: 'meeting',
      title: 'Oferta',
      start: '2026-03-10T10:00',
      end: '2026-03-10T11:00',
      clientId: f.clients[0]!.id,
      place: 'Gdańsk, ul. Długa 5',
    });
    expect(made.status).toBe(201);
    const r = await anna('GET', `/api/calendar/items/${made.body.item.id}/reminders`);
    expect(r.body.items.map((x: any) => [x.ruleId, x.sendAt, x.segments.encoding, x.outbox.status])).toEqual([
      ['24h', '2026-03-09T09:00:00.000Z', 'UCS-2', 'pending'],
      ['2h', '2026-03-10T07:00:00.000Z', 'GSM-7', 'pending'], // the demo's 2-hour template is gsm7: one part
    ]);
  });

  it('delegates in scope (201), refuses outside scope (403), and keeps partners out', async () => {
    const manager = await as('kierownik.gdansk@kredyt-dom.pl');
    const ok = await manager('POST', '/api/calendar/delegate', {
      title: 'Zadzwonić do banku',
      start: '2026-03-03T12:00',
      assigneeId: f.users.anna.id,
    });
    expect([ok.status, ok.body.item.kind, ok.body.item.delegatedById]).toEqual([201, 'task', f.users.manager.id]);
    const no = await manager('POST', '/api/calendar/delegate', {
      title: 'X',
      start: '2026-03-03T12:00',
      assigneeId: f.users.ewa.id,
    });
    expect(no.status).toBe(403);
    const partner = await as('biuro@nieruchomosci-bursztyn.pl');
    expect((await partner('GET', '/api/calendar?from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z')).status).toBe(403);
    const annaView = await (
      await as('anna.nowak@kredyt-dom.pl')
    )('GET', '/api/calendar?from=2026-03-03T00:00:00Z&to=2026-03-04T00:00:00Z');
    expect(annaView.body.items.find((e: any) => e.itemId === ok.body.item.id).delegatedBy.name).toBe(
      'Katarzyna Lewandowska',
    );
  });

  it('serves the feed at the secret .ics URL without a session, and stops after revoking', async () => {
    const anna = await as('anna.nowak@kredyt-dom.pl');
    const { body } = await anna('POST', '/api/calendar/feed-token');
    expect(body.url).toMatch(/^http:\/\/localhost\/api\/calendar\/feed\/[A-Za-z0-9_-]+\.ics$/);
    const res = await app.request(body.path);
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/calendar; charset=utf-8']);
    const events = new ICAL.Component(ICAL.parse(await res.text()))
      .getAllSubcomponents('vevent')
      .map((v) => new ICAL.Event(v));
    // Privacy by default: the client meeting "Oferta" shows without its title and place.
    expect(
      events
        .find((e) => e.summary === 'Spotkanie z klientem')
        ?.startDate.toJSDate()
        .toISOString(),
    ).toBe('2026-03-10T09:00:00.000Z');
    expect(events.some((e) => e.summary === 'Oferta' || /Długa/.test(e.location ?? ''))).toBe(false);
    await anna('DELETE', '/api/calendar/feed-token');
    expect((await app.request(body.path)).status).toBe(404);
    expect((await app.request('/api/calendar/feed/not-a-token')).status).toBe(404);
  });
});
