/**
 * The client widgets on their own in Chromium, against a local server speaking the CRM API's
 * shapes (including `GET /api/clients/schema`, which the intranet test's real server does not
 * have yet): the card's generated form with client-side and server-side (422) messages and the
 * 409 of a concurrent edit; the status picker's money input sent as grosze and its 403
 * explanation; the list's search as you type (only the last answer shown), capped total, and
 * columns of masked fields left out.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtWidgets, WIDGET_BUILD_WAIT_MS } from './built-widgets.ts';
import { launchChromium, type BrowserSession } from './chromium.ts';
import { startStaticServer, type RecordedRequest, type StaticServer } from './static-server.ts';

let browser: BrowserSession;
let site: StaticServer;

const label = (pl: string, en: string) => ({ label: { pl, en } });
const workflow = {
  statuses: {
    new: label('Nowy', 'New'),
    'agreement-signed': label('Umowa podpisana', 'Agreement signed'),
    disbursed: { ...label('Uruchomienie', 'Disbursed'), color: '#166534' },
  },
  fields: { amountMinor: label('Kwota kredytu', 'Loan amount') },
  activityTypes: { note: label('Notatka', 'Note') },
  outcomes: {},
};
const schema = {
  fields: {
    person: {
      type: 'object',
      properties: {
        lastName: {
          type: 'string',
          minLength: 1,
          'x-crm-pii': true,
          'x-crm-label': { pl: 'Nazwisko', en: 'Last name' },
        },
        email: { type: 'string', format: 'email', 'x-crm-pii': true, 'x-crm-label': { pl: 'E-mail', en: 'E-mail' } },
        pesel: {
          type: 'string',
          'x-crm-identifier': 'pesel',
          'x-crm-pii': true,
          'x-crm-label': { pl: 'PESEL', en: 'PESEL' },
        },
      },
      required: ['lastName'],
    },
    company: { type: 'object', properties: { companyName: { type: 'string' } } },
  },
  types: { private: label('Klient prywatny', 'Private client') },
};
const client = (version: number, lastName: string) => ({
  id: 'c1',
  kind: 'person',
  type: 'private',
  source: null,
  status: 'agreement-signed',
  ownerId: 'u1',
  unitId: 'b1',
  displayName: lastName,
  data: { lastName, email: 'jan@example.pl' },
  version,
  createdAt: '2026-03-02T09:00:00Z',
  updatedAt: '2026-03-02T09:00:00Z',
});
/** What the page said, minus the browser's own line for each HTTP error the test provokes. */
const complaints = (errors: string[]) => errors.filter((e) => !e.startsWith('Failed to load resource'));
/** Polls until the page shows it; the machine is shared, so a sign-in (scrypt) may take seconds. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });
const bodyOf = (r: RecordedRequest) => JSON.parse(r.body) as Record<string, unknown>;
const sent = (method: string, path: string) =>
  site.requests.filter((r) => r.method === method && r.path.startsWith(path));

const page = (body: string) => `<!doctype html><html lang="pl"><head><meta charset="utf-8"><title>clients</title>
<script type="module" src="/widgets/broker-crm-widgets.js"></script></head><body>${body}</body></html>`;

beforeAll(async () => {
  const widgetsDir = await builtWidgets();
  browser = await launchChromium();
  site = await startStaticServer({
    widgetsDir,
    routes: {
      'GET /api/workflow': () => ({ body: workflow }),
      'GET /api/clients/schema': () => ({ body: schema }),
      'GET /api/users': () => ({ body: { items: [{ id: 'u1', name: 'Anna Nowak' }] } }),
      'GET /api/me': () => ({
        body: { user: { id: 'u1', name: 'Anna Nowak' }, permissions: { 'pii:read': ['own'] }, csrfToken: 'csrf-1' },
      }),
    },
  });
}, WIDGET_BUILD_WAIT_MS);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const inCard = (p: Page, css: string) => p.locator(`crm-client-card ${css}`);

describe('<crm-client-card>', { timeout: 60_000 }, () => {
  it("edits through the generated form: inline checks, the API's 422 next to the field, 409 reloads", async () => {
    let stored = client(1, 'Kowalski');
    site.route('GET /api/clients/c1', () => ({ body: stored }));
    site.route('PATCH /api/clients/c1', (r) => {
      const b = bodyOf(r) as { version: number; data: Record<string, unknown> };
      if (b.data['pesel'] === '44051401358') {
        return {
          status: 422,
          body: {
            error: {
              code: 'invalid',
              message: 'Invalid client',
              details: { problems: [{ path: '/data/pesel', message: 'PESEL: zła suma kontrolna' }] },
            },
          },
        };
      }
      if (b.version !== stored.version)
        return {
          status: 409,
          body: { error: { code: 'conflict', message: 'stale', details: { currentVersion: stored.version } } },
        };
      stored = { ...client(stored.version + 1, String(b.data['lastName'] ?? stored.data.lastName)) };
      return { body: stored };
    });
    site.page(
      '/card',
      page(`<crm-client-card client-id="c1"></crm-client-card>
      <script type="module">window.__saved = [];
        document.addEventListener('crm-client-saved', (e) =>
          window.__saved.push([e.clientId, e.client.version]));</script>`),
    );
    const { page: p, errors } = await browser.newPage();
    await p.goto(`${site.origin}/card`);
    await eventually(() => inCard(p, 'h2').textContent()).toBe('Kowalski');
    await eventually(() => inCard(p, 'dl').textContent()).toContain('jan@example.pl');

    await p.locator('crm-client-card').getByRole('button', { name: 'Edytuj' }).click();
    const email = p.locator('crm-client-card').getByLabel('E-mail');
    await email.fill('to-nie-adres');
    await p.locator('crm-client-card').getByRole('button', { name: 'Zapisz' }).click();
    expect(await inCard(p, '#card-email-error').textContent()).toBe('Wpisz poprawny adres e-mail');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(sent('PATCH', '/api/clients/c1')).toHaveLength(0);

    await email.fill('jan@example.pl');
    await p.locator('crm-client-card').getByLabel('PESEL').fill('44051401358');
    await p.locator('crm-client-card').getByRole('button', { name: 'Zapisz' }).click();
    await eventually(() => inCard(p, '#card-pesel-error').textContent()).toBe('PESEL: zła suma kontrolna');
    // Only what changed was sent, with the version the person saw.
    expect(bodyOf(sent('PATCH', '/api/clients/c1')[0]!)).toEqual({ version: 1, data: { pesel: '44051401358' } });

    await p.locator('crm-client-card').getByLabel('PESEL').fill('');
    await p.locator('crm-client-card').getByLabel('Nazwisko').fill('Nowak-Kowalski');
    await p.locator('crm-client-card').getByRole('button', { name: 'Zapisz' }).click();
    await eventually(() => inCard(p, 'h2').textContent()).toBe('Nowak-Kowalski');
    expect(await p.evaluate(() => (window as unknown as { __saved: unknown[] }).__saved)).toEqual([['c1', 2]]);

    // Someone else saves meanwhile: our next save is refused, said so, and the current data shown.
    stored = client(3, 'Zmieniony Gdzieś Indziej');
    await p.locator('crm-client-card').getByRole('button', { name: 'Edytuj' }).click();
    await p.locator('crm-client-card').getByLabel('Nazwisko').fill('Moja zmiana');
    await p.locator('crm-client-card').getByRole('button', { name: 'Zapisz' }).click();
    await eventually(() => inCard(p, '[part=message]').textContent()).toContain('Ktoś inny zmienił tego klienta');
    await eventually(() => inCard(p, 'h2').textContent()).toBe('Zmieniony Gdzieś Indziej');
    expect(complaints(errors)).toEqual([]);
    await p.close();
  });
});

describe('<crm-status-picker>', { timeout: 60_000 }, () => {
  it('asks for the amount as złoty, shows the proposed lines, sends grosze, explains a refusal', async () => {
    const move = {
      to: 'disbursed',
      kind: 'transition',
      label: { pl: 'Uruchomienie', en: 'Disbursed' },
      noteRequired: false,
      sale: true,
      terminal: true,
      fields: {
        type: 'object',
        properties: {
          amountMinor: { type: 'integer', minimum: 100, 'x-crm-label': { pl: 'Kwota kredytu', en: 'Loan amount' } },
        },
        required: ['amountMinor'],
        additionalProperties: false,
      },
    };
    site.route('GET /api/clients/c2/transitions', () => ({
      body: { status: 'agreement-signed', version: 4, transitions: [move] },
    }));
    // The sale's dry run: the lines it would propose, shown before the move is confirmed.
    site.route('POST /api/clients/c2/transitions/preview', (r) => {
      const amountMinor = (bodyOf(r)['fields'] as { amountMinor: number }).amountMinor;
      const line = (ledger: string, name: string, minor: number | null) => ({
        ledger,
        component: 'commission',
        beneficiary: { kind: ledger === 'firm' ? 'provider' : 'advisor', id: name, name },
        amountMinor: minor,
        ruleId: `${ledger}-rule`,
        ruleLabel: null,
        missing: false,
        explanation: null,
      });
      return {
        body: {
          to: 'disbursed',
          sale: true,
          fields: { amountMinor },
          commissions: {
            lines: [line('firm', 'Bank Aurora', null), line('advisor', 'Anna Nowak', Math.round(amountMinor / 200))],
            uncovered: [],
            policy: 'acknowledge',
            product: { id: 'p', name: 'Hipoteka', category: 'mortgage', inCatalogue: true },
            provider: { id: 'b', name: 'Bank Aurora' },
            saleDate: '2026-03-02',
          },
        },
      };
    });
    let refuse = true;
    site.route('POST /api/clients/c2/transitions', () =>
      refuse
        ? {
            status: 403,
            body: {
              error: {
                code: 'forbidden',
                message: 'role',
                details: { allowed: [{ to: 'resigned', label: { pl: 'Rezygnacja', en: 'Resigned' } }] },
              },
            },
          }
        : {
            status: 201,
            body: { client: { id: 'c2', status: 'disbursed', version: 5 }, allowedNext: [], isSale: true },
          },
    );
    site.page(
      '/picker',
      page(`<crm-status-picker client-id="c2"></crm-status-picker>
      <script type="module">window.__moves = [];
        document.addEventListener('crm-status-change', (e) =>
          window.__moves.push([e.from, e.to, e.version]));</script>`),
    );
    // The moves themselves (not their dry runs at …/transitions/preview).
    const moves = () => sent('POST', '/api/clients/c2/transitions').filter((r) => !r.path.endsWith('/preview'));
    const { page: p, errors } = await browser.newPage();
    await p.goto(`${site.origin}/picker`);
    const picker = p.locator('crm-status-picker');
    await picker.getByRole('button', { name: 'Uruchomienie' }).click();
    const amount = picker.getByLabel('Kwota kredytu');
    await amount.fill('12,345');
    await picker.getByRole('button', { name: 'Potwierdź sprzedaż' }).click();
    expect(await p.locator('crm-status-picker [part=field-error]').textContent()).toBe('Wpisz kwotę, np. 1 234,56');

    await amount.fill('1 234,56');
    // The lines for 1 234,56 zł appear before anything is sent; then the confirmation sends the move.
    await eventually(() => p.locator('crm-status-picker [part=preview-lines] tbody tr').nth(1).innerText()).toMatch(
      /Doradca\s+Anna Nowak\s+6,17\s+zł/,
    );
    await picker.getByRole('button', { name: 'Potwierdź sprzedaż' }).click();
    await eventually(() => p.locator('crm-status-picker [part=message]').textContent()).toContain(
      'Nie masz uprawnień do tej zmiany statusu.',
    );
    expect(await p.locator('crm-status-picker [part=message] li').allTextContents()).toEqual(['Rezygnacja']);
    expect(bodyOf(moves()[0]!)).toEqual({
      to: 'disbursed',
      fields: { amountMinor: 123456 },
      note: null,
      expectedVersion: 4,
    });

    refuse = false;
    await picker.getByRole('button', { name: 'Uruchomienie' }).click();
    await picker.getByLabel('Kwota kredytu').fill('450 000');
    await eventually(() => p.locator('crm-status-picker [part=preview-lines] tbody tr').nth(1).innerText()).toMatch(
      /2\s250,00\s+zł/,
    );
    await picker.getByRole('button', { name: 'Potwierdź sprzedaż' }).click();
    await eventually(() => p.locator('crm-status-picker [part=status]').textContent()).toBe('Uruchomienie');
    expect(bodyOf(moves()[1]!)['fields']).toEqual({ amountMinor: 45_000_000 });
    expect(await p.evaluate(() => (window as unknown as { __moves: unknown[] }).__moves)).toEqual([
      ['agreement-signed', 'disbursed', 5],
    ]);
    expect(complaints(errors)).toEqual([]);
    await p.close();
  });
});

describe('<crm-client-list>', { timeout: 60_000 }, () => {
  it('searches as you type (only the last answer shows), caps the total, no column of a masked field', async () => {
    const row = (id: string, name: string, data: Record<string, unknown> = {}) => ({
      ...client(1, name),
      id,
      displayName: name,
      status: 'new',
      data,
    });
    let releaseKow = () => {};
    const kowHeld = new Promise<void>((resolve) => (releaseKow = resolve));
    site.route('GET /api/clients/summary', () => ({ body: { byStatus: { new: 10_000 }, total: 10_000 } }));
    site.route('GET /api/clients', async (r) => {
      const q = new URL(r.path, 'http://x').searchParams.get('q');
      if (q === 'kow') await kowHeld; // an older, slower answer: held until the newer one is on screen
      if (q === 'kowal')
        return {
          body: {
            items: [row('k1', 'Jan Kowalski', { pesel: '44051401359' })],
            nextCursor: null,
            total: { value: 1, capped: false },
          },
        };
      if (q)
        return {
          body: { items: [row('x1', 'Stara odpowiedź')], nextCursor: null, total: { value: 1, capped: false } },
        };
      return {
        body: {
          items: [row('a1', 'Anna Zając'), row('a2', 'Piotr Wójcik')],
          nextCursor: 'next',
          total: { value: 10_000, capped: true },
        },
      };
    });
    site.page('/list', page('<crm-client-list columns="displayName,status,pesel" debounce="50"></crm-client-list>'));
    const { page: p, errors } = await browser.newPage();
    await p.goto(`${site.origin}/list`);
    await eventually(() => p.locator('crm-client-list [part=total]').textContent()).toBe('10\u00a0000+ klientów');
    const headers = () => p.locator('crm-client-list th').allTextContents();
    expect((await headers()).map((h) => h.trim())).toEqual(['Klient', 'Status']);
    expect(await p.locator('crm-client-list [part=more]').textContent()).toBe('Pokaż więcej');

    const search = p.locator('crm-client-list').getByRole('searchbox', { name: 'Szukaj klientów' });
    const isKow = (url: string) => new URL(url).searchParams.get('q') === 'kow';
    // The browser is done with the 'kow' request once it has failed (aborted) or finished.
    const kowSettled = new Promise<void>((resolve) => {
      const done = (r: { url(): string }) => isKow(r.url()) && resolve();
      p.on('requestfailed', done);
      p.on('requestfinished', done);
    });
    await search.pressSequentially('kow');
    // The 'kow' request has reached the server (and is held there); then the person types on.
    await eventually(() => sent('GET', '/api/clients?').some((r) => isKow(`http://x${r.path}`))).toBe(true);
    await search.pressSequentially('al');
    await eventually(() => p.locator('crm-client-list td.name').allTextContents()).toEqual(['Jan Kowalski']);
    releaseKow(); // the older answer is sent now, after the newer one is on screen
    await kowSettled;
    await p.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
    expect(await p.locator('crm-client-list td.name').allTextContents()).toEqual(['Jan Kowalski']);
    expect((await headers()).map((h) => h.trim())).toEqual(['Klient', 'Status', 'PESEL']);
    expect(complaints(errors)).toEqual([]);
    await p.close();
  });
});
