/**
 * Issue 13 item 7 in Chromium on the server as `npm start` builds it (the demo's landing key, the
 * landing page as served with no test shim, e-mailed links to the pages this server serves): a
 * visitor sends the landing page's form; the assigned advisor's notice in the outbox names the
 * person, the phone, the source and links to the card (sealed in the row, readable when opened);
 * the advisor follows the link, signs in and lands on that client's card. axe-core finds nothing
 * serious; the console stays quiet. Screenshots: /tmp/wb-outreach-shots/notice-*.png.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCrm, type Crm } from '../../core/crm.ts';
import { createServerApp, linkToServedPages } from '../../core/http/index.ts';
import { openRecipient } from '../../core/notifications/index.ts';
import { fixedClock } from '../../core/time/clock.ts';
import { ensureDemoLandingKey } from '../../examples/demo-firm/landing-key.ts';
import { freshDatabase } from '../engines.ts';
import { demoConfig, PASSWORD, smallFirm } from '../fixtures/small-firm.ts';
import { axeProblems } from './axe.ts';
import { builtWidgets, WIDGET_BUILD_WAIT_MS } from './built-widgets.ts';
import { launchChromium, type BrowserSession } from './chromium.ts';

const shots = '/tmp/wb-outreach-shots';
let browser: BrowserSession;
let server: ServerType;
let crm: Crm;
let db: Awaited<ReturnType<typeof freshDatabase>>;
let origin = '';
/** The server's clock: "a person takes longer than the minimum fill time" is the clock moved, not a sleep. */
const clock = fixedClock(new Date());

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  const widgetsDir = await builtWidgets();
  db = await freshDatabase('libsql');
  await smallFirm(db);
  const base = demoConfig();
  const assignment = { roles: ['advisor'], rules: [{ id: 'www', user: 'anna.nowak@kredyt-dom.pl' }] };
  crm = await createCrm({ config: { ...base, leads: { ...base.leads, assignment } }, database: db, clock });
  let app: ReturnType<typeof createServerApp> | undefined;
  server = serve({ fetch: (req) => app!.fetch(req), port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  // What `npm start` does: the demo's key for the origins it serves on, links to the pages it serves.
  linkToServedPages(crm, origin);
  app = createServerApp(crm, { log: () => {}, widgetsDir, landingPageKey: await ensureDemoLandingKey(crm, port) });
  browser = await launchChromium();
}, WIDGET_BUILD_WAIT_MS);

afterAll(async () => {
  await browser?.close();
  server?.close();
  await db?.drop();
});

it(
  "a visitor's lead reaches its advisor as a readable notice whose link opens the client's card",
  { timeout: 120_000 },
  async () => {
    const visitor = await browser.newPage();
    const page = visitor.page;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${origin}/examples/landing-page/`);
    const form = page.locator('crm-lead-form');
    await form.locator('input[name=lastName]').waitFor();
    await form.locator('input[name=firstName]').fill('Zofia');
    await form.locator('input[name=lastName]').fill('Wiśniewska');
    await form.locator('input[name=phone]').fill('601 234 567');
    await form.locator('input[name=consent-contact]').check();
    clock.advance(5_000); // a person takes longer than the minimum fill time
    await form.locator('button').click();
    await expect.poll(() => form.locator('[part=message]').textContent(), { timeout: 20_000 }).toContain('Dziękujemy');
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: join(shots, 'notice-landing-sent.png'), fullPage: true });
    expect(visitor.errors).toEqual([]);

    const [lead] = await db.db.select().from(db.t.leads);
    const [row] = await db.db
      .select()
      .from(db.t.outbox)
      .where(eq(db.t.outbox.subject, `client:${lead!.clientId}`));
    expect(row).toMatchObject({ purpose: 'lead-assigned', recipient: 'anna.nowak@kredyt-dom.pl' });
    expect(JSON.stringify(row!.payload)).not.toContain('Wiśniewska'); // sealed at rest
    const mail = openRecipient(crm.system(), row!).payload;
    if (mail.kind !== 'email') throw new Error('the notice is an e-mail');
    const link = `${origin}/examples/intranet/#client=${lead!.clientId}`;
    expect(mail.subject).toBe(`Nowy lead ${lead!.reference} (Formularz na stronie www)`);
    expect(mail.text.split('\n')).toEqual(
      expect.arrayContaining([
        'Imię i nazwisko / nazwa: Zofia Wiśniewska',
        'Telefon: 601 234 567',
        'Źródło: Formularz na stronie www',
        `Karta klienta: ${link}`,
      ]),
    );

    // The advisor follows the link, signs in, and the card of that client is open.
    const advisor = await browser.newPage();
    const p = advisor.page;
    await p.setViewportSize({ width: 1366, height: 768 });
    await p.goto(link);
    await p.locator('#email').fill('anna.nowak@kredyt-dom.pl');
    await p.locator('#password').fill(PASSWORD);
    await p.locator('#login-button').click();
    await expect
      .poll(() => p.locator('crm-client-card').evaluate((el) => el.shadowRoot?.textContent ?? ''), { timeout: 15_000 })
      .toContain('Wiśniewska');
    expect(await p.locator('#client-panels').isVisible()).toBe(true);
    expect(await axeProblems(p)).toEqual([]);
    await p.screenshot({ path: join(shots, 'notice-card-opened.png'), fullPage: true });
    expect(advisor.errors).toEqual([]);
  },
);
