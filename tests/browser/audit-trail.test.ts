/**
 * The audit trail on the client card, in real Chromium over a real server: the administrator opens
 * a client's card, opens "Kto przeglądał i zmieniał dane" and sees her own card opening and the
 * advisor's earlier call (its kind, not its note); the trail follows `<html lang>` to English; an
 * advisor (no audit:read) gets no trail on the card. axe-core finds nothing serious; no console
 * error. Screenshots: `node_modules/.cache/crm-widgets/audit-trail-*.png`.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { flushBuffered } from '../../core/audit/index.ts';
import { recordActivity } from '../../core/workflow/index.ts';
import { createServerApp } from '../../core/http/server-app.ts';
import type { HttpEnv } from '../../core/http/env.ts';
import { staticFiles } from '../../core/http/static-files.ts';
import { projectRoot } from '../../rollup.config.ts';
import { freshDatabase } from '../engines.ts';
import { PASSWORD, smallFirm, type SmallFirm } from '../fixtures/small-firm.ts';
import { axeProblems } from './axe.ts';
import { builtWidgets, WIDGET_BUILD_WAIT_MS } from './built-widgets.ts';
import { launchChromium, type BrowserSession } from './chromium.ts';

const shots = join(projectRoot, 'node_modules', '.cache', 'crm-widgets');
let browser: BrowserSession;
let server: ServerType;
let origin: string;
let firm: SmallFirm;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let target: string;
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  const widgetsDir = await builtWidgets();
  database = await freshDatabase('libsql');
  firm = await smallFirm(database);
  firm.clock.set(new Date()); // the browser keeps cookies by its own clock
  target = firm.clients.find((c) => c.owner === firm.users.anna.id && !c.partnerId)!.id;
  // The advisor records a call with her client: a change in the trail (its kind, never its note).
  const anna = await firm.crm.asUser(firm.users.anna.id);
  await recordActivity(anna, target, { type: 'call', note: 'Prosi o ofertę na 25 lat' });
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
  await database?.drop();
});

async function signIn(email: string) {
  const w = await browser.newPage();
  const p = w.page;
  await p.context().clearCookies(); // the pages share one browser context: sign in afresh
  await p.goto(`${origin}/`);
  await p.getByLabel('E-mail').fill(email);
  await p.getByLabel('Hasło').fill(PASSWORD);
  await p.getByRole('button', { name: 'Zaloguj' }).click();
  await p.locator(`crm-client-list tr[data-id="${target}"]`).click();
  await eventually(() => p.locator('crm-client-card h2').textContent()).toMatch(/^Klient Anna Nowak \d$/);
  return w;
}

it("shows who saw and changed the client's data on the card, in Polish and English", { timeout: 60_000 }, async () => {
  const w = await signIn('admin@kredyt-dom.pl');
  const p = w.page;
  await flushBuffered(firm.crm.database); // the card's opening is buffered up to 100 ms
  const trail = p.locator('crm-client-card crm-audit-trail');
  await trail.getByText('Kto przeglądał i zmieniał dane').click();
  const entries = trail.locator('li[part=entry]');
  await eventually(() => entries.count()).toBeGreaterThanOrEqual(2);
  const opened = entries.filter({ hasText: 'Otwarcie karty klienta' });
  expect(await opened.count()).toBe(1);
  expect(await opened.innerText()).toContain('Administrator Systemu');
  expect(await entries.first().getAttribute('data-kind')).toBe('read'); // newest first: this visit's reads
  const call = trail.locator('li[part=entry][data-kind=change]').filter({ hasText: 'Zapisany kontakt' });
  expect(await call.innerText()).toContain('Anna Nowak');
  expect(await trail.innerText()).not.toContain('Prosi o ofertę');
  expect(await axeProblems(p)).toEqual([]);
  await trail.scrollIntoViewIfNeeded();
  await p.screenshot({ path: join(shots, 'audit-trail-pl.png'), fullPage: true });

  await p.evaluate(() => document.documentElement.setAttribute('lang', 'en'));
  await eventually(() => entries.filter({ hasText: 'Client card opened' }).count()).toBe(1);
  expect(await trail.getByText('Who saw or changed the data').count()).toBe(1);
  await p.screenshot({ path: join(shots, 'audit-trail-en.png'), fullPage: true });
  expect(w.errors).toEqual([]);
  await p.close();
});

it('is not on the card of an advisor without audit:read', { timeout: 60_000 }, async () => {
  const w = await signIn('anna.nowak@kredyt-dom.pl');
  await eventually(() => w.page.locator('crm-client-card [part=status]').count()).toBe(1);
  expect(await w.page.locator('crm-client-card crm-audit-trail').count()).toBe(0);
  await w.page.close();
});
