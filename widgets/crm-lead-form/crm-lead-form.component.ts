/**
 * @module widgets/crm-lead-form/component
 * `<crm-lead-form>`: the lead form for landing pages. It draws the fields and consent texts the
 * CRM serves for its public source key, carries the hidden honeypot and the signed timing token,
 * and sends the lead with one idempotency key per filled form, so a double click or a retry after
 * a network error never makes two leads. It stands on bare Lit (not the intranet platform) to stay
 * small, and needs no inline script, no eval and no inline style attribute: it works under a strict
 * Content-Security-Policy (see docs/leads.md).
 *
 * In partner mode (`mode="partner"`, on the partner portal) the form belongs to a signed-in partner
 * login: it loads from `/api/partner-portal/referral-form`, asks for the partner's own reference
 * first, and posts to `/api/partner-portal/referrals` with the session's CSRF token. The partner
 * and its representative are set by the server from the login, never by the form.
 */
import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { leadFormStyles } from './crm-lead-form.styles.ts';

type Text = { pl: string; en: string };
interface Field {
  name: string;
  type: string;
  label: Text;
  required: boolean;
  maxLength?: number;
  options?: string[];
}
interface Consent {
  purpose: string;
  version: string;
  required: boolean;
  text: Text;
}
interface Form {
  token?: string;
  honeypot?: string;
  fields: Field[];
  consents: Consent[];
  /** Partner mode: the session's CSRF token and the reference's rule. */
  csrfToken?: string | null;
  reference?: { maxLength: number; pattern: string };
}
type Problem = { path: string; message: string };

const words = {
  pl: {
    send: 'Wyślij',
    sending: 'Wysyłanie…',
    thanks: 'Dziękujemy! Skontaktujemy się wkrótce.',
    error: 'Nie udało się wysłać. Spróbuj ponownie.',
    fix: 'Popraw zaznaczone pola.',
    required: 'To pole jest wymagane.',
    loading: 'Ładowanie formularza…',
    reference: 'Twój numer polecenia',
    referenceHint: 'Twoje własne oznaczenie, np. BN-2026-051 — po nim znajdziesz polecenie na liście.',
    referenceTaken: 'Ten numer polecenia jest już użyty w innym poleceniu. Podaj inny.',
    referenceInvalid: 'Numer polecenia: litery, cyfry, spacje oraz . / _ - (do 64 znaków).',
    referred: (ref: string) => `Dziękujemy! Polecenie ${ref} zostało przyjęte.`,
    another: 'Poleć kolejnego klienta',
    signedOut: 'Sesja wygasła. Zaloguj się ponownie.',
    invalid: {
      tel: 'Podaj poprawny numer telefonu, np. 601 234 567.',
      email: 'Podaj poprawny adres e-mail, np. jan@example.pl.',
      nip: 'Nieprawidłowy NIP: 10 cyfr z poprawną sumą kontrolną.',
      pesel: 'Nieprawidłowy PESEL: 11 cyfr z poprawną sumą kontrolną.',
      regon: 'Nieprawidłowy REGON: 9 lub 14 cyfr z poprawną sumą kontrolną.',
      other: 'Sprawdź wartość tego pola.',
    },
  },
  en: {
    send: 'Send',
    sending: 'Sending…',
    thanks: 'Thank you! We will be in touch soon.',
    error: 'Could not send. Please try again.',
    fix: 'Please correct the marked fields.',
    required: 'This field is required.',
    loading: 'Loading the form…',
    reference: 'Your referral reference',
    referenceHint: 'Your own label, e.g. BN-2026-051 — find the referral by it in the list.',
    referenceTaken: 'You have already used this reference for another referral. Enter another one.',
    referenceInvalid: 'Reference: letters, digits, spaces and . / _ - (up to 64 characters).',
    referred: (ref: string) => `Thank you! Referral ${ref} has been received.`,
    another: 'Refer another client',
    signedOut: 'Your session has ended. Please sign in again.',
    invalid: {
      tel: 'Enter a valid phone number, e.g. 601 234 567.',
      email: 'Enter a valid e-mail address, e.g. jan@example.pl.',
      nip: 'Invalid NIP: 10 digits with a valid checksum.',
      pesel: 'Invalid PESEL: 11 digits with a valid checksum.',
      regon: 'Invalid REGON: 9 or 14 digits with a valid checksum.',
      other: "Check this field's value.",
    },
  },
};

