// The intranet example: a plain ES module, no framework and no inline script, so the page runs
// under a strict Content-Security-Policy. Loading the all-in-one bundle registers every widget and
// gives us the same API client the widgets use (session cookie + CSRF token).
import { apiRequest, forgetCsrfToken } from '/widgets/broker-crm-widgets.js';

const api = { baseUrl: '', token: undefined };
const $ = (id) => document.getElementById(id);

const strings = {
  pl: {
    signInTitle: 'Zaloguj się do CRM',
    email: 'E-mail',
    password: 'Hasło',
    signIn: 'Zaloguj',
    signOut: 'Wyloguj',
    choose: 'Wybierz klienta z listy, aby zobaczyć kartę, status i historię.',
    badLogin: 'Nieprawidłowy e-mail lub hasło.',
    locked: 'Konto jest chwilowo zablokowane. Spróbuj później.',
    offline: 'Brak połączenia z CRM.',
    missing: 'Podaj e-mail i hasło.',
    signingIn: 'Logowanie…',
    tabClients: 'Klienci',
    tabCalendar: 'Kalendarz',
    tabCommissions: 'Prowizje',
    subReview: 'Do zatwierdzenia',
    subStatements: 'Zestawienia',
    subMine: 'Moje prowizje',
    subRules: 'Reguły prowizji',
    tabReports: 'Raporty',
    tabImport: 'Import klientów',
    tabGdpr: 'RODO',
    tabAdmin: 'Administracja',
    adminJump: 'Części administracji',
    adminPeople: 'Osoby',
    adminUnits: 'Sieć oddziałów',
    adminOutbox: 'Wysyłka wiadomości',
    adminSources: 'Formularze leadów',
    adminKeys: 'Klucze API',
    adminPartners: 'Partnerzy',
    adminConflicts: 'Konflikty poleceń',
    adminConfig: 'Konfiguracja firmy',
  },
  en: {
    signInTitle: 'Sign in to the CRM',
    email: 'E-mail',
    password: 'Password',
    signIn: 'Sign in',
    signOut: 'Sign out',
    choose: 'Choose a client from the list to see their card, status and history.',
    badLogin: 'Wrong e-mail or password.',
    locked: 'The account is locked for a while. Try again later.',
    offline: 'Cannot reach the CRM.',
    missing: 'Enter your e-mail and password.',
    signingIn: 'Signing in…',
    tabClients: 'Clients',
    tabCalendar: 'Calendar',
    tabCommissions: 'Commissions',
    subReview: 'To approve',
    subStatements: 'Statements',
    subMine: 'My commissions',
    subRules: 'Commission rules',
    tabReports: 'Reports',
    tabImport: 'Client import',
    tabGdpr: 'GDPR',
    tabAdmin: 'Administration',
    adminJump: 'Parts of the administration',
    adminPeople: 'People',
    adminUnits: 'Branch network',
    adminOutbox: 'Outgoing messages',
    adminSources: 'Lead forms',
    adminKeys: 'API keys',
    adminPartners: 'Partners',
    adminConflicts: 'Referral conflicts',
    adminConfig: 'Firm configuration',
  },
};

let lang = localStorage.getItem('crm-lang') === 'en' ? 'en' : 'pl';
const say = (key) => strings[lang][key] ?? key;

function applyLang() {
  document.documentElement.lang = lang; // widgets follow <html lang> by themselves
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = say(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-label]'))
    el.setAttribute('aria-label', say(el.dataset.i18nLabel));
  for (const b of document.querySelectorAll('[data-lang]'))
    b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
}

for (const b of document.querySelectorAll('[data-lang]')) {
  b.addEventListener('click', () => {
    lang = b.dataset.lang;
    localStorage.setItem('crm-lang', lang);
    applyLang();
  });
}

async function whoAmI() {
  try {
    return await apiRequest(api, 'GET', '/api/me');
  } catch (error) {
    if (error.status === 401) return null;
    throw error;
  }
}

/** The firm's name and logo on the sign-in page; asks /api/me only when a session exists (no 401 in the console). */
async function sessionState() {
  const state = await apiRequest(api, 'GET', '/api/auth/session');
  $('firm-name').textContent = state.firm.name;
  document.title = `CRM — ${state.firm.name}`;
  if (state.firm.logo) {
    const logo = $('firm-logo');
    logo.src = state.firm.logo;
    logo.hidden = false;
  }
  return state;
}

