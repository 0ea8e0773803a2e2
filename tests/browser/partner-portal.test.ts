/**
 * The partner portal example in real Chromium against a real server: `createServerApp(crm)` on
 * 127.0.0.1 over a seeded small firm, two partner firms, and clients carrying canary personal and
 * financial data. A partner's representative signs in on the page and sees its referred clients'
 * references, statuses with their dated history, advisors and branches — and nothing of the
 * canary anywhere: not in the rendered page (shadow roots included) and not in any response the
 * page received. The other partner's clients and the firm's own are not there. The page runs under
 * its strict CSP, so a violation would surface as a console error.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../core/clients/create-client.ts';
import type { HttpEnv } from '../../core/http/env.ts';
import { createServerApp } from '../../core/http/server-app.ts';
import { staticFiles } from '../../core/http/static-files.ts';
import { receiveLead } from '../../core/leads/intake.ts';
import { createPartner } from '../../core/partners/partners.ts';
import { addPartnerPerson, createPartnerLogin } from '../../core/partners/people.ts';
import { transition } from '../../core/workflow/transition.ts';
import { projectRoot } from '../../rollup.config.ts';
import { freshDatabase } from '../engines.ts';
import { PASSWORD, smallFirm, type SmallFirm } from '../fixtures/small-firm.ts';
import { builtWidgets, WIDGET_BUILD_WAIT_MS } from './built-widgets.ts';
import { launchChromium, type BrowserSession, type WatchedPage } from './chromium.ts';

const shots = join(projectRoot, 'node_modules', '.cache', 'crm-widgets');
/** Canary personal and financial data planted in every client: none of it may reach a partner's page. */
const CANARY = {
  firstName: 'Kanarek',
  lastName: 'Żółtodziobski',
  pesel: '44051401359',
  idCardNumber: 'KNR 123456',
  email: 'kanarek.tajny@poczta.example',
  street: 'ul. Ptasia 13/7',
  postalCode: '80-123',
  netMonthlyIncomeMinor: 987654321,
};
const needles = [
  'Kanarek',
  'Żółtodziobski',
  'Zoltodziobski',
  '44051401359',
  'KNR 123456',
  '607123',
  '607 123',
  'kanarek.tajny',
  'Ptasia',
  '80-123',
  '987654321',
  '9876543,21',
  '9 876 543,21',
];
const leaks = (text: string) => needles.filter((n) => text.includes(n));

let browser: BrowserSession;
let server: ServerType;
let origin: string;
let firm: SmallFirm;
let drop: () => Promise<void>;
let partnerEmail = '';
const referred: string[] = [];
const foreign: string[] = [];

beforeAll(async () => {
  const widgetsDir = await builtWidgets();
  const database = await freshDatabase('libsql');
  drop = () => database.drop();
  firm = await smallFirm(database);
  // History dates a few days back, then the real now: the browser keeps cookies by its own clock.
  firm.clock.set(new Date(Date.now() - 5 * 86_400_000));
  const admin = await firm.crm.asUser(firm.users.admin.id);
  const agency = await createPartner(admin, { name: 'Biuro Nieruchomości Bursztyn', type: 'real-estate-agency' });
  const other = await createPartner(admin, { name: 'Deweloper Zielone Tarasy', type: 'developer' });
  const jola = await addPartnerPerson(admin, agency.id, { name: 'Jolanta Agentka', email: 'jola@bursztyn.example' });
  partnerEmail = (await createPartnerLogin(admin, agency.id, jola.id, { password: PASSWORD })).email;
  const anna = await firm.crm.asUser(firm.users.anna.id);
  const plant = async (partnerId: string | null, i: number) => {
    const c = await createClient(anna, {
      kind: 'person',
      type: partnerId ? 'partner-referred' : 'private',
      source: partnerId ? 'real-estate-agency' : null,
      partnerId,
      data: { ...CANARY, phone: `+48 607 123 98${i}`, email: `kanarek.tajny${i}@poczta.example` } as Record<
        string,
        unknown
      >,
    });
    return c.id;
  };
  for (let i = 0; i < 3; i++) referred.push(await plant(agency.id, i));
  foreign.push(await plant(other.id, 3), await plant(null, 4));
  firm.clock.advance(2 * 86_400_000);
  await transition(anna, referred[0]!, { to: 'contact' });
  await transition(anna, foreign[0]!, { to: 'contact' });
  const lead = await receiveLead(
    firm.crm.runtime,
    { kind: 'actor', actor: admin.actor },
    {
      clientType: 'partner-referred',
      source: 'real-estate-agency',
      partner: { id: agency.id, personId: jola.id, reference: 'BN-2026-042' },
      data: {
        firstName: CANARY.firstName,
        lastName: CANARY.lastName,
        phone: '+48 607 123 989',
        email: 'kanarek.tajny9@poczta.example',
      },
      consents: [{ purpose: 'contact', version: '2026-01' }],
    },
  );
  const [row] = await database.db.select({ clientId: database.t.leads.clientId }).from(database.t.leads);
  expect(lead.status).toBeLessThan(300);
  referred.push(row!.clientId);
  firm.clock.set(new Date());

  const app = new Hono<HttpEnv>();
  app.use('/widgets/*', staticFiles('/widgets', widgetsDir)); // this run's build, not dist/
  app.route('/', createServerApp(firm.crm, { log: () => {} }));
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, WIDGET_BUILD_WAIT_MS);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await drop?.();
});

