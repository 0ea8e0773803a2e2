/**
 * @module widgets/crm-password-reset/component
 * `<crm-password-reset>`: "Nie pamiętam hasła" under a sign-in form. A link opens a one-field form
 * that asks the CRM for a reset e-mail (`POST /api/auth/password-reset`); the answer is the same
 * whether or not the address has an account, and the widget says so. Opened from the e-mailed link
 * (`#reset=<token>` in the page's address), it asks for the new password twice and sets it
 * (`POST /api/auth/password-reset/confirm`); every session of the user ends, and the person signs in
 * with the new password. The page hears `crm-password-reset-mode` to step its sign-in form aside.
 */
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { apiRequest } from '../base/api-client.ts';
import { ApiError } from '../base/api-error.ts';
import { CrmElement } from '../base/crm-element.ts';
import { CrmEvent } from '../base/events.ts';
import { defineTranslations } from '../base/i18n.ts';
import { uiStyles } from '../base/ui-styles.ts';
import { passwordResetStyles } from './crm-password-reset.styles.ts';
import { passwordProblem, resetTokenOf } from './reset-link.ts';

type Mode = 'sign-in' | 'request' | 'sent' | 'set' | 'done';

/** The widget moved to another step; a page hides its own sign-in form unless `mode` is `sign-in`. */
export class CrmPasswordResetModeEvent extends CrmEvent {
  static readonly eventName = 'crm-password-reset-mode';
  readonly mode: Mode;
  constructor(mode: Mode) {
    super(CrmPasswordResetModeEvent.eventName);
    this.mode = mode;
  }
}

const t = defineTranslations({
  pl: {
    forgot: 'Nie pamiętam hasła',
    requestTitle: 'Nie pamiętasz hasła?',
    requestHint: 'Podaj e-mail konta. Wyślemy link do ustawienia nowego hasła (ważny 30 minut, działa raz).',
    email: 'E-mail',
    send: 'Wyślij link',
    sending: 'Wysyłanie…',
    back: 'Wróć do logowania',
    sent:
      'Jeśli to konto istnieje, wysłaliśmy na ten adres link do ustawienia nowego hasła. Sprawdź skrzynkę ' +
      '(także folder spam). Link jest ważny 30 minut.',
    setTitle: 'Ustaw nowe hasło',
    password: 'Nowe hasło',
    repeat: 'Powtórz nowe hasło',
    set: 'Ustaw hasło',
    saving: 'Zapisywanie…',
    done: 'Hasło zostało zmienione. Zaloguj się nowym hasłem.',
    signIn: 'Przejdź do logowania',
    needEmail: 'Podaj adres e-mail, np. jan@example.pl.',
    short: (n: number) => `Hasło musi mieć co najmniej ${n} znaków.`,
    mismatch: 'Hasła nie są takie same.',
    badLink: 'Ten link już nie działa (został użyty, wygasł albo hasło zmieniono). Poproś o nowy.',
    again: 'Poproś o nowy link',
    tooMany: 'Zbyt wiele próśb o link. Spróbuj ponownie za godzinę.',
    failed: 'Nie udało się. Sprawdź połączenie i spróbuj ponownie.',
  },
  en: {
    forgot: 'Forgot your password?',
    requestTitle: 'Forgot your password?',
    requestHint:
      "Enter your account's e-mail. We will send a link to set a new password (valid 30 minutes, works once).",
    email: 'E-mail',
    send: 'Send link',
    sending: 'Sending…',
    back: 'Back to sign-in',
    sent:
      'If this account exists, we have sent a link to set a new password to this address. Check your inbox ' +
      '(and the spam folder). The link is valid for 30 minutes.',
    setTitle: 'Set a new password',
    password: 'New password',
    repeat: 'Repeat the new password',
    set: 'Set password',
    saving: 'Saving…',
    done: 'Your password has been changed. Sign in with the new password.',
    signIn: 'Go to sign-in',
    needEmail: 'Enter an e-mail address, e.g. jan@example.pl.',
    short: (n: number) => `The password must have at least ${n} characters.`,
    mismatch: 'The passwords are not the same.',
    badLink: 'This link no longer works (it was used, it expired or the password changed). Ask for a new one.',
    again: 'Ask for a new link',
    tooMany: 'Too many requests for a link. Try again in an hour.',
    failed: 'That did not work. Check the connection and try again.',
  },
});

/**
 * @summary "Forgot password": asks for a one-time e-mailed link, and sets the new password from that link.
 *
 * @event crm-password-reset-mode - The step changed; `event.mode` is `sign-in`, `request`, `sent`, `set` or `done`.
 * @csspart base - The box around each step.
 * @csspart open - The "forgot password" link under the sign-in form.
 * @csspart message - The step's outcome or error, announced to screen readers.
 * @cssproperty --crm-color-primary - Links and the buttons.
 */
export class CrmPasswordReset extends CrmElement {
  static override styles = [...CrmElement.styles, uiStyles, passwordResetStyles];

  /** The shortest password the firm allows (`security.passwordMinLength`); the server checks it too. */
  @property({ type: Number, attribute: 'min-length' }) minLength = 10;

  @state() private mode: Mode = 'sign-in';
  @state() private busy = false;
  /** The step's outcome, as a key: rendered in the language of the moment (the switch may come after). */
  @state() private message: '' | 'sent' | 'done' | 'tooMany' | 'failed' | 'badLink' = '';
  @state() private problem: { field: string; text: string } | null = null;
  private resetToken: string | null = null;

