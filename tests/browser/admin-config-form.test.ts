/**
 * `<crm-config-form>` and `<crm-workflow-graph>` in real Chromium.
 *
 * On a page wired the way the config editor wires them (the published schema, the demo config): an
 * administrator adds a client field with a pick list of three labelled values and a status with a
 * named transition through the FORM, sees the new status and arrow in the graph, gets a Polish message
 * for bad input (a colour, a key), and nothing else in the config changes. English page, 390 px phone.
 *
 * On the real server, in the intranet's config editor: the same edits through the form, saved with a
 * why; an advisor in another browser sees the field on the new-client form, and the new transition is
 * among the moves allowed on her client — without a restart. axe-core finds nothing serious and no
 * console error at any step. Screenshots: /tmp/adm-configform-shots/.
 */
import { mkdirSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedTransitions } from '../../core/workflow/index.ts';
import { axeProblems } from './axe.ts';
import { builtWidgets } from './built-widgets.ts';
import { launchChromium, type BrowserSession, type WatchedPage } from './chromium.ts';
import { configFormPage, demoConfig } from './config-form-fixture.ts';
import { startIntranetWalk, type IntranetWalk } from './intranet-walk.ts';
import { startStaticServer, type StaticServer } from './static-server.ts';

const shots = '/tmp/adm-configform-shots';
let browser: BrowserSession;
let site: StaticServer;
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 30_000 });
// The all-in-one bundle, as the intranet loads it.
const scripts = ['/widgets/broker-crm-widgets.js'];

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  const widgetsDir = await builtWidgets();
  browser = await launchChromium();
  site = await startStaticServer({
    widgetsDir,
    pages: { '/pl': configFormPage('pl', scripts), '/en': configFormPage('en', scripts) },
  });
}, 1_200_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function open(path: string, viewport = { width: 1366, height: 768 }): Promise<WatchedPage> {
  const w = await browser.newPage();
  await w.page.setViewportSize(viewport);
  await w.page.goto(site.origin + path);
  await w.page.locator('body[data-ready=yes]').waitFor({ state: 'attached', timeout: 90_000 });
  return w;
}

const lastValue = (p: Page) => p.evaluate(() => (window as unknown as { lastValue: unknown }).lastValue);
/** The fieldset or input of the config's part at a JSON Pointer. */
const at = (form: Locator, pointer: string) => form.locator(`[data-path="${pointer}"]`);
/** A keyed map's entry (statuses, client fields…) and its "new key" box. */
const entry = (form: Locator, pointer: string) => form.locator(`details[data-entry="${pointer}"]`);
async function addKey(form: Locator, map: string, key: string): Promise<void> {
  await form.locator(`[data-new-key="${map}"]`).fill(key);
  await form.locator(`[data-new-key="${map}"]`).press('Enter');
}

/**
 * Adds the client field "Cel kredytu" (loanPurpose) with three labelled values through the form, as a
 * person does: a bad key first, then the right one. Returns the field's entry.
 */
async function addLoanPurpose(form: Locator): Promise<Locator> {
  const props = '/clients/fields/person/properties';
  // A key that does not fit the schema's pattern is refused, in Polish.
  await addKey(form, props, 'cel kredytu');
  await eventually(() => at(form, props).locator('.add-key .field-error').last().textContent()).toContain(
    'Klucz musi pasować',
  );
  await addKey(form, props, 'loanPurpose');
  const field = entry(form, `${props}/loanPurpose`);
  await eventually(() => field.getAttribute('open')).toBe('');
  const f = `${props}/loanPurpose`;
  await at(form, `${f}/x-crm-label/pl`).fill('Cel kredytu');
  await at(form, `${f}/x-crm-label/en`).fill('Loan purpose');
  await field.getByRole('button', { name: 'Dodaj: Wartości listy' }).click();
  for (const [i, v] of ['mieszkanie', 'dom', 'refinansowanie'].entries()) {
    await field.getByRole('button', { name: 'Wartości listy: Dodaj pozycję' }).click();
    await at(form, `${f}/enum/${i}`).fill(v);
  }
  await field.getByRole('button', { name: 'Dodaj: Nazwy wartości listy' }).click();
  const names: Record<string, [string, string]> = {
    mieszkanie: ['Zakup mieszkania', 'Buying a flat'],
    dom: ['Budowa domu', 'Building a house'],
    refinansowanie: ['Refinansowanie', 'Refinancing'],
  };
  for (const [value, [pl, en]] of Object.entries(names)) {
    // The values without a label yet are offered as keys.
    const offered = at(form, `${f}/x-crm-enum-labels`).locator('datalist option').first();
    expect(await offered.getAttribute('value')).toBe(value);
    await addKey(form, `${f}/x-crm-enum-labels`, value);
    await at(form, `${f}/x-crm-enum-labels/${value}/pl`).fill(pl);
    await at(form, `${f}/x-crm-enum-labels/${value}/en`).fill(en);
  }
  await at(form, `${f}/x-crm-searchable`).check();
  return field;
}

