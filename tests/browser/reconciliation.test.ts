/**
 * Bank reconciliation in real Chromium over a real server: the back office opens
 * `<crm-reconciliation>` for Bank Aurora's March, a statement in EUR is refused with the row named,
 * the right statement (Windows-1250 CSV) imports and shows one short-paid, one unexpected and one
 * missing line with the totals, the short payment is adjusted with a reason; screenshots for a
 * person to look at, axe-core finds no serious or critical problem.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyedHash } from '../../core/auth/index.ts';
import { createServerApp } from '../../core/http/server-app.ts';
import type { HttpEnv } from '../../core/http/env.ts';
import { staticFiles } from '../../core/http/static-files.ts';
import { newId } from '../../core/ids/id.ts';
import { transition } from '../../core/workflow/transition.ts';
import { seedCommissions } from '../../examples/demo-firm/seed-commissions.ts';
import { projectRoot } from '../../rollup.config.ts';
import { freshDatabase } from '../engines.ts';
import { smallFirm, type SmallFirm } from '../fixtures/small-firm.ts';
import { axeProblems } from './axe.ts';
import { builtWidgets, WIDGET_BUILD_WAIT_MS } from './built-widgets.ts';
import { launchChromium, type BrowserSession } from './chromium.ts';

const shots = join(projectRoot, 'node_modules', '.cache', 'crm-widgets');
const PESEL = '44051401359';
let browser: BrowserSession;
let server: ServerType;
let origin: string;
let firm: SmallFirm;
let drop: () => Promise<void>;

const page = (body: string) => `<!doctype html><html lang="pl"><head><meta charset="utf-8"><title>uzgodnienie</title>
<script type="module" src="/widgets/broker-crm-widgets.js"></script></head><body><main>${body}</main></body></html>`;
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });

function cp1250(text: string): Uint8Array {
  const map: Record<string, number> = {
    ą: 0xb9,
    ć: 0xe6,
    ę: 0xea,
    ł: 0xb3,
    ń: 0xf1,
    ó: 0xf3,
    ś: 0x9c,
    ź: 0x9f,
    ż: 0xbf,
  };
  return Uint8Array.from([...text].map((ch) => map[ch] ?? ch.charCodeAt(0)));
}
const header = 'Nr umowy;PESEL/NIP;Klient;Kwota prowizji;Data wypłaty;Waluta';

beforeAll(async () => {
  const widgetsDir = await builtWidgets();
  const database = await freshDatabase('libsql');
  drop = () => database.drop();
  firm = await smallFirm(database);
  firm.clock.set(new Date());
  await seedCommissions(firm.crm.system('seed'));
  firm.crm.config.reconciliation = {
    toleranceMinor: 100,
    dateToleranceDays: 45,
    followReceived: true,
    providers: {
      'bank-aurora': {
        columns: {
          reference: 'Nr umowy',
          identifier: 'PESEL/NIP',
          amount: 'Kwota prowizji',
          date: 'Data wypłaty',
          currency: 'Waluta',
        },
        ignoreColumns: ['Klient'],
        referenceField: 'loanNumber',
      },
    },
  };
  const sys = firm.crm.system('seed');
  const anna = await firm.crm.asUser(firm.users.anna.id);
  // Bank Aurora, March 2026 (1.50%): the firm expects 6 000, 4 500 and 7 500 zł.
  for (const [amountMinor, saleDate, data] of [
    [40_000_000, '2026-03-05', { loanNumber: 'AUR/2026/0001' }],
    [30_000_000, '2026-03-12', { pesel: PESEL }],
    [50_000_000, '2026-03-20', {}],
  ] as const) {
    const id = newId();
    const now = new Date();
    await database.db.insert(database.t.clients).values({
      id,
      kind: 'person',
      type: 'private',
      source: null,
      displayName: 'Grzegorz Brzęczyszczykiewicz',
      ownerId: firm.users.anna.id,
      unitId: firm.units.gdansk.id,
      partnerId: null,
      status: 'agreement-signed',
      data,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    if ('pesel' in data)
      await database.db
        .insert(database.t.clientKeys)
        .values({ clientId: id, field: 'pesel', kind: 'pesel', hash: keyedHash(sys.secret, 'pesel', PESEL) });
    await transition(anna, id, {
      to: 'disbursed',
      fields: { provider: 'bank-aurora', product: 'aurora-mortgage', amountMinor, saleDate },
    });
  }
  const app = new Hono<HttpEnv>();
  app.use('/widgets/*', staticFiles('/widgets', widgetsDir));
  app.get('/rec', (c) =>
    c.html(page('<crm-reconciliation provider="bank-aurora" period="2026-03"></crm-reconciliation>')),
  );
  app.get('/blank', (c) => c.html(page('')));
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

async function signIn(p: Page, email: string): Promise<void> {
  await browser.context.clearCookies();
  await p.goto(`${origin}/blank`);
  await p.evaluate(async (email) => {
    await fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'tajne-haslo-123' }),
    });
  }, email);
}

describe('reconciliation in the browser', { timeout: 120_000 }, () => {
  it('a refused file names its row; the statement shows three differences and totals; an adjustment', async () => {
    mkdirSync(shots, { recursive: true });
    const eur = join(shots, 'aurora-eur.csv');
    writeFileSync(eur, cp1250(`${header}\r\nAUR/2026/0001;;Zażółć;6 000,00;31.03.2026;EUR`));
    const good = join(shots, 'aurora-2026-03.csv');
    writeFileSync(
      good,
      cp1250(
        [
          header,
          'AUR/2026/0001;;Zażółć Gęślą;6 000,00;31.03.2026;PLN',
          `;${PESEL};Łucja Żak;4 200,00;31.03.2026;PLN`,
          'AUR/2026/9999;;Nieznany;1 234,56;31.03.2026;PLN',
        ].join('\r\n'),
      ),
    );
    const { page: p, errors } = await browser.newPage();
    await signIn(p, 'admin@kredyt-dom.pl');
    await p.goto(`${origin}/rec`);
    const w = p.locator('crm-reconciliation');
    const nothingYet = 'Brak zaimportowanego wyciągu za ten miesiąc';
    await eventually(() => w.locator('[part=empty]').textContent()).toBe(nothingYet);

    await w.getByLabel('Wyciąg (CSV lub XLSX)').setInputFiles(eur);
    await w.getByRole('button', { name: 'Importuj wyciąg' }).click();
    await eventually(() => w.locator('[part=problems]').textContent()).toContain('/rows/2/currency');
    expect(await w.locator('[part=message]').textContent()).toBe('Wyciąg odrzucony, nic nie zaimportowano:');

    await w.getByLabel('Wyciąg (CSV lub XLSX)').setInputFiles(good);
    await w.getByRole('button', { name: 'Importuj wyciąg' }).click();
    const rows = w.locator('tr[part=row]');
    await eventually(() => rows.count()).toBe(4);
    expect(await rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-outcome')))).toEqual([
      'short-paid',
      'unexpected',
      'missing',
      'matched',
    ]);
    const totals = (await w.locator('[part=totals]').textContent())!.replace(/\s+/g, ' ');
    // Expected 18 000,00 zł; received 6 000 + 4 200 + 1 234,56 = 11 434,56 zł; difference −6 565,44 zł.
    for (const s of [
      'Niedopłata (1) -300,00 zł',
      'Nieoczekiwana wpłata (1) 1 234,56 zł',
      'Brak wpłaty (1) -7 500,00 zł',
    ])
      expect(totals.replace(/[−–]/g, '-')).toContain(s);
    expect(totals.replace(/[−–]/g, '-')).toMatch(/18 000,00 zł.*11 434,56 zł.*-6 565,44 zł/);
    await p.screenshot({ path: join(shots, 'reconciliation.png'), fullPage: true });
    expect(await axeProblems(p)).toEqual([]);

    const short = w.locator('tr[data-resolve=short-paid]');
    await short.getByLabel('Powód').fill('Bank potwierdził 4 200 zł');
    await short.getByRole('button', { name: 'Koryguj' }).click();
    await eventually(() => w.locator('tr[data-outcome=short-paid]').textContent()).toContain(
      'Skorygowano: Bank potwierdził 4 200 zł',
    );
    expect(await short.count()).toBe(0);
    // The form keeps the provider and month it was opened with.
    expect(await w.getByLabel('Dostawca').inputValue()).toBe('bank-aurora');
    await p.screenshot({ path: join(shots, 'reconciliation-resolved.png'), fullPage: true });
    expect(errors.filter((e) => !e.startsWith('Failed to load resource'))).toEqual([]);
  });
});
