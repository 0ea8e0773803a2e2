// The partner portal example: a plain ES module, no framework and no inline script, so the page
// runs under a strict Content-Security-Policy. It loads only the two widgets a partner uses (each
// bundle carries its own Lit), and talks to the API with fetch: the session cookie plus the CSRF
// token the login answer (or GET /api/me) hands out, sent on the one unsafe request, sign-out.
import '/widgets/crm-partner-view.js';
import '/widgets/crm-my-commissions.js';
import '/widgets/crm-lead-form.js';
import '/widgets/crm-password-reset.js';

const $ = (id) => document.getElementById(id);
let csrfToken = '';

const strings = {
  pl: {
    portal: 'Portal partnera',
    signInTitle: 'Portal partnera — logowanie',
    hint: 'Statusy poleconych klientów, bez danych osobowych.',
    email: 'E-mail',
    password: 'Hasło',
    signIn: 'Zaloguj',
    signOut: 'Wyloguj',
    signingIn: 'Logowanie…',
    badLogin: 'Nieprawidłowy e-mail lub hasło.',
    locked: 'Konto jest chwilowo zablokowane. Spróbuj później.',
    offline: 'Brak połączenia z CRM.',
    missing: 'Podaj e-mail i hasło.',
    notPartner: 'To konto nie jest kontem partnera.',
    refer: 'Poleć klienta',
    referHint: 'Podaj dane klienta i własny numer polecenia — po nim znajdziesz polecenie na liście.',
  },
  en: {
    portal: 'Partner portal',
    signInTitle: 'Partner portal — sign in',
    hint: 'Your referred clients\u2019 statuses, without personal data.',
    email: 'E-mail',
    password: 'Password',
    signIn: 'Sign in',
    signOut: 'Sign out',
    signingIn: 'Signing in…',
    badLogin: 'Wrong e-mail or password.',
    locked: 'The account is locked for a while. Try again later.',
    offline: 'Cannot reach the CRM.',
    missing: 'Enter your e-mail and password.',
    notPartner: 'This account is not a partner account.',
    refer: 'Refer a client',
    referHint: "Enter the client's details and your own reference — you will find the referral by it in the list.",
  },
};

let lang = localStorage.getItem('crm-lang') === 'en' ? 'en' : 'pl';
const say = (key) => strings[lang][key] ?? key;

function applyLang() {
  document.documentElement.lang = lang; // widgets follow <html lang> by themselves
  document.title = say('portal');
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = say(el.dataset.i18n);
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

/** JSON over fetch with the session cookie; rejects with `{ status, code }` like the widgets' ApiError. */
async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw { status: 0, code: 'network' };
  }
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) throw { status: res.status, code: data?.error?.code ?? `http_${res.status}` };
  if (typeof data?.csrfToken === 'string') csrfToken = data.csrfToken;
  return data;
}

async function whoAmI() {
  try {
    return await api('GET', '/api/me');
  } catch (error) {
    if (error.status === 401) return null;
    throw error;
  }
}

/** The firm's name and logo on the sign-in page; asks /api/me only when a session exists (no 401 in the console). */
async function sessionState() {
  const state = await api('GET', '/api/auth/session');
  $('firm-name').textContent = state.firm.name;
  document.title = `${state.firm.name} — ${say('portal')}`;
  if (state.firm.logo) {
    const logo = $('firm-logo');
    logo.src = state.firm.logo;
    logo.hidden = false;
  }
  return state;
}

function showSignIn(message = '') {
  $('portal').hidden = true;
  $('portal').replaceChildren();
  $('who').hidden = true;
  $('sign-out').hidden = true;
  $('sign-in').hidden = false;
  $('login-error').textContent = message;
  $('email').focus();
}

async function showPortal(me) {
  // Only a partner login has a partner firm; anyone else gets 403 here and stays on the form.
  const partner = await api('GET', '/api/partner-portal/me');
  $('sign-in').hidden = true;
  $('firm-name').textContent = me.firm?.name ?? 'CRM';
  $('partner-name').textContent = partner.name;
  $('user-name').textContent = me.user?.name ?? '';
  $('who').hidden = false;
  $('sign-out').hidden = false;
  const screen = $('portal');
  screen.replaceChildren($('portal-screen').content.cloneNode(true));
  // A section the login has no permission for is not shown at all.
  for (const el of screen.querySelectorAll('[data-needs]'))
    if (!me.permissions?.[el.dataset.needs]?.length) el.remove();
  screen.hidden = false;
  applyLang();
}

async function enter(me) {
  try {
    await showPortal(me);
  } catch (error) {
    if (error.status !== 403) throw error;
    await api('POST', '/api/auth/logout').catch(() => {});
    showSignIn(say('notPartner'));
  }
}

// A referral just received: the list shows it at the top, found by the partner's own reference.
document.addEventListener('crm-lead-submit', (event) => {
  const view = $('partner-view');
  if (!view) return;
  view.q = event.detail.reference ?? '';
  void view.refresh();
});

// "Nie pamiętam hasła" (<crm-password-reset>): its steps take the sign-in form's place; an e-mailed link opens them.
const stepAside = (mode) => ($('login-form').hidden = mode !== 'sign-in');
document.addEventListener('crm-password-reset-mode', (event) => stepAside(event.mode));
stepAside(document.querySelector('crm-password-reset')?.step ?? 'sign-in');

// Any widget finding the session gone sends the partner back to the sign-in form.
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
    await api('POST', '/api/auth/login', { email, password });
    $('password').value = '';
    await enter(await whoAmI());
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
    await api('POST', '/api/auth/logout');
  } finally {
    // A fresh page: widgets cache the signed-in login's labels per page.
    location.reload();
  }
});

applyLang();
try {
  const me = (await sessionState()).signedIn ? await whoAmI() : null;
  if (me?.user) await enter(me);
  else showSignIn();
} catch {
  showSignIn(say('offline'));
}