/** Adds the status "Oddzwonić" (call-back) and a transition "Prosi o telefon" to it from `from`; its index. */
async function addCallBack(form: Locator, from: string): Promise<number> {
  await addKey(form, '/workflow/statuses', 'call-back');
  const s = '/workflow/statuses/call-back';
  await at(form, `${s}/label/pl`).fill('Oddzwonić');
  await at(form, `${s}/label/en`).fill('Call back');
  // A colour in the wrong form is pointed out while typing, in Polish, and not taken.
  const colour = at(form, `${s}/color`);
  await colour.fill('#12');
  await eventually(() => entry(form, s).locator('.field-error').first().textContent()).toContain('Niepoprawny format');
  expect(await colour.getAttribute('aria-invalid')).toBe('true');
  await colour.fill('#0f766e');
  await eventually(() => colour.getAttribute('aria-invalid')).toBe('false');

  const count = (demoConfig['workflow'] as { transitions: unknown[] }).transitions.length;
  const m = `/workflow/transitions/${count}`;
  await at(form, '/workflow/transitions').getByRole('button', { name: 'Przejścia: Dodaj pozycję' }).click();
  const move = form.locator(`li[data-item="${m}"]`);
  await move.getByLabel('Rodzaj wartości').selectOption({ label: 'Lista' });
  await at(form, `${m}/from/0`).selectOption({ label: from });
  await at(form, `${m}/to`).selectOption({ label: 'Oddzwonić (call-back)' });
  await move.getByRole('button', { name: 'Dodaj: Nazwa' }).click();
  await at(form, `${m}/label/pl`).fill('Prosi o telefon');
  await at(form, `${m}/label/en`).fill('Asks for a call');
  return count;
}

async function check(w: WatchedPage, name: string): Promise<void> {
  expect(await axeProblems(w.page)).toEqual([]);
  expect(w.errors).toEqual([]);
  await w.page.screenshot({ path: `${shots}/${name}.png`, fullPage: false });
}

it('an administrator adds a client field with three labelled values through the form', async () => {
  const w = await open('/pl');
  const form = w.page.locator('crm-config-form');
  expect(await form.getByRole('tab', { name: 'Klienci: pola, typy i źródła' }).getAttribute('aria-selected')).toBe(
    'true',
  );
  await check(w, '1-clients');

  const field = await addLoanPurpose(form);
  await field.locator('summary').first().scrollIntoViewIfNeeded();
  await check(w, '2-client-field');

  const value = (await lastValue(w.page)) as typeof demoConfig;
  const clients = value['clients'] as { fields: { person: { properties: Record<string, unknown> } } };
  expect(clients.fields.person.properties['loanPurpose']).toEqual({
    type: 'string',
    'x-crm-label': { pl: 'Cel kredytu', en: 'Loan purpose' },
    enum: ['mieszkanie', 'dom', 'refinansowanie'],
    'x-crm-enum-labels': {
      mieszkanie: { pl: 'Zakup mieszkania', en: 'Buying a flat' },
      dom: { pl: 'Budowa domu', en: 'Building a house' },
      refinansowanie: { pl: 'Refinansowanie', en: 'Refinancing' },
    },
    'x-crm-searchable': true,
  });
  // Nothing else moved: the rest of the config is the demo's, key for key.
  delete clients.fields.person.properties['loanPurpose'];
  expect(JSON.stringify(value)).toBe(JSON.stringify(demoConfig));
  await w.page.close();
}, 240_000);

