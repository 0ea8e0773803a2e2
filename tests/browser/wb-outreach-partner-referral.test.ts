/**
 * Issue 13 item 9 in Chromium on the real server: a partner's representative signs in on the partner
 * portal from a 390×844 phone, submits a referral with the lead form in partner mode typing its own
 * reference, sees it in the list by that reference beside the CRM's code, and finds it by searching;
 * a reused reference and a bad phone get Polish messages beside the fields; a double click makes one
 * lead. Nothing scrolls sideways, the PL/EN switch stays on screen and switches the form too; axe-core
 * finds nothing serious at each step; the console stays quiet. The same list on a 1366×768 desktop.
 * Screenshots: /tmp/wb-outreach-shots/partner-*.png.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCrm, type Crm } from '../../core/crm.ts';
import type { HttpEnv } from '../../core/http/env.ts';
import { createServerApp } from '../../core/http/server-app.ts';
import { staticFiles } from '../../core/http/static-files.ts';
import { createPartner } from '../../core/partners/partners.ts';
import { addPartnerPerson, createPartnerLogin } from '../../core/partners/people.ts';
import { freshDatabase } from '../engines.ts';
import { demoConfig, PASSWORD, smallFirm } from '../fixtures/small-firm.ts';
import { axeProblems } from './axe.ts';
import { builtWidgets, WIDGET_BUILD_WAIT_MS } from './built-widgets.ts';
import { launchChromium, type BrowserSession } from './chromium.ts';

const shots = '/tmp/wb-outreach-shots';
let browser: BrowserSession;
let server: ServerType;
let origin = '';
let crm: Crm;
let db: Awaited<ReturnType<typeof freshDatabase>>;
let partnerEmail = '';

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  const widgetsDir = await builtWidgets();
  db = await freshDatabase('libsql');
  const f = await smallFirm(db);
  const base = demoConfig();
  crm = await createCrm({
    config: {
      ...base,
      leads: {
        ...base.leads,
        assignment: { roles: ['advisor'], rules: [{ id: 'all', user: 'anna.nowak@kredyt-dom.pl' }] },
      },
    },
    database: db,
  });
  f.clock.set(new Date());
  const admin = await crm.asUser(f.users.admin.id);
  const agency = await createPartner(admin, { name: 'Biuro Nieruchomości Bursztyn', type: 'real-estate-agency' });
  const jola = await addPartnerPerson(admin, agency.id, { name: 'Jolanta Agentka', email: 'jola@bursztyn.example' });
  partnerEmail = (await createPartnerLogin(admin, agency.id, jola.id, { password: PASSWORD })).email;
  const app = new Hono<HttpEnv>();
  app.use('/widgets/*', staticFiles('/widgets', widgetsDir));
  app.route('/', createServerApp(crm, { log: () => {} }));
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, WIDGET_BUILD_WAIT_MS);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await db?.drop();
});

const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });
const noSideways = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
const leadsOf = (reference: string) =>
  db.db.select({ id: db.t.leads.id }).from(db.t.leads).where(eq(db.t.leads.partnerReference, reference));

it(
  'a partner refers a client from a phone with its own reference and finds it by that reference',
  { timeout: 120_000 },
  async () => {
    const w = await browser.newPage();
    const p = w.page;
    await p.setViewportSize({ width: 390, height: 844 });
    await p.goto(`${origin}/examples/partner-portal/`);
    await p.getByLabel('E-mail').fill(partnerEmail);
    await p.getByLabel('Hasło').fill(PASSWORD);
    await p.getByRole('button', { name: 'Zaloguj' }).click();
    await p.locator('crm-partner-view [part=total]').getByText('0 poleceń').waitFor();
    expect(await noSideways(p)).toBe(true);
    const en = await p.getByRole('button', { name: 'EN', exact: true }).boundingBox();
    expect(en!.x + en!.width).toBeLessThanOrEqual(390); // the language switch stays on screen
    expect(await axeProblems(p)).toEqual([]);
    await p.screenshot({ path: join(shots, 'partner-phone-signed-in.png'), fullPage: true });

    await p.getByText('Poleć klienta').click();
    const form = p.locator('crm-lead-form');
    await form.locator('input[name=reference]').waitFor();
    await form.locator('input[name=reference]').fill('BN-2026-051');
    await form.locator('input[name=firstName]').fill('Zofia');
    await form.locator('input[name=lastName]').fill('Polecona');
    await form.locator('input[name=phone]').fill('12 34');
    await form.locator('input[name=consent-contact]').check();
    await form.locator('button[type=submit]').click();
    await eventually(() => form.locator('#e-phone').textContent()).toBe(
      'Podaj poprawny numer telefonu, np. 601 234 567.',
    );
    expect(await noSideways(p)).toBe(true);
    expect(await axeProblems(p)).toEqual([]);
    await p.screenshot({ path: join(shots, 'partner-phone-bad-phone.png'), fullPage: true });

    await form.locator('input[name=phone]').fill('601 234 567');
    await form.locator('button[type=submit]').dblclick(); // a double click makes one referral
    await eventually(() => form.locator('[part=message]').textContent()).toBe(
      'Dziękujemy! Polecenie BN-2026-051 zostało przyjęte.',
    );
    expect(await leadsOf('BN-2026-051')).toHaveLength(1);
    const row = p.locator('crm-partner-view tr[part=row]');
    await eventually(() => row.count()).toBe(1);
    expect(await row.locator('th').textContent()).toContain('BN-2026-051');
    expect(await row.locator('td.code').textContent()).toMatch(/K-[0-9A-F]{8}/);
    expect(await p.locator('crm-partner-view input[type=search]').inputValue()).toBe('BN-2026-051');
    expect(await noSideways(p)).toBe(true);
    expect(await axeProblems(p)).toEqual([]);
    await p.screenshot({ path: join(shots, 'partner-phone-referred.png'), fullPage: true });

    // The same reference again: refused beside the field, in Polish; nothing stored twice.
    await form.locator('button[part=another]').click();
    await form.locator('input[name=reference]').fill('BN-2026-051');
    await form.locator('input[name=firstName]').fill('Adam');
    await form.locator('input[name=lastName]').fill('Drugi');
    await form.locator('input[name=phone]').fill('602 345 678');
    await form.locator('input[name=consent-contact]').check();
    await form.locator('button[type=submit]').click();
    await eventually(() => form.locator('#e-reference').textContent()).toBe(
      'Ten numer polecenia jest już użyty w innym poleceniu. Podaj inny.',
    );
    expect(await leadsOf('BN-2026-051')).toHaveLength(1);
    await p.screenshot({ path: join(shots, 'partner-phone-reference-taken.png'), fullPage: true });

    // Found by its own reference from the search, and by the CRM's code.
    await form.locator('input[name=reference]').fill('BN-2026-052');
    await form.locator('button[type=submit]').click();
    await eventually(() => form.locator('[part=message]').textContent()).toContain('BN-2026-052');
    await p.locator('crm-partner-view input[type=search]').fill('');
    await eventually(() => row.count()).toBe(2);
    await p.locator('crm-partner-view input[type=search]').fill('bn-2026-051');
    await eventually(() => row.count()).toBe(1);

    // English: the page, the list and the form switch together.
    await p.getByRole('button', { name: 'EN', exact: true }).click();
    await eventually(() => form.locator('label[part=field]').first().textContent()).toContain(
      'Your referral reference',
    );
    expect(await p.locator('crm-partner-view thead th').first().textContent()).toBe('Your reference');
    expect(await noSideways(p)).toBe(true);
    await p.screenshot({ path: join(shots, 'partner-phone-en.png'), fullPage: true });
    await p.getByRole('button', { name: 'PL', exact: true }).click();

    // A desktop: the table in full.
    await p.setViewportSize({ width: 1366, height: 768 });
    await p.locator('crm-partner-view input[type=search]').fill('');
    await eventually(() => row.count()).toBe(2);
    expect(await noSideways(p)).toBe(true);
    expect(await axeProblems(p)).toEqual([]);
    await p.screenshot({ path: join(shots, 'partner-desktop.png'), fullPage: true });
    // The server refused the bad phone and the reused reference (Chromium logs those as failed loads).
    expect(w.errors.filter((e) => !/status of (409|422)/.test(e))).toEqual([]);
    await p.close();
  },
);
