/**
 * @module tests/outbound-privacy
 * Issue 16 item 7, privacy by default on what leaves the firm. The iCal feed (a calendar service
 * reads it) carries times and no personal data by default — a client meeting shows as "Spotkanie z
 * klientem", without its title (often the client's name), note, place or link; an item with no
 * client keeps its title; a role the firm grants `calendar:disclose` gets the details. An SMS
 * reminder carries the date, time, place, advisor and firm only (a template asking for anything
 * else is refused by the config check), and its stored recipient is sealed. (Partner e-mails are
 * swept for every canary by tests/security/leak-sweep.test.ts.)
 */
import ICAL from 'ical.js';
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { createFeedToken, feedFor } from '../core/calendar/feed.ts';
import { createItem } from '../core/calendar/index.ts';
import { updateClient } from '../core/clients/index.ts';
import { createCrm } from '../core/crm.ts';
import { ConfigError, resolveConfig } from '../core/firm/index.ts';
import { describeEngines } from './engines.ts';
import { demoConfig, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

const events = (ics: string) =>
  new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));

describeEngines('calendar feed privacy', (database) => {
  let f: SmallFirm;
  let token: string;
  beforeAll(async () => {
    f = await smallFirm(database());
    const anna = await f.crm.asUser(f.users.anna.id);
    const client = f.clients.find((c) => c.owner === f.users.anna.id && !c.partnerId)!.id;
    const sys = f.crm.system('canary');
    await updateClient(sys, client, {
      version: 1,
      data: {
        firstName: 'Jan',
        lastName: 'Kanarkowski',
        pesel: '44051401359',
        phone: '+48 699 111 222',
        smsConsent: true,
      },
    });
    await createItem(anna, {
      kind: 'meeting',
      title: 'Jan Kanarkowski — podpisanie umowy',
      start: '2026-03-12T10:00',
      end: '2026-03-12T11:00',
      clientId: client,
      place: 'ul. Kanarkowa 7, Gdańsk',
      note: 'Klient pyta o wcześniejszą spłatę',
    });
    await createItem(anna, {
      kind: 'block',
      title: 'Szkolenie produktowe',
      start: '2026-03-13T10:00',
      end: '2026-03-13T12:00',
      note: 'Sala 2',
    });
    token = (await createFeedToken(anna)).token;
  });

  it('without calendar:disclose: no client title, note, place or link; own items keep their title', async () => {
    const ics = await feedFor(f.crm.system('ical'), token);
    const list = events(ics);
    expect(list.map((e) => e.summary).sort()).toEqual(['Spotkanie z klientem', 'Szkolenie produktowe']);
    for (const secret of ['Kanark', 'wcześniejszą', 'Sala 2', 'LOCATION', 'DESCRIPTION'])
      expect(ics).not.toContain(secret);
  });

  it('a role granted calendar:disclose gets titles, notes and places', async () => {
    const config = demoConfig();
    const roles = config.roles as Record<string, { permissions: Record<string, string> }>;
    roles.advisor!.permissions['calendar:disclose'] = 'own';
    const crm = await createCrm({ config, database: database(), clock: f.clock });
    const list = events(await feedFor(crm.system('ical'), token));
    const meeting = list.find((e) => e.summary.startsWith('Jan Kanarkowski'));
    expect(meeting?.location).toBe('ul. Kanarkowa 7, Gdańsk');
    expect(meeting?.description).toBe('Klient pyta o wcześniejszą spłatę');
  });

  it('an SMS reminder names no client: date, time, place, advisor, firm; its stored recipient is sealed', async () => {
    const { db, t } = database();
    const rows = await db.select().from(t.outbox).where(eq(t.outbox.purpose, 'meeting-reminder'));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      const text = JSON.stringify(r.payload);
      for (const secret of ['Kanarkowski', 'Jan ', '44051401359', '699111222', '699 111 222'])
        expect(text).not.toContain(secret);
      expect(r.recipient).not.toContain('699111222');
      expect(r.recipient).toMatch(/^enc:v1:/);
    }
  });

  it('a reminder template asking for client data is refused by the config check', () => {
    const config = demoConfig() as unknown as { reminders: { template: string } };
    config.reminders.template = 'Spotkanie {date} {time}, klient {client} PESEL {pesel}';
    expect(() => resolveConfig(config as never)).toThrow(ConfigError);
    expect(() => resolveConfig(config as never)).toThrow(/unknown placeholder \{client\}/);
  });
});