it('an administrator adds a status and a named transition, and the graph shows them', async () => {
  const w = await open('/pl');
  const form = w.page.locator('crm-config-form');
  const graph = w.page.locator('crm-workflow-graph');
  await form.getByRole('tab', { name: 'Klienci: pola, typy i źródła' }).focus();
  await w.page.keyboard.press('ArrowRight'); // the tabs are keyboard-usable
  await eventually(() =>
    form.getByRole('tab', { name: 'Proces (statusy i przejścia)' }).evaluate((el) => el.matches(':focus')),
  ).toBe(true);
  await graph.locator('svg').waitFor();
  await check(w, '3-workflow');

  const count = await addCallBack(form, 'Kontakt (contact)');
  const moves = graph.locator('[part=moves]');
  await eventually(() => moves.textContent()).toContain('Kontakt → Oddzwonić (Prosi o telefon)');
  expect(await graph.locator('svg').textContent()).toContain('Oddzwonić');
  expect(await graph.locator('svg').getAttribute('aria-label')).toMatch(/^Proces: 12 statusów, 15 przejść/);
  const value = (await lastValue(w.page)) as { workflow: { statuses: object; transitions: unknown[] } };
  expect(value.workflow.statuses).toHaveProperty('call-back', {
    label: { pl: 'Oddzwonić', en: 'Call back' },
    color: '#0f766e',
  });
  expect(value.workflow.transitions.at(-1)).toEqual({
    from: ['contact'],
    to: 'call-back',
    label: { pl: 'Prosi o telefon', en: 'Asks for a call' },
  });
  await graph.scrollIntoViewIfNeeded();
  await check(w, '4-new-status-graph');
  await w.page.close();
}, 240_000);

it('speaks English on an English page and fits a 390 px phone', async () => {
  const en = await open('/en');
  const form = en.page.locator('crm-config-form');
  await form.getByRole('tab', { name: 'Workflow (statuses and transitions)' }).click();
  expect(await en.page.locator('crm-workflow-graph [part=moves]').textContent()).toContain(
    'Negative decision → Application filed (Apply to another bank)',
  );
  await check(en, '5-english');
  await en.page.close();

  const phone = await open('/pl', { width: 390, height: 844 });
  const pform = phone.page.locator('crm-config-form');
  await pform.getByRole('tab', { name: 'Proces (statusy i przejścia)' }).click();
  await check(phone, '6-phone-workflow');
  // The page itself does not scroll sideways: a wide graph scrolls within its own box.
  expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await phone.page.locator('crm-workflow-graph').scrollIntoViewIfNeeded();
  await phone.page.screenshot({ path: `${shots}/7-phone-graph.png` });
  expect(phone.errors).toEqual([]);
  await phone.page.close();
}, 240_000);