/**
 * @summary A lead form for landing pages: fields and consents from the CRM, spam traps, no double leads.
 *
 * @event crm-lead-submit - The lead was received; `event.detail` is `{ id, reference }`.
 * @csspart form - The form element.
 * @csspart field - Each field's label (wrapping its input).
 * @csspart consent - Each consent's label.
 * @csspart button - The submit button.
 * @csspart message - The status line (thanks or error), announced to screen readers.
 * @csspart another - Partner mode: "refer another client" after a referral was received.
 * @cssproperty --crm-color-primary - Button and focus colour.
 * @cssproperty --crm-color-danger - Error colour.
 * @cssproperty --crm-radius - Corner radius of inputs and the button.
 */
export class CrmLeadForm extends LitElement {
  static override styles = leadFormStyles;

  /** The public source key (`bpk_…`). */
  @property({ attribute: 'source-key' }) sourceKey = '';
  /** The CRM's base URL; default the page's own origin. */
  @property({ attribute: 'base-url' }) baseUrl = '';
  /** Optional comma-separated field names: show only these (in this order). */
  @property() fields = '';
  /** `partner`: the partner portal's referral form (signed-in partner login; no source key). */
  @property() mode: 'public' | 'partner' = 'public';

  @state() private form: Form | null = null;
  @state() private busy = false;
  @state() private done = false;
  @state() private message = '';
  @state() private problems: Record<string, string> = {};
  private idemKey = '';

  private get language(): 'pl' | 'en' {
    const l = (this.closest('[lang]')?.getAttribute('lang') ?? 'pl').slice(0, 2);
    return l === 'en' ? 'en' : 'pl';
  }
  private get partner(): boolean {
    return this.mode === 'partner';
  }
  private url(path: string) {
    const base = `${this.baseUrl.replace(/\/$/, '')}${path}`;
    return this.partner ? base : `${base}?key=${encodeURIComponent(this.sourceKey)}`;
  }

  /** The page's language switch (`<html lang>` or a closer `lang`) re-renders the form in the new language. */
  private readonly langWatch =
    typeof MutationObserver === 'undefined' ? null : new MutationObserver(() => this.requestUpdate());

  override connectedCallback(): void {
    super.connectedCallback();
    this.langWatch?.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.langWatch?.disconnect();
  }

  /** Fetch the form (fields, consents, a fresh timing token). */
  async load(): Promise<void> {
    try {
      const res = this.partner
        ? await fetch(this.url('/api/partner-portal/referral-form'), { credentials: 'same-origin' })
        : await fetch(this.url('/api/leads/form'), { credentials: 'omit' });
      if (!res.ok) throw new Error(String(res.status));
      this.form = (await res.json()) as Form;
    } catch {
      this.message = words[this.language].error;
    }
  }