  /** The step shown now (a page may read it once at start: a reset link opens the widget before the page listens). */
  get step(): Mode {
    return this.mode;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.readLink();
    window.addEventListener('hashchange', this.readLink);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.readLink);
  }

  /** A reset link opened on this page (loaded with it, or the fragment changed in an open tab). */
  private readonly readLink = () => {
    const token = resetTokenOf(location.hash);
    if (!token) return;
    this.resetToken = token;
    // Out of the address bar and the history at once: the token is a credential until it is used.
    history.replaceState(null, '', location.pathname + location.search);
    this.go('set');
  };

  private go(mode: Mode): void {
    this.mode = mode;
    this.problem = null;
    if (mode !== 'done' && mode !== 'sent') this.message = '';
    this.dispatchEvent(new CrmPasswordResetModeEvent(mode));
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-focus]')?.focus());
  }

  private async call(path: string, body: unknown): Promise<ApiError | null> {
    this.busy = true;
    try {
      await apiRequest(this.apiConfig, 'POST', path, body);
      return null;
    } catch (e) {
      return e instanceof ApiError ? e : new ApiError({ status: 0, code: 'network', message: String(e) });
    } finally {
      this.busy = false;
    }
  }

  private async request(e: Event): Promise<void> {
    e.preventDefault();
    if (this.busy) return;
    const email = String(new FormData(e.target as HTMLFormElement).get('email') ?? '').trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      this.problem = { field: 'email', text: t(this, 'needEmail') };
      return;
    }
    this.problem = null;
    const error = await this.call('/api/auth/password-reset', { email, lang: this.resolvedLang });
    if (!error) {
      this.message = 'sent';
      this.go('sent');
    } else this.message = error.status === 429 ? 'tooMany' : 'failed';
  }

  private async set(e: Event): Promise<void> {
    e.preventDefault();
    if (this.busy || !this.resetToken) return;
    const fd = new FormData(e.target as HTMLFormElement);
    const password = String(fd.get('password') ?? '');
    const why = passwordProblem(password, String(fd.get('repeat') ?? ''), this.minLength);
    if (why) {
      this.problem =
        why === 'short'
          ? { field: 'password', text: t(this, 'short', this.minLength) }
          : { field: 'repeat', text: t(this, 'mismatch') };
      return;
    }
    this.problem = null;
    const error = await this.call('/api/auth/password-reset/confirm', { token: this.resetToken, password });
    if (!error) {
      this.resetToken = null;
      this.message = 'done';
      this.go('done');
    } else if (error.problemAt('/password'))
      this.problem = { field: 'password', text: t(this, 'short', this.minLength) };
    else this.message = error.status === 422 ? 'badLink' : 'failed';
  }

  private field(name: string, type: string, autocomplete: string, focus = false) {
    const bad = this.problem?.field === name;
    return html`<div class="field">
      <label for=${name}>${t(this, name as 'email')}</label>
      <input id=${name} name=${name} type=${type} autocomplete=${autocomplete} required ?data-focus=${focus}
        aria-invalid=${bad ? 'true' : 'false'} aria-describedby=${bad ? `${name}-error` : nothing}>
      ${bad ? html`<span class="field-error" id="${name}-error">${this.problem!.text}</span>` : nothing}
    </div>`;
  }

  private status(kind: 'ok' | 'error') {
    return this.message
      ? html`<p part="message" class="message" data-kind=${kind} role=${kind === 'error' ? 'alert' : 'status'}>${
          this.message ? t(this, this.message) : ''
        }</p>`
      : nothing;
  }

  override render() {
    const busy = this.busy;
    switch (this.mode) {
      case 'sign-in':
        return html`<button part="open" type="button" class="link" @click=${() => this.go('request')}>${t(
          this,
          'forgot',
        )}</button>`;
      case 'request':
        return html`<section part="base" aria-labelledby="title">
          <h2 id="title">${t(this, 'requestTitle')}</h2>
          <p class="muted">${t(this, 'requestHint')}</p>
          <form novalidate @submit=${this.request}>
            ${this.field('email', 'email', 'username', true)}
            ${this.status('error')}
            <div class="actions">
              <button type="submit" ?disabled=${busy}>${t(this, busy ? 'sending' : 'send')}</button>
              <button type="button" class="link" @click=${() => this.go('sign-in')}>${t(this, 'back')}</button>
            </div>
          </form>
        </section>`;
      case 'sent':
      case 'done':
        return html`<section part="base">
          ${this.status('ok')}
          <div class="actions"><button type="button" data-focus @click=${() => this.go('sign-in')}>${t(
            this,
            this.mode === 'done' ? 'signIn' : 'back',
          )}</button></div>
        </section>`;
      case 'set':
        return html`<section part="base" aria-labelledby="title">
          <h2 id="title">${t(this, 'setTitle')}</h2>
          <form novalidate @submit=${this.set}>
            ${this.field('password', 'password', 'new-password', true)}
            ${this.field('repeat', 'password', 'new-password')}
            ${this.status('error')}
            <div class="actions">
              <button type="submit" ?disabled=${busy}>${t(this, busy ? 'saving' : 'set')}</button>
              ${
                this.message
                  ? html`<button type="button" class="link" @click=${() => this.go('request')}>${t(
                      this,
                      'again',
                    )}</button>`
                  : nothing
              }
            </div>
          </form>
        </section>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-password-reset': CrmPasswordReset;
  }
  interface HTMLElementEventMap {
    'crm-password-reset-mode': CrmPasswordResetModeEvent;
  }
}