function showSignIn(message = '') {
  $('tabs').hidden = true;
  $('page-title').hidden = true;
  for (const id of ['calendar-screen', 'commissions-screen', 'reports-screen', 'import-screen', 'gdpr-screen'])
    $(id).hidden = true;
  $('crm').hidden = true;
  $('crm').replaceChildren();
  $('who').hidden = true;
  $('sign-out').hidden = true;
  $('sign-in').hidden = false;
  $('login-error').textContent = message;
  $('email').focus();
}

async function showCrm(me) {
  $('sign-in').hidden = true;
  $('firm-name').textContent = me.firm?.name ?? 'CRM';
  document.title = `${me.firm?.name ?? 'CRM'} — CRM`;
  $('user-name').textContent = me.user?.name ?? '';
  $('user-unit').textContent = '';
  $('who').hidden = false;
  $('sign-out').hidden = false;
  const unitId = me.user?.unitId ?? me.unitIds?.[0];
  if (unitId) {
    apiRequest(api, 'GET', `/api/units/${encodeURIComponent(unitId)}`).then(
      (unit) => {
        $('user-unit').textContent = unit.name;
      },
      () => {},
    );
  }
  const screen = $('crm');
  screen.replaceChildren($('crm-screen').content.cloneNode(true));
  screen.hidden = false;
  // Tabs the user has no permission for are not offered at all.
  // `data-needs="a|b"`: any one of the permissions suffices.
  const may = (needs) => needs.split('|').some((permission) => Boolean(me.permissions?.[permission]?.length));
  for (const tab of document.querySelectorAll('[data-tab]'))
    tab.hidden = Boolean(tab.dataset.needs) && !may(tab.dataset.needs);
  $('tabs').hidden = false;
  setPageTitle('clients');
  mayOf = may;
  applyLang();
  wire(screen);
}

/** The page's h1 names the open tab (and follows the language switch through data-i18n). */
function setPageTitle(tab) {
  const title = $('page-title');
  title.dataset.i18n = `tab${tab[0].toUpperCase()}${tab.slice(1)}`;
  title.textContent = say(title.dataset.i18n);
  title.hidden = false;
}

let mayOf = () => false;
const screens = {
  clients: 'crm',
  calendar: 'calendar-screen',
  commissions: 'commissions-screen',
  reports: 'reports-screen',
  import: 'import-screen',
  gdpr: 'gdpr-screen',
  admin: 'admin-screen',
};

/** Show one tab; a tab's widgets are created the first time it is opened. */
function openTab(name) {
  setPageTitle(name);
  for (const tab of document.querySelectorAll('[data-tab]'))
    tab.setAttribute('aria-selected', String(tab.dataset.tab === name));
  for (const [tab, id] of Object.entries(screens)) $(id).hidden = tab !== name;
  const screen = $(screens[name]);
  if (name !== 'clients' && !screen.childElementCount) {
    // Screens the user may not use are taken out before the rest goes in: once in the page a widget
    // already defined starts loading, and would ask the API for what it then refuses (a 403).
    const content = $(`${name}-template`).content.cloneNode(true);
    for (const el of content.querySelectorAll('[data-needs]')) if (!mayOf(el.dataset.needs)) el.remove();
    screen.replaceChildren(content);
    if (name === 'commissions') wireSubtabs(screen);
    if (name === 'admin') wireJump(screen);
  }
}

/**
 * The Administracja tab stacks every screen the user may use (on a phone, many screens long): links at
 * its top jump to each one. With one screen only there is nothing to jump to.
 */
function wireJump(screen) {
  const nav = screen.querySelector('#admin-jump');
  nav.dataset.i18nLabel = 'adminJump';
  nav.setAttribute('aria-label', say('adminJump'));
  nav.hidden = nav.querySelectorAll('a').length < 2;
  applyLang();
}

/** The Prowizje tab's sub-tabs (review, statements, own commissions): one panel shown at a time. */
function wireSubtabs(screen) {
  const tabs = [...screen.querySelectorAll('[role=tab][aria-controls]')];
  const show = (tab) => {
    for (const t of tabs) {
      t.setAttribute('aria-selected', String(t === tab));
      $(t.getAttribute('aria-controls')).hidden = t !== tab;
    }
  };
  for (const tab of tabs) tab.addEventListener('click', () => show(tab));
  screen.querySelector('.subtabs').setAttribute('aria-label', say('tabCommissions'));
  if (tabs.length < 2) screen.querySelector('.subtabs').hidden = true;
  if (tabs[0]) show(tabs[0]);
  applyLang();
}

for (const tab of document.querySelectorAll('[data-tab]'))
  tab.addEventListener('click', () => openTab(tab.dataset.tab));