/** What the page said, minus the browser's own line for each HTTP error (401 before sign-in is expected). */
const complaints = (w: WatchedPage) => w.errors.filter((e) => !e.startsWith('Failed to load resource'));
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });
const rowIds = (p: Page) =>
  p.locator('crm-partner-view tr[part=row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')).sort());

/** The page as rendered, every open shadow root spelled out, so widget text counts too. */
const renderedHtml = (p: Page) =>
  p.evaluate(() => {
    const walk = (root: Document | ShadowRoot | Element): string => {
      let out =
        root instanceof Document ? root.documentElement.outerHTML : root instanceof ShadowRoot ? root.innerHTML : '';
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out += `\n${walk(el.shadowRoot)}`;
      return out;
    };
    return walk(document);
  });

async function signIn(p: Page, email: string): Promise<void> {
  await browser.context.clearCookies();
  await p.goto(`${origin}/examples/partner-portal/`);
  await p.getByLabel('E-mail').fill(email);
  await p.getByLabel('Hasło').fill(PASSWORD);
  await p.getByRole('button', { name: 'Zaloguj' }).click();
}

describe('partner portal example page', { timeout: 60_000 }, () => {
  it("a partner signs in and sees its referred clients' statuses, and no planted personal data anywhere", async () => {
    const w = await browser.newPage();
    const p = w.page;
    const bodies: Array<Promise<string>> = [];
    const urls: string[] = [];
    p.on('response', (res) => {
      urls.push(new URL(res.url()).pathname);
      bodies.push(
        res.body().then(
          (b) => b.toString('utf8'),
          () => '',
        ),
      );
    });
    await signIn(p, partnerEmail);
    await p
      .locator('crm-partner-view tr[part=row]')
      .nth(referred.length - 1)
      .waitFor();
    expect(await p.locator('#partner-name').textContent()).toBe('Biuro Nieruchomości Bursztyn');
    expect(await p.locator('#user-name').textContent()).toBe('Jolanta Agentka');
    expect(await p.locator('crm-partner-view [part=partner]').textContent()).toBe('Biuro Nieruchomości Bursztyn');

    // Exactly its own referrals: not the other partner's, not the firm's own clients.
    expect(await rowIds(p)).toEqual([...referred].sort());
    const row = (id: string) => p.locator(`crm-partner-view tr[data-id="${id}"]`);
    await eventually(() => row(referred[0]!).locator('[part=status]').textContent()).toBe('Kontakt');
    expect(await row(referred[1]!).locator('[part=status]').textContent()).toBe('Nowy');
    expect(await row(referred[0]!).locator('td').nth(3).textContent()).toContain('Anna Nowak');
    expect(await row(referred[0]!).locator('td').nth(3).textContent()).toContain('Gdańsk Wrzeszcz');
    expect(await row(referred[3]!).locator('th').textContent()).toBe('BN-2026-042');
    // a lead no one took yet
    expect(await row(referred[3]!).locator('td').nth(3).textContent()).toBe('jeszcze nieprzydzielony');
    // The status history unfolds with a date per change.
    await row(referred[0]!).getByText('2 zmiany').click();
    expect(await row(referred[0]!).locator('[part=history] li').allTextContents()).toEqual([
      expect.stringMatching(/\d{4} Nowy$/),
      expect.stringMatching(/\d{4} Kontakt$/),
    ]);

    // Filter by status and search by reference.
    await p.locator('crm-partner-view select').selectOption({ label: 'Kontakt' });
    await eventually(() => rowIds(p)).toEqual([referred[0]]);
    await p.locator('crm-partner-view select').selectOption({ label: 'Każdy status' });
    await p.locator('crm-partner-view input[type=search]').fill('bn-2026');
    await eventually(() => rowIds(p)).toEqual([referred[3]]);
    await p.locator('crm-partner-view input[type=search]').fill('');
    await eventually(() => rowIds(p)).toHaveLength(referred.length);

    // A referral can be chosen from the keyboard; the page hears which one.
    await p.evaluate(() =>
      document.addEventListener('crm-referral-select', (e) => {
        (window as unknown as { picked?: string }).picked = (e as Event & { clientId: string }).clientId;
      }),
    );
    await row(referred[1]!).focus();
    await p.keyboard.press('Enter');
    await eventually(() => p.evaluate(() => (window as unknown as { picked?: string }).picked)).toBe(referred[1]);
    expect(await row(referred[1]!).getAttribute('aria-selected')).toBe('true');

    // Its own commissions sit under the referrals (none yet).
    await eventually(() => p.locator('crm-my-commissions h2').textContent()).toBe('Moje prowizje');

    // The page and the widgets switch to English together.
    await p.getByRole('button', { name: 'EN', exact: true }).click();
    await eventually(() => row(referred[0]!).locator('[part=status]').textContent()).toBe('First contact');
    expect(await p.locator('crm-partner-view h2').textContent()).toContain('Referred clients');
    expect(await p.locator('#sign-out').textContent()).toBe('Sign out');

    mkdirSync(shots, { recursive: true });
    await p.setViewportSize({ width: 1200, height: 800 });
    await row(referred[3]!)
      .getByText(/change/)
      .click();
    await p.screenshot({ path: join(shots, 'partner-portal.png'), fullPage: true });
    await p.getByRole('button', { name: 'PL', exact: true }).click();

    // Nothing planted reached the page: neither its HTML nor any response it received.
    const rendered = await renderedHtml(p);
    expect(rendered).toContain('BN-2026-042'); // the walk did reach inside the widgets' shadow roots
    expect(leaks(rendered)).toEqual([]);
    const texts = await Promise.all(bodies);
    expect(urls).toEqual(expect.arrayContaining(['/api/partner-portal/me', '/api/partner-portal/clients']));
    expect(texts.some((body) => body.includes('BN-2026-042'))).toBe(true); // the recorder did see the API's answers
    expect(texts.flatMap((body, i) => leaks(body).map((n) => `${urls[i]}: ${n}`))).toEqual([]);
    // The foreign ids are nowhere either.
    expect(texts.filter((body) => foreign.some((id) => body.includes(id)))).toEqual([]);

    await p.getByRole('button', { name: 'Wyloguj' }).click();
    await p.getByRole('button', { name: 'Zaloguj' }).waitFor();
    expect(complaints(w)).toEqual([]);
    await p.close();
  });

  it("turns away a login that is not a partner's", async () => {
    const w = await browser.newPage();
    const p = w.page;
    await signIn(p, 'anna.nowak@kredyt-dom.pl');
    await eventually(() => p.locator('#login-error').textContent()).toBe('To konto nie jest kontem partnera.');
    expect(await p.locator('crm-partner-view').count()).toBe(0);
    expect(complaints(w)).toEqual([]);
    await p.close();
  });
});
