/**
 * @module scripts/widget-screenshots
 * Takes the screenshots of the widgets shown in `docs/widgets.md` and `docs/embedding.md`: it signs
 * in to a running demo (`npm start`) as the people who use each widget, opens the intranet's tabs,
 * the partner portal and the landing page in Chromium at 1366×768, and writes one PNG per widget to
 * `docs/img/widgets/<tag>.png`. `npm run docs:widgets` then links every PNG that exists.
 *
 * Usage: `npm start` in one terminal, then `npm run docs:screenshots [-- http://localhost:3000]`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { projectRoot } from '../rollup.config.ts';

const base = (process.argv[2] ?? 'http://localhost:3000').replace(/\/$/, '');
const out = join(projectRoot, 'docs', 'img', 'widgets');
const password = 'demo-kredyt-2026';
const maxHeight = 900;

/** Signs in on a page with the intranet's or the partner portal's form. */
async function signIn(page: Page, url: string, email: string): Promise<void> {
  await page.goto(url);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.waitForSelector('#sign-in', { state: 'hidden' }).catch(() => undefined);
}

/** Waits until a widget has rendered past its loading state, then writes its PNG. */
async function shoot(page: Page, selector: string, tag: string): Promise<void> {
  const el = page.locator(selector).first();
  await el.waitFor({ state: 'visible', timeout: 20_000 });
  await page.waitForLoadState('networkidle');
  // Loaded: nothing inside says "Ładowanie…" (loading) any more.
  await page.waitForFunction(
    (e) => !(e as { shadowRoot?: { textContent: string | null } }).shadowRoot?.textContent?.includes('Ładowanie'),
    await el.elementHandle(),
    { timeout: 20_000 },
  );
  // A long list is shown by its first screenful, as a person first sees it.
  await el.evaluate((e, max) => {
    Object.assign((e as unknown as { style: object }).style, {
      display: 'block',
      maxHeight: `${max}px`,
      overflow: 'hidden',
    });
  }, maxHeight);
  await el.scrollIntoViewIfNeeded();
  await el.screenshot({ path: join(out, `${tag}.png`) });
  console.log(`docs/img/widgets/${tag}.png`);
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env['CRM_CHROMIUM'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const viewport = { width: 1366, height: 768 };
  try {
    // A branch manager's day: the client list, a client's card, status and history, the calendar,
    // the commission review and the dashboard.
    const manager = await (await browser.newContext({ viewport, locale: 'pl-PL' })).newPage();
    await signIn(manager, `${base}/`, 'malgorzata.wrobel@kredyt-dom.pl');
    await shoot(manager, 'crm-client-list', 'crm-client-list');
    await manager.locator('crm-client-list').locator('tbody tr').first().click();
    await shoot(manager, 'crm-client-card', 'crm-client-card');
    await shoot(manager, 'crm-status-picker', 'crm-status-picker');
    await shoot(manager, 'crm-timeline', 'crm-timeline');
    await manager.click('[data-tab=calendar]');
    // The demo's meetings are in the week after it was seeded: an advisor's next week.
    const calendar = manager.locator('crm-calendar');
    await calendar.locator('select').first().waitFor();
    const advisorOption = calendar.locator('select option', { hasText: 'Magdalena' }).first();
    if (await advisorOption.count())
      await calendar
        .locator('select')
        .first()
        .selectOption((await advisorOption.getAttribute('value'))!);
    await calendar.locator('button', { hasText: '›' }).click();
    await shoot(manager, 'crm-calendar', 'crm-calendar');
    await manager.click('[data-tab=commissions]');
    await shoot(manager, 'crm-commission-review', 'crm-commission-review');
    await manager.click('[data-tab=reports]');
    // The last full month, which has the demo's sales.
    const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 15));
    await manager.locator('crm-dashboard input[type=date]').fill(lastMonth.toISOString().slice(0, 10));
    await manager.locator('crm-dashboard input[type=date]').dispatchEvent('change');
    await shoot(manager, 'crm-dashboard', 'crm-dashboard');

    // An advisor's own commissions.
    const advisor = await (await browser.newContext({ viewport, locale: 'pl-PL' })).newPage();
    await signIn(advisor, `${base}/`, 'magdalena.lewandowska@kredyt-dom.pl');
    await advisor.click('[data-tab=commissions]');
    await shoot(advisor, 'crm-my-commissions', 'crm-my-commissions');

    // A partner's referrals, without personal data.
    const partner = await (await browser.newContext({ viewport, locale: 'pl-PL' })).newPage();
    await signIn(partner, `${base}/examples/partner-portal/`, 'jolanta.wrzesinska@bursztyn-nieruchomosci.pl');
    await shoot(partner, 'crm-partner-view', 'crm-partner-view');

    // A visitor's lead form on the landing page.
    const visitor = await (await browser.newContext({ viewport, locale: 'pl-PL' })).newPage();
    await visitor.goto(`${base}/examples/landing-page/`);
    await shoot(visitor, 'crm-lead-form', 'crm-lead-form');
  } finally {
    await browser.close();
  }
}

await main();
