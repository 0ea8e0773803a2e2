/**
 * @module widgets/crm-consents/component
 * `<crm-consents client-id>`: a client's purposes of processing and contact — each with its lawful
 * basis, its state (given, withdrawn, none, not needed) from the consent ledger, the version and the
 * history — and the two things staff do: record a consent the person gave by phone or on paper (the
 * exact text of the current version is shown, in Polish or English, with its SHA-256), and withdraw
 * one (or record an objection to a legitimate interest) after a confirmation. Follows `<html lang>`.
 */
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiController } from '../base/api-controller.ts';
import type { ApiError } from '../base/api-error.ts';
import { loadForClient } from '../base/client-load.ts';
import { CrmElement } from '../base/crm-element.ts';
import { defineTranslations, errorMessage, formatDateTime, t as common } from '../base/i18n.ts';
import { uiStyles } from '../base/ui-styles.ts';
import { consentsStyles } from './crm-consents.styles.ts';

type Label = { pl: string; en: string };
type Basis = 'consent' | 'contract' | 'legal-obligation' | 'legitimate-interest';
type StateName = 'given' | 'withdrawn' | 'none' | 'not-needed';

interface ConsentEvent {
  id: string;
  purpose: string;
  version: string;
  action: 'given' | 'withdrawn';
  at: string;
  method: string;
  recordedBy: { id: string; name: string } | null;
  leadSource: string | null;
  textHash: string | null;
  language: string | null;
  note: string | null;
}

/** One purpose of `GET /api/clients/:id/consents`. */
export interface ConsentPurposeState {
  purpose: {
    id: string;
    label: Label;
    basis: Basis;
    channels: string[];
    current: string | null;
    text: Label | null;
    sha256: Label | null;
  };
  state: StateName;
  version: string | null;
  at: string | null;
  source: 'ledger' | 'field' | 'basis' | 'none';
  outdated: boolean;
  allowsSending: boolean;
  history: ConsentEvent[];
}

interface Answer {
  clientId: string;
  purposes: ConsentPurposeState[];
}

type Draft = { purpose: string; action: 'given' | 'withdrawn'; method: string; language: 'pl' | 'en'; note: string };