function wire(screen) {
  const list = screen.querySelector('#client-list');
  const card = screen.querySelector('#client-card');
  const picker = screen.querySelector('#status-picker');
  const timeline = screen.querySelector('#timeline');
  const form = screen.querySelector('#client-form');
  const open = (clientId) => {
    for (const el of [card, picker, timeline]) el.clientId = clientId;
    list.selectedId = clientId;
    form.hidden = true;
    screen.querySelector('#placeholder').hidden = true;
    screen.querySelector('#client-panels').hidden = false;
  };
  list.addEventListener('crm-client-select', (event) => open(event.clientId));
  // New client: the form takes the detail pane; after saving, the new client's card opens there.
  list.addEventListener('crm-client-new', () => {
    form.hidden = false;
    screen.querySelector('#placeholder').hidden = true;
    screen.querySelector('#client-panels').hidden = true;
    form.scrollIntoView({ block: 'start' });
    form.shadowRoot?.querySelector('input, select')?.focus();
  });
  form.addEventListener('crm-client-created', (event) => {
    open(event.client.id);
    void list.refresh();
  });
  form.addEventListener('crm-client-open', (event) => open(event.clientId));
  form.addEventListener('crm-client-form-cancel', () => {
    form.hidden = true;
    screen.querySelector(card.clientId ? '#client-panels' : '#placeholder').hidden = false;
  });
  list.addEventListener('crm-clients-assigned', (event) => {
    if (event.ids.includes(card.clientId)) void card.reload();
  });
  // A contact's next step is a task: the calendar, once opened, shows it.
  timeline.addEventListener('crm-activity-add', () => void document.getElementById('calendar')?.reload?.());
  // A link from an e-mail (a new lead's notice) opens that client's card: …/#client=<id>.
  const linked = /^#client=([\w-]{1,64})$/.exec(location.hash)?.[1];
  if (linked) open(linked);
  // A link inside the page (a referral conflict's client) opens the card on the Klienci tab.
  window.addEventListener('hashchange', () => {
    const id = /^#client=([\w-]{1,64})$/.exec(location.hash)?.[1];
    if (!id) return;
    openTab('clients');
    open(id);
  });
  picker.addEventListener('crm-status-change', () => {
    void card.reload();
    void timeline.reload();
    void list.refresh();
  });
  card.addEventListener('crm-client-saved', () => void list.refresh());
}

// Imported clients appear in the client list.
document.addEventListener('crm-import-done', () => $('client-list')?.refresh?.());

// An approval may produce new statements: the person's own list follows.
document.addEventListener('crm-commissions-approved', () => {
  $('my-commissions')?.refresh?.();
  $('statements')?.refresh?.();
});

// "Nie pamiętam hasła" (<crm-password-reset>): its steps take the sign-in form's place; an e-mailed link opens them.
const stepAside = (mode) => ($('login-form').hidden = mode !== 'sign-in');
document.addEventListener('crm-password-reset-mode', (event) => stepAside(event.mode));
stepAside(document.querySelector('crm-password-reset')?.step ?? 'sign-in');

// Any widget finding the session gone sends the person back to the sign-in form.
document.addEventListener('crm-error', (event) => {
  if (event.error.status === 401) showSignIn();
});

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const email = $('email').value.trim();
  const password = $('password').value;
  if (!email || !password) {
    $('login-error').textContent = say('missing');
    return;
  }
  const button = $('login-button');
  button.disabled = true;
  button.textContent = say('signingIn');
  $('login-error').textContent = '';
  try {
    await apiRequest(api, 'POST', '/api/auth/login', { email, password });
    $('password').value = '';
    await showCrm(await whoAmI());
  } catch (error) {
    const key =
      error.status === 0 ? 'offline' : error.status === 423 || /lock/i.test(error.code) ? 'locked' : 'badLogin';
    $('login-error').textContent = say(key);
  } finally {
    button.disabled = false;
    button.textContent = say('signIn');
  }
});

$('sign-out').addEventListener('click', async () => {
  try {
    await apiRequest(api, 'POST', '/api/auth/logout');
  } finally {
    forgetCsrfToken(api.baseUrl);
    // A fresh page: widgets cache the signed-in user's permissions and labels per page.
    location.reload();
  }
});

applyLang();
try {
  const me = (await sessionState()).signedIn ? await whoAmI() : null;
  if (me?.user) await showCrm(me);
  else showSignIn();
} catch {
  showSignIn(say('offline'));
}