describe('on the real server, in the config editor', () => {
  let walk: IntranetWalk;

  beforeAll(async () => {
    walk = await startIntranetWalk('adm-configform');
  }, 1_200_000);

  afterAll(() => walk?.close());

  /** What the page said, minus the browser's own line for each HTTP error a step provokes. */
  const complaints = (w: WatchedPage) => w.errors.filter((e) => !e.startsWith('Failed to load resource'));

  async function step(w: WatchedPage, name: string): Promise<void> {
    expect(await axeProblems(w.page)).toEqual([]);
    expect(complaints(w)).toEqual([]);
    await w.page.screenshot({ path: `${shots}/${name}.png`, fullPage: false });
  }

  async function openForm(w: WatchedPage): Promise<Locator> {
    await w.page.getByRole('tab', { name: 'Administracja' }).click();
    const editor = w.page.locator('crm-config-editor');
    await editor.getByText(/Działa wersja/).waitFor();
    await editor.getByRole('tab', { name: 'Formularz' }).click();
    const form = editor.locator('crm-config-form');
    await form.getByRole('tab', { name: 'Klienci: pola, typy i źródła' }).waitFor();
    return form;
  }

  it('an admin adds a field, a status and a move in the form, saves with a why; an advisor uses them', async () => {
    const { database, firm } = walk;
    const admin = await walk.signIn(firm.users.admin.email);
    admin.page.setDefaultTimeout(30_000);
    const form = await openForm(admin);
    await addLoanPurpose(form);
    await step(admin, 'r1-editor-client-field');
    await form.getByRole('tab', { name: 'Proces (statusy i przejścia)' }).click();
    await addCallBack(form, 'Nowy (new)');
    const graph = admin.page.locator('crm-config-editor crm-workflow-graph');
    const moves = () => graph.locator('[part=moves]').textContent();
    await eventually(moves).toContain('Nowy → Oddzwonić (Prosi o telefon)');
    await graph.scrollIntoViewIfNeeded();
    await step(admin, 'r2-editor-graph');

    const editor = admin.page.locator('crm-config-editor');
    await editor.getByLabel(/Dlaczego ta zmiana/).fill('Cel kredytu i status oddzwonienia');
    await editor.getByRole('button', { name: 'Zapisz i zastosuj' }).dblclick(); // one version, not two
    await eventually(() => editor.locator('.message[data-kind=ok]').textContent()).toBe(
      'Zapisano wersję 1. Działa od teraz, bez restartu.',
    );
    expect(await database.db.select().from(database.t.configVersions)).toHaveLength(1);
    await step(admin, 'r3-saved');

    // An advisor in another browser: the field on the new-client form, with its labelled values.
    const advisor = await walk.signIn(firm.users.anna.email, { other: true });
    advisor.page.setDefaultTimeout(30_000);
    await advisor.page.locator('crm-client-list').getByRole('button', { name: '+ Nowy klient' }).click();
    const clientForm = advisor.page.locator('crm-client-form');
    const purpose = clientForm.getByLabel('Cel kredytu');
    await purpose.waitFor();
    expect(await purpose.locator('option').allTextContents()).toEqual(
      expect.arrayContaining(['Zakup mieszkania', 'Budowa domu', 'Refinansowanie']),
    );
    await step(advisor, 'r4-advisor-field');

    // …and on the card of one of her clients in status "Nowy" the new move is offered, and she makes it.
    // Every small-firm client starts in "Nowy".
    const id = firm.clients.find((c) => c.owner === firm.users.anna.id)!.id;
    const allowed = await allowedTransitions(await firm.crm.asUser(firm.users.anna.id), id);
    expect(allowed.transitions.map((m) => [m.to, m.label.pl])).toContainEqual(['call-back', 'Prosi o telefon']);
    await advisor.page.evaluate((client) => (location.hash = `#client=${client}`), id);
    const move = advisor.page.locator('crm-status-picker').getByRole('button', { name: 'Prosi o telefon' });
    await move.click();
    await advisor.page.locator('crm-status-picker').getByRole('button', { name: 'Zmień status' }).click();
    const { db, t } = database;
    await eventually(async () => (await db.select().from(t.clients).where(eq(t.clients.id, id)))[0]!.status).toBe(
      'call-back',
    );
    await step(advisor, 'r5-advisor-moved');
  }, 600_000);

  it('the form and the graph on a 390×844 phone', async () => {
    const admin = await walk.signIn(walk.firm.users.admin.email, { viewport: { width: 390, height: 844 } });
    admin.page.setDefaultTimeout(30_000);
    const form = await openForm(admin);
    await form.getByRole('tab', { name: 'Proces (statusy i przejścia)' }).click();
    const graph = admin.page.locator('crm-config-editor crm-workflow-graph');
    // The saved status is in the running config's graph.
    const moves = () => graph.locator('[part=moves]').textContent();
    await eventually(moves).toContain('Nowy → Oddzwonić (Prosi o telefon)');
    expect(await admin.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await step(admin, 'r6-phone-form');
    await graph.scrollIntoViewIfNeeded();
    await admin.page.screenshot({ path: `${shots}/r7-phone-graph.png` });
  }, 300_000);
});