const t = defineTranslations({
  pl: {
    title: 'Zgody i podstawy przetwarzania',
    basis: (k: string) =>
      (
        ({
          consent: 'Zgoda (art. 6 ust. 1 lit. a RODO)',
          contract: 'Umowa (art. 6 ust. 1 lit. b RODO)',
          'legal-obligation': 'Obowiązek prawny (art. 6 ust. 1 lit. c RODO)',
          'legitimate-interest': 'Prawnie uzasadniony interes (art. 6 ust. 1 lit. f RODO)',
        }) as Record<string, string>
      )[k] ?? k,
    state: (k: string) =>
      (
        ({
          given: 'Udzielona',
          withdrawn: 'Wycofana',
          none: 'Brak zgody',
          'not-needed': 'Nie wymaga zgody',
          objected: 'Sprzeciw',
        }) as Record<string, string>
      )[k] ?? k,
    channels: 'Kanały',
    channel: (k: string) =>
      (
        ({
          sms: 'SMS',
          email: 'e-mail',
          phone: 'telefon',
          post: 'poczta',
          'partner-sharing': 'udostępnienie partnerowi',
          processing: 'przetwarzanie',
        }) as Record<string, string>
      )[k] ?? k,
    version: 'wersja',
    outdated: 'udzielona dla starszej wersji treści',
    fromField: 'z pola klienta (sprzed rejestru zgód)',
    record: 'Zapisz zgodę',
    withdraw: 'Wycofaj zgodę',
    object: 'Zapisz sprzeciw',
    method: 'Sposób',
    methods: (k: string) =>
      (
        ({
          phone: 'telefonicznie',
          paper: 'na papierze',
          email: 'e-mailem',
          form: 'formularz',
          partner: 'od partnera',
          portal: 'portal',
          import: 'import',
        }) as Record<string, string>
      )[k] ?? k,
    language: 'Język treści',
    note: 'Notatka',
    textShown: (v: string) => `Treść zgody (wersja ${v}) — odczytaj lub przedstaw ją klientowi:`,
    hash: 'SHA-256 treści',
    confirmWithdraw: (name: string) =>
      `Czy na pewno wycofać zgodę „${name}”? Wiadomości objęte tą zgodą nie zostaną wysłane.`,
    confirmObject: (name: string) =>
      `Czy na pewno zapisać sprzeciw wobec „${name}”? Wiadomości objęte tym celem nie zostaną wysłane.`,
    confirmRecord: 'Klient zgodził się na powyższą treść',
    confirmYes: 'Tak, wycofaj',
    confirmObjectYes: 'Tak, zapisz sprzeciw',
    cancel: 'Anuluj',
    history: (n: number) => `Historia (${n})`,
    given: 'udzielona',
    withdrawn: 'wycofana',
    by: 'zapisał(a)',
    lead: 'z leada',
    saved: 'Zapisano',
    empty: 'Firma nie ma skonfigurowanych celów przetwarzania',
  },
  en: {
    title: 'Consents and lawful bases',
    basis: (k: string) =>
      (
        ({
          consent: 'Consent (GDPR Art. 6(1)(a))',
          contract: 'Contract (GDPR Art. 6(1)(b))',
          'legal-obligation': 'Legal obligation (GDPR Art. 6(1)(c))',
          'legitimate-interest': 'Legitimate interest (GDPR Art. 6(1)(f))',
        }) as Record<string, string>
      )[k] ?? k,
    state: (k: string) =>
      (
        ({
          given: 'Given',
          withdrawn: 'Withdrawn',
          none: 'Not given',
          'not-needed': 'No consent needed',
          objected: 'Objected',
        }) as Record<string, string>
      )[k] ?? k,
    channels: 'Channels',
    channel: (k: string) =>
      (
        ({
          sms: 'SMS',
          email: 'e-mail',
          phone: 'phone',
          post: 'post',
          'partner-sharing': 'sharing with a partner',
          processing: 'processing',
        }) as Record<string, string>
      )[k] ?? k,
    version: 'version',
    outdated: 'given for an older version of the text',
    fromField: "from the client's field (before the consent ledger)",
    record: 'Record consent',
    withdraw: 'Withdraw consent',
    object: 'Record objection',
    method: 'How',
    methods: (k: string) =>
      (
        ({
          phone: 'by phone',
          paper: 'on paper',
          email: 'by e-mail',
          form: 'web form',
          partner: 'from a partner',
          portal: 'portal',
          import: 'import',
        }) as Record<string, string>
      )[k] ?? k,
    language: 'Language of the text',
    note: 'Note',
    textShown: (v: string) => `The consent text (version ${v}) — read it out or show it to the client:`,
    hash: 'SHA-256 of the text',
    confirmWithdraw: (name: string) => `Withdraw the consent "${name}"? Messages this consent covers will not be sent.`,
    confirmObject: (name: string) => `Record an objection to "${name}"? Messages this purpose covers will not be sent.`,
    confirmRecord: 'The client agreed to the text above',
    confirmYes: 'Yes, withdraw',
    confirmObjectYes: 'Yes, record the objection',
    cancel: 'Cancel',
    history: (n: number) => `History (${n})`,
    given: 'given',
    withdrawn: 'withdrawn',
    by: 'recorded by',
    lead: 'from a lead',
    saved: 'Saved',
    empty: 'The firm has no purposes of processing configured',
  },
});

const staffMethods = ['phone', 'paper', 'email'] as const;

/**
 * @summary A client's consents per purpose, with their history; record a consent by phone or on paper, withdraw one.
 *
 * @event crm-error - Loading or saving failed; `event.error` is the `ApiError`.
 * @csspart base - The panel.
 * @csspart purpose - One purpose (also `given`, `withdrawn`, `none` or `not-needed`).
 * @csspart form - The form to record or withdraw a consent.
 * @csspart button - Buttons.
 * @csspart message - A success or error message.
 * @cssproperty --crm-color-success - A given consent.
 * @cssproperty --crm-color-danger - A withdrawn consent, the withdrawal warning.
 */
export class CrmConsents extends CrmElement {
  static override styles = [...CrmElement.styles, uiStyles, consentsStyles];

  /** Id of the client whose consents to show. */
  @property({ attribute: 'client-id', reflect: true }) clientId = '';