  private shownFields(): Field[] {
    const all = this.form?.fields ?? [];
    const only = this.fields
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return only.length ? only.map((n) => all.find((f) => f.name === n)).filter((f): f is Field => !!f) : all;
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const form = this.form;
    if (this.busy || this.done || !form) return;
    const el = e.target as HTMLFormElement;
    const fd = new FormData(el);
    const w = words[this.language];
    const data: Record<string, unknown> = {};
    const problems: Record<string, string> = {};
    for (const f of this.shownFields()) {
      const v = String(fd.get(f.name) ?? '').trim();
      if (v) data[f.name] = f.type === 'number' ? Number(v) : v;
      else if (f.required) problems[f.name] = w.required;
    }
    const consents = form.consents
      .filter((c) => fd.get(`consent-${c.purpose}`))
      .map((c) => ({ purpose: c.purpose, version: c.version }));
    for (const c of form.consents)
      if (c.required && !fd.get(`consent-${c.purpose}`)) problems[`consent-${c.purpose}`] = w.required;
    const reference = String(fd.get('reference') ?? '').trim();
    if (this.partner) {
      if (!reference) problems.reference = w.required;
      else if (form.reference && !new RegExp(form.reference.pattern).test(reference))
        problems.reference = w.referenceInvalid;
    }
    this.problems = problems;
    if (Object.keys(problems).length) {
      this.message = w.fix;
      return;
    }
    const body = JSON.stringify(
      this.partner
        ? { reference, data, consents }
        : { data, consents, formToken: form.token, [form.honeypot!]: String(fd.get(form.honeypot!) ?? '') },
    );
    // One key per content: a retry of the same form reuses it, an edited form gets a new one.
    if (!this.idemKey || this.idemKey.split(':')[1] !== String(body.length))
      this.idemKey = `${crypto.randomUUID()}:${body.length}`;
    this.busy = true;
    this.message = w.sending;
    try {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': this.idemKey };
      if (this.partner && form.csrfToken) headers['x-csrf-token'] = form.csrfToken;
      const res = await fetch(this.url(this.partner ? '/api/partner-portal/referrals' : '/api/leads'), {
        method: 'POST',
        credentials: this.partner ? 'same-origin' : 'omit',
        headers,
        body,
      });
      const out = (await res.json()) as {
        id?: string;
        reference?: string;
        error?: { details?: { problems?: Problem[] } };
      };
      if (res.status === 201) {
        this.done = true;
        this.message = this.partner ? w.referred(out.reference ?? reference) : w.thanks;
        this.dispatchEvent(
          new CustomEvent('crm-lead-submit', {
            detail: { id: out.id, reference: out.reference },
            bubbles: true,
            composed: true,
          }),
        );
        return;
      }
      if (res.status === 401) {
        this.message = w.signedOut;
        return;
      }
      // The server names the field; the message is the form's own, in the form's language.
      const byField: Record<string, string> = {};
      for (const p of out.error?.details?.problems ?? []) {
        if (p.path === '/reference') byField.reference = res.status === 409 ? w.referenceTaken : w.referenceInvalid;
        const name = p.path.replace(/^\/data\//, '');
        const field = this.shownFields().find((f) => f.name === name);
        if (field) byField[name] = this.invalidText(field);
      }
      this.problems = byField;
      this.message = Object.keys(byField).length ? w.fix : w.error;
    } catch {
      this.message = w.error;
    } finally {
      this.busy = false;
    }
  }

  /** Partner mode: an empty form for the next referral. */
  private another(): void {
    this.renderRoot.querySelector('form')?.reset();
    this.done = false;
    this.idemKey = '';
    this.message = '';
    this.problems = {};
    void this.updateComplete.then(() =>
      (this.renderRoot.querySelector('input[name=reference]') as HTMLInputElement | null)?.focus(),
    );
  }

  private referenceField(w: (typeof words)['pl'], err: (k: string) => unknown) {
    const rule = this.form?.reference;
    return html`<label part="field">${w.reference} *
      <input name="reference" required maxlength=${rule?.maxLength ?? 64} autocomplete="off"
        aria-invalid=${this.problems.reference ? 'true' : 'false'} aria-describedby="h-reference e-reference">
      <span class="hint" id="h-reference">${w.referenceHint}</span>
      ${err('reference')}</label>`;
  }

  private invalidText(f: Field): string {
    const invalid = words[this.language].invalid;
    return f.name in invalid ? invalid[f.name as 'nip'] : f.type in invalid ? invalid[f.type as 'tel'] : invalid.other;
  }

  override render() {
    const w = words[this.language];
    const form = this.form;
    if (!form) return html`<p part="message" role="status">${this.message || w.loading}</p>`;
    const err = (k: string) =>
      this.problems[k] ? html`<span class="err" id="e-${k}">${this.problems[k]}</span>` : nothing;
    return html`<form part="form" novalidate @submit=${this.submit}>
      ${this.partner ? this.referenceField(w, err) : nothing}
      ${this.shownFields().map(
        (f) => html`<label part="field">${f.label[this.language]}${f.required ? ' *' : ''}
        ${
          f.type === 'select'
            ? html`<select name=${f.name} ?required=${f.required} aria-invalid=${
                this.problems[f.name] ? 'true' : 'false'
              } aria-describedby="e-${f.name}"><option value=""></option>${f.options!.map(
                (o) => html`<option>${o}</option>`,
              )}</select>`
            : html`<input name=${f.name} type=${f.type} ?required=${f.required} maxlength=${f.maxLength ?? 200}
              autocomplete=${
                f.type === 'email' ? 'email' : f.type === 'tel' ? 'tel' : 'on'
              } aria-invalid=${this.problems[f.name] ? 'true' : 'false'} aria-describedby="e-${f.name}">`
        }
        ${err(f.name)}</label>`,
      )}
      ${form.consents.map(
        (c) =>
          html`<label part="consent" class="consent"><input type="checkbox" name="consent-${c.purpose}" aria-invalid=${
            this.problems[`consent-${c.purpose}`] ? 'true' : 'false'
          }><span>${c.text[this.language]}${c.required ? ' *' : ''} ${err(`consent-${c.purpose}`)}</span></label>`,
      )}
      ${
        form.honeypot
          ? html`<div class="trap" aria-hidden="true"><label>Website<input name=${form.honeypot} tabindex="-1"
        autocomplete="off"></label></div>`
          : nothing
      }
      <button part="button" type="submit" ?disabled=${this.busy || this.done}>${this.busy ? w.sending : w.send}</button>
      <p part="message" role="status" aria-live="polite">${this.message}</p>
      ${
        this.partner && this.done
          ? html`<button part="another" type="button" class="secondary" @click=${this.another}>${w.another}</button>`
          : nothing
      }
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-lead-form': CrmLeadForm;
  }
}
