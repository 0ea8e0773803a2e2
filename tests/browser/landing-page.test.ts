/**
 * The landing page example in Chromium under a strict CSP header: `<crm-lead-form>` loads its
 * form from a real CRM server on another origin (public source key, CORS), a person's lead arrives
 * in the assigned advisor's list with source, partner and consents, a double submit makes one lead,
 * and bots (honeypot filled, or too fast) store nothing.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listClients } from '../../core/clients/list-clients.ts';
import { createCrm, type Crm } from '../../core/crm.ts';
import { createHttpApi } from '../../core/http/app.ts';
import { createSourceKey, type SourceKey } from '../../core/leads/source-keys.ts';
import { createPartner } from '../../core/partners/partners.ts';
import { fixedClock } from '../../core/time/clock.ts';
import { freshDatabase } from '../engines.ts';
import { demoConfig, smallFirm, type SmallFirm } from '../fixtures/small-firm.ts';
import { builtWidgets, WIDGET_BUILD_WAIT_MS } from './built-widgets.ts';
import { launchChromium, type BrowserSession } from './chromium.ts';
import { startStaticServer, type StaticServer } from './static-server.ts';

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src CRM; base-uri 'none'; form-action " +
  "'none'; frame-ancestors 'none'";
let browser: BrowserSession;
let site: StaticServer;
let server: ServerType;
let f: SmallFirm;
let crm: Crm;
let key: SourceKey;
let db: Awaited<ReturnType<typeof freshDatabase>>;
let apiOrigin = '';
/**
 * The server's clock, started at the real now and moved by the test: "a person takes longer than the
 * minimum fill time" is the clock moved past it, not the test sleeping through it.
 */
const clock = fixedClock(new Date());
const PERSON_FILL_MS = 2100; // minFillSeconds is 2

beforeAll(async () => {
  const widgetsDir = await builtWidgets();
  db = await freshDatabase('libsql');
  f = await smallFirm(db);
  const base = demoConfig();
  const config = {
    ...base,
    leads: {
      ...base.leads,
      spam: { ...base.leads.spam, minFillSeconds: 2 },
      assignment: { roles: ['advisor'], rules: [{ id: 'pomorze', unit: 'GDA-1' }] },
    },
  };
  crm = await createCrm({ config, database: db, clock });
  server = serve({ fetch: createHttpApi(crm, { log: () => {} }).fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  apiOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  site = await startStaticServer({
    widgetsDir,
    root: new URL('../../examples/landing-page/', import.meta.url).pathname,
  });
  const agency = await createPartner(crm.system(), { name: 'Bursztyn Nieruchomości', type: 'real-estate-agency' });
  key = await createSourceKey(await crm.asUser(f.users.admin.id), {
    name: 'Landing Bursztyn',
    clientType: 'partner-referred',
    source: 'real-estate-agency',
    origins: [site.origin],
    partnerId: agency.id,
  });
  const html = readFileSync(new URL('../../examples/landing-page/index.html', import.meta.url), 'utf8')
    .replace('bpk_REPLACE_WITH_YOUR_KEY', key.key)
    .replaceAll('https://crm.kredyt-dom.pl', apiOrigin);
  site.route('GET /landing', () => ({
    headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': CSP.replace('CRM', apiOrigin) },
    body: html,
  }));
  browser = await launchChromium();
}, WIDGET_BUILD_WAIT_MS);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  server?.close();
  await db?.drop();
});

const leadCount = async () => (await db.db.select({ id: db.t.leads.id }).from(db.t.leads)).length;

async function open(): Promise<{ page: Page; errors: string[]; csp: string[] }> {
  const { page, errors } = await browser.newPage();
  const csp: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
  });
  await page.goto(`${site.origin}/landing`);
  await page.locator('crm-lead-form input[name=lastName]').waitFor();
  return { page, errors, csp };
}

async function fill(page: Page, lastName: string, phone: string) {
  await page.locator('crm-lead-form input[name=firstName]').fill('Marta');
  await page.locator('crm-lead-form input[name=lastName]').fill(lastName);
  await page.locator('crm-lead-form input[name=phone]').fill(phone);
  await page.locator('crm-lead-form input[name=consent-contact]').check();
}

it("a person's lead sent under a strict CSP lands in the advisor's list with source, partner, consents", async () => {
  const { page, errors, csp } = await open();
  await fill(page, 'Landingowa', '601 700 800');
  clock.advance(PERSON_FILL_MS); // a person takes longer than the minimum fill time
  await page.locator('crm-lead-form button').click();
  await expect
    .poll(() => page.locator('crm-lead-form [part=message]').textContent(), { timeout: 20_000 })
    .toContain('Dziękujemy');
  expect(errors).toEqual([]);
  expect(csp).toEqual([]);
  const [lead] = await db.db.select().from(db.t.leads);
  const advisor = await crm.asUser(lead!.assignedTo!);
  const page1 = await listClients(advisor, {});
  const client = page1.items.find((c) => c.id === lead!.clientId)!;
  expect(client).toMatchObject({
    source: 'real-estate-agency',
    partnerId: key.partnerId,
    data: expect.objectContaining({ lastName: 'Landingowa' }),
  });
  expect(await db.db.select({ purpose: db.t.leadConsents.purpose }).from(db.t.leadConsents)).toEqual([
    { purpose: 'contact' },
  ]);
});

it('makes one lead from a double click and a retried submit', async () => {
  const before = await leadCount();
  const { page } = await open();
  await fill(page, 'Dwuklik', '601 700 801');
  clock.advance(PERSON_FILL_MS);
  await page.locator('crm-lead-form button').dblclick();
  await page.locator('crm-lead-form form').evaluate((form: HTMLFormElement) => {
    form.requestSubmit();
    form.requestSubmit();
  });
  await expect
    .poll(() => page.locator('crm-lead-form [part=message]').textContent(), { timeout: 20_000 })
    .toContain('Dziękujemy');
  expect(await leadCount()).toBe(before + 1);
});

it('stores nothing for a bot: the honeypot filled, or sent faster than a person can type', async () => {
  const before = await leadCount();
  const trap = await open();
  await fill(trap.page, 'Pułapka', '601 700 802');
  await trap.page.locator('crm-lead-form .trap input').evaluate((i: HTMLInputElement) => {
    i.value = 'https://spam.example';
  });
  clock.advance(PERSON_FILL_MS);
  await trap.page.locator('crm-lead-form button').click();
  await expect
    .poll(() => trap.page.locator('crm-lead-form [part=message]').textContent(), { timeout: 20_000 })
    .toContain('Dziękujemy');
  const fast = await open();
  // A bot fills and sends in one go, well inside the minimum fill time.
  await fast.page.locator('crm-lead-form form').evaluate((form: HTMLFormElement) => {
    for (const [name, value] of [
      ['firstName', 'Bot'],
      ['lastName', 'Szybki'],
      ['phone', '601 700 803'],
    ])
      (form.elements.namedItem(name!) as HTMLInputElement).value = value!;
    (form.elements.namedItem('consent-contact') as HTMLInputElement).checked = true;
    form.requestSubmit();
  });
  await expect
    .poll(() => fast.page.locator('crm-lead-form [part=message]').textContent(), { timeout: 20_000 })
    .toContain('Dziękujemy');
  expect(await leadCount()).toBe(before);
});