  @state() private purposes: ConsentPurposeState[] = [];
  @state() private draft: Draft | undefined;
  @state() private sending = false;
  @state() private message: { kind: 'ok' | 'error'; text: string; saved?: boolean } | undefined;

  private readonly api = new ApiController<Answer>(this);

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('clientId')) {
      this.purposes = [];
      this.draft = undefined;
      this.message = undefined;
      if (this.clientId) void this.reload();
    }
  }

  /** Loads the client's consents again. */
  async reload(): Promise<void> {
    const answer = await loadForClient(this, this.api, '/consents');
    if (answer) this.purposes = answer.purposes;
    await this.updateComplete;
  }

  private open(p: ConsentPurposeState, action: Draft['action']): void {
    this.message = undefined;
    this.draft = {
      purpose: p.purpose.id,
      action,
      method: 'phone',
      language: this.resolvedLang === 'en' ? 'en' : 'pl',
      note: '',
    };
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const d = this.draft;
    if (!d || this.sending) return;
    this.sending = true;
    try {
      await this.api.post(`/api/clients/${encodeURIComponent(this.clientId)}/consents`, {
        purpose: d.purpose,
        action: d.action,
        method: d.method,
        ...(d.action === 'given' ? { language: d.language } : {}),
        ...(d.note.trim() ? { note: d.note.trim() } : {}),
      });
      this.draft = undefined;
      this.message = { kind: 'ok', text: '', saved: true }; // shown in the language of the moment
      await this.reload();
    } catch (error) {
      const err = error as ApiError;
      this.message = {
        kind: 'error',
        text: err.status === 409 || err.status === 422 ? err.message : errorMessage(this, err),
      };
    } finally {
      this.sending = false;
    }
  }

  private stateWord(p: ConsentPurposeState): string {
    if (p.state === 'withdrawn' && p.purpose.basis === 'legitimate-interest') return t(this, 'state', 'objected');
    return t(this, 'state', p.state);
  }

  private renderForm(p: ConsentPurposeState) {
    const d = this.draft!;
    const lang = this.resolvedLang;
    const name = p.purpose.label[lang];
    const id = `cs-${p.purpose.id}`;
    const set = (k: keyof Draft) => (e: Event) =>
      (this.draft = { ...d, [k]: (e.target as HTMLInputElement).value } as Draft);
    const giving = d.action === 'given';
    const text = p.purpose.text?.[d.language];
    return html`<form part="form" @submit=${this.submit} aria-label=${giving ? t(this, 'record') : t(this, 'withdraw')}>
      ${
        giving
          ? html`<div class="field"><label for="${id}-lang">${t(this, 'language')}</label>
              <select id="${id}-lang" @change=${set('language')}>
                <option value="pl" ?selected=${d.language === 'pl'}>polski</option>
                <option value="en" ?selected=${d.language === 'en'}>English</option>
              </select></div>
            <p class="muted">${t(this, 'textShown', p.purpose.current ?? '')}</p>
            <blockquote lang=${d.language} data-text>${text}</blockquote>
            <p class="muted">${t(this, 'hash')}: <span class="hash">${p.purpose.sha256?.[d.language]}</span></p>`
          : html`<p class="warn" role="alert">${
              p.purpose.basis === 'legitimate-interest'
                ? t(this, 'confirmObject', name)
                : t(this, 'confirmWithdraw', name)
            }</p>`
      }
      <div class="row">
        <div class="field"><label for="${id}-method">${t(this, 'method')}</label>
          <select id="${id}-method" @change=${set('method')}>${staffMethods.map(
            (m) => html`<option value=${m} ?selected=${m === d.method}>${t(this, 'methods', m)}</option>`,
          )}</select></div>
      </div>
      <div class="field"><label for="${id}-note">${t(this, 'note')}</label><textarea id="${id}-note"
        .value=${d.note} @input=${set('note')}></textarea></div>
      <div class="row">
        <button part="button" type="submit" ?disabled=${this.sending}>${
          this.sending
            ? common(this, 'loading')
            : giving
              ? t(this, 'confirmRecord')
              : p.purpose.basis === 'legitimate-interest'
                ? t(this, 'confirmObjectYes')
                : t(this, 'confirmYes')
        }</button>
        <button part="button" type="button" class="secondary" @click=${() => (this.draft = undefined)}>${t(
          this,
          'cancel',
        )}</button>
      </div>
    </form>`;
  }

  private renderEvent(e: ConsentEvent) {
    const lang = this.resolvedLang;
    const who = e.recordedBy
      ? `${t(this, 'by')} ${e.recordedBy.name}`
      : e.leadSource
        ? `${t(this, 'lead')} (${e.leadSource})`
        : '';
    return html`<li data-action=${e.action}>
      ${formatDateTime(e.at, lang)} · ${e.action === 'given' ? t(this, 'given') : t(this, 'withdrawn')}
      · ${t(this, 'version')} ${e.version} · ${t(this, 'methods', e.method)}${who ? html` · ${who}` : nothing}
      ${e.note ? html`<div class="muted">${e.note}</div>` : nothing}
    </li>`;
  }

  private renderPurpose(p: ConsentPurposeState) {
    const lang = this.resolvedLang;
    const b = p.purpose.basis;
    const editing = this.draft?.purpose === p.purpose.id;
    const canGive = b === 'consent' && (p.state !== 'given' || p.outdated);
    const canWithdraw =
      (b === 'consent' && p.state === 'given') || (b === 'legitimate-interest' && p.state !== 'withdrawn');
    const labelId = `cs-name-${p.purpose.id}`;
    return html`<li part="purpose ${p.state}" data-purpose=${p.purpose.id} data-state=${p.state}
      aria-labelledby=${labelId}>
      <div class="row">
        <span class="name" id=${labelId}>${p.purpose.label[lang]}</span>
        <span class="state" data-state=${p.state}>${this.stateWord(p)}</span>
        <span class="spacer"></span>
        ${
          !editing && canGive
            ? html`<button part="button" class="secondary" @click=${() => this.open(p, 'given')}
                aria-describedby=${labelId}>${t(this, 'record')}</button>`
            : nothing
        }
        ${
          !editing && canWithdraw
            ? html`<button part="button" class="secondary" @click=${() => this.open(p, 'withdrawn')}
                aria-describedby=${labelId}>${b === 'consent' ? t(this, 'withdraw') : t(this, 'object')}</button>`
            : nothing
        }
      </div>
      <div class="muted">${t(this, 'basis', b)}${
        p.purpose.channels.length
          ? html` · ${t(this, 'channels')}: ${p.purpose.channels.map((c) => t(this, 'channel', c)).join(', ')}`
          : nothing
      }</div>
      ${
        p.state === 'given' || p.state === 'withdrawn'
          ? html`<div class="muted">${p.version ? html`${t(this, 'version')} ${p.version}` : nothing}${
              p.at ? html` · ${formatDateTime(p.at, lang)}` : nothing
            }${p.source === 'field' ? html` · ${t(this, 'fromField')}` : nothing}${
              p.outdated ? html` · <strong>${t(this, 'outdated')}</strong>` : nothing
            }</div>`
          : nothing
      }
      ${editing ? this.renderForm(p) : nothing}
      ${
        p.history.length
          ? html`<details><summary>${t(this, 'history', p.history.length)}</summary>
              <ol>${[...p.history].reverse().map((e) => this.renderEvent(e))}</ol></details>`
          : nothing
      }
    </li>`;
  }

  override render() {
    if (!this.clientId) return nothing;
    const { loading, error } = this.api;
    const msg = this.message;
    return html`<section part="base" aria-busy=${loading ? 'true' : 'false'} aria-labelledby="cs-title">
      <h3 id="cs-title">${t(this, 'title')}</h3>
      <div aria-live="polite">${
        msg
          ? html`<div part="message" class="message" data-kind=${msg.kind}
              role=${msg.kind === 'error' ? 'alert' : 'status'}>${msg.saved ? t(this, 'saved') : msg.text}</div>`
          : nothing
      }</div>
      ${
        error && !this.purposes.length
          ? html`<p class="message" data-kind="error" role="alert">${errorMessage(this, error)} <button class="link"
              @click=${() => this.reload()}>${common(this, 'retry')}</button></p>`
          : nothing
      }
      ${
        !loading && !error && !this.purposes.length
          ? html`<p class="muted">${t(this, 'empty')}</p>`
          : html`<ul class="purposes">${this.purposes.map((p) => this.renderPurpose(p))}</ul>`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-consents': CrmConsents;
  }
}
