/**
 * @module widgets/crm-outbox/component
 * `<crm-outbox>`: the firm's outgoing SMS and e-mail for the people who look after them. Messages by
 * status (waiting, sent, failed, given up on, skipped, cancelled), each with its recipient, text,
 * attempts and the provider's error or the reason it was skipped; a failed, dead or skipped message
 * is sent again, one not yet sent is cancelled (after a confirmation on the row). Over
 * `/api/notifications` (`notifications:read`, and `notifications:retry` for the actions), scoped by
 * the server like every list.
 */
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { ActionRunner } from '../base/action-runner.ts';
import { ApiController } from '../base/api-controller.ts';
import type { ApiError } from '../base/api-error.ts';
import { CrmElement } from '../base/crm-element.ts';
import { defineTranslations, errorMessage, formatDateTime } from '../base/i18n.ts';
import { token } from '../base/theme.ts';
import { uiStyles } from '../base/ui-styles.ts';

type Status = 'pending' | 'sending' | 'sent' | 'failed' | 'dead' | 'cancelled' | 'skipped';
interface Message {
  id: string;
  channel: 'sms' | 'email';
  recipient: string;
  summary: string;
  status: Status;
  attempts: number;
  dueAt: string;
  sentAt: string | null;
  lastError: string | null;
  skipReason: string | null;
  providerStatus: string | null;
}
interface Page {
  items: Message[];
  next: string | null;
}

const FILTERS = ['', 'dead', 'failed', 'pending', 'sent', 'skipped', 'cancelled'] as const;
type Filter = (typeof FILTERS)[number];
const RETRYABLE: readonly Status[] = ['dead', 'failed', 'skipped'];
const CANCELLABLE: readonly Status[] = ['pending', 'dead', 'failed', 'skipped'];

const t = defineTranslations({
  pl: {
    title: 'Wiadomości wychodzące',
    filter: 'Pokaż',
    status: 'Status',
    '': 'Wszystkie',
    pending: 'Oczekujące',
    sending: 'W wysyłce',
    sent: 'Wysłane',
    failed: 'Nieudane (ponawiane)',
    dead: 'Porzucone',
    skipped: 'Pominięte',
    cancelled: 'Anulowane',
    when: 'Termin',
    channel: 'Kanał',
    sms: 'SMS',
    email: 'E-mail',
    to: 'Do',
    text: 'Treść',
    attempts: 'Próby',
    why: 'Błąd lub powód',
    actions: 'Działania',
    retry: 'Wyślij ponownie',
    cancel: 'Anuluj wysyłkę',
    confirm: 'Tak, anuluj',
    keep: 'Nie',
    more: 'Pokaż starsze',
    none: 'Brak wiadomości o tym statusie.',
    retried: 'Wiadomość wróciła do kolejki i zostanie wysłana w ciągu minuty.',
    cancelledOk: 'Wysyłka anulowana: ta wiadomość nie wyjdzie.',
    loading: 'Ładowanie…',
  },
  en: {
    title: 'Outgoing messages',
    filter: 'Show',
    status: 'Status',
    '': 'All',
    pending: 'Waiting',
    sending: 'Sending',
    sent: 'Sent',
    failed: 'Failed (retrying)',
    dead: 'Given up',
    skipped: 'Skipped',
    cancelled: 'Cancelled',
    when: 'Due',
    channel: 'Channel',
    sms: 'SMS',
    email: 'E-mail',
    to: 'To',
    text: 'Text',
    attempts: 'Attempts',
    why: 'Error or reason',
    actions: 'Actions',
    retry: 'Send again',
    cancel: 'Cancel sending',
    confirm: 'Yes, cancel',
    keep: 'No',
    more: 'Show older',
    none: 'No messages with this status.',
    retried: 'The message is back in the queue and goes out within a minute.',
    cancelledOk: 'Sending cancelled: this message will not go out.',
    loading: 'Loading…',
  },
});

/**
 * @summary The outbox for administrators and managers: messages by status, dead letters with the
 * provider's error, send again or cancel.
 *
 * @event crm-error - A request failed; `event.error` is the `ApiError`.
 * @csspart filter - The status filter.
 * @csspart table - The table of messages.
 * @csspart message - The result of the last action.
 */
export class CrmOutbox extends CrmElement {
  static override styles = [
    ...CrmElement.styles,
    uiStyles,
    css`
      .scroll { overflow-x: auto; }
      table { border-collapse: collapse; width: 100%; }
      td, th { padding: .35rem .5rem; border-bottom: 1px solid var(--crm-color-border, #e2e8f0);
        text-align: left; vertical-align: top; }
      td.text { min-width: 14rem; max-width: 28rem; overflow-wrap: anywhere; }
      td.why { max-width: 18rem; overflow-wrap: anywhere; color: var(--crm-color-danger, #b91c1c); }
      td.actions { white-space: nowrap; }
      td.actions button { margin: 0 .25rem .25rem 0; }
      .status { font-weight: 600; }
      :host { container-type: inline-size; }
      /* Narrower than a desktop's content column (a tablet, a phone): each message a card of labelled lines
         (as the client list does), not eight columns squeezing the text to a few letters per line. */
      @container (max-width: 900px) {
        table, tbody, tr, td { display: block; }
        thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
        tbody tr { border: 1px solid ${token.colorBorder}; border-radius: ${token.radius};
          padding: .5rem .75rem; margin-bottom: .75rem; }
        tbody td { border: none; padding: .15rem 0; max-width: none; }
        tbody td[data-label]::before { content: attr(data-label) ': '; color: ${token.colorTextMuted}; }
        tbody td.why:empty { display: none; }
      }
    `,
  ];

  @state() private filter: Filter = '';
  @state() private items: Message[] = [];
  @state() private next: string | null = null;
  @state() private loaded = false;
  @state() private confirming: string | null = null;
  @state() private message = '';
  @state() private error = '';
  private readonly api = new ApiController<Page>(this);
  /** One retry or cancel at a time (a double click sends nothing twice); `running` is the message's id. */
  private readonly action = new ActionRunner<string>(this, {
    start: () => {
      this.error = '';
      this.message = '';
    },
    done: (message) => (this.message = message),
    fail: (e) => (this.error = errorMessage(this, e)),
    settle: () => (this.confirming = null),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** Reload the first page of the chosen status. */
  async reload(): Promise<void> {
    await this.load();
  }

  private async load(before?: string): Promise<void> {
    this.error = '';
    try {
      const page = await this.api.get<Page>('/api/notifications', {
        query: { status: this.filter || undefined, before, limit: 50 },
      });
      this.items = before ? [...this.items, ...page.items] : page.items;
      this.next = page.next;
      this.loaded = true;
    } catch (e) {
      this.error = errorMessage(this, e as ApiError);
    }
  }

  private choose(filter: Filter): void {
    this.filter = filter;
    this.message = '';
    this.confirming = null;
    void this.load();
  }

  private act(m: Message, action: 'retry' | 'cancel'): Promise<unknown> {
    return this.action.run(
      async () => {
        const updated = await this.api.post<Message>(`/api/notifications/${encodeURIComponent(m.id)}/${action}`);
        // The row stays where it was, with its new status, until the list is reloaded.
        this.items = this.items.map((x) => (x.id === m.id ? { ...x, ...updated } : x));
        return t(this, action === 'retry' ? 'retried' : 'cancelledOk');
      },
      { name: m.id },
    );
  }

  private renderActions(m: Message) {
    const busy = this.action.running === m.id;
    if (this.confirming === m.id)
      return html`<button ?disabled=${busy} @click=${() => this.act(m, 'cancel')}>${t(this, 'confirm')}</button>
        <button class="secondary" @click=${() => (this.confirming = null)}>${t(this, 'keep')}</button>`;
    return html`${
      RETRYABLE.includes(m.status)
        ? html`<button ?disabled=${busy} @click=${() => this.act(m, 'retry')}>${t(this, 'retry')}</button>`
        : nothing
    }${
      CANCELLABLE.includes(m.status)
        ? html`<button class="secondary" ?disabled=${busy} @click=${() => (this.confirming = m.id)}>${t(
            this,
            'cancel',
          )}</button>`
        : nothing
    }`;
  }

  private renderRow(m: Message) {
    const lang = this.resolvedLang;
    const why = m.lastError ?? m.skipReason ?? (m.providerStatus && m.status !== 'sent' ? m.providerStatus : null);
    return html`<tr data-id=${m.id} data-status=${m.status}>
      <td data-label=${t(this, 'when')}>${formatDateTime(m.sentAt ?? m.dueAt, lang)}</td>
      <td data-label=${t(this, 'channel')}>${t(this, m.channel)}</td>
      <td data-label=${t(this, 'to')}>${m.recipient}</td>
      <td class="text" data-label=${t(this, 'text')}>${m.summary}</td>
      <td class="status" data-label=${t(this, 'status')}>${t(this, m.status)}</td>
      <td data-label=${t(this, 'attempts')}>${m.attempts}</td>
      <td class="why" data-label=${t(this, 'why')}>${why ?? nothing}</td>
      <td class="actions">${this.renderActions(m)}</td>
    </tr>`;
  }

  override render() {
    return html`<section part="base"><h2>${t(this, 'title')}</h2>
      <div class="row" part="filter"><label>${t(this, 'filter')}
        <select @change=${(e: Event) => this.choose((e.target as HTMLSelectElement).value as Filter)}>
          ${FILTERS.map((f) => html`<option value=${f} ?selected=${f === this.filter}>${t(this, f)}</option>`)}
        </select></label></div>
      <div aria-live="polite">${
        this.message ? html`<p part="message" class="message" data-kind="ok">${this.message}</p>` : nothing
      }</div>
      ${this.error ? html`<p class="message" data-kind="error" role="alert">${this.error}</p>` : nothing}
      ${
        !this.loaded
          ? html`<p class="muted">${t(this, 'loading')}</p>`
          : this.items.length === 0
            ? html`<p class="muted">${t(this, 'none')}</p>`
            : html`<div class="scroll" tabindex="0" role="region" aria-label=${t(this, 'title')}>
              <table part="table"><thead><tr>
                <th scope="col">${t(this, 'when')}</th><th scope="col">${t(this, 'channel')}</th>
                <th scope="col">${t(this, 'to')}</th><th scope="col">${t(this, 'text')}</th>
                <th scope="col">${t(this, 'status')}</th><th scope="col">${t(this, 'attempts')}</th>
                <th scope="col">${t(this, 'why')}</th><th scope="col">${t(this, 'actions')}</th>
              </tr></thead><tbody>${this.items.map((m) => this.renderRow(m))}</tbody></table></div>`
      }
      ${
        this.next
          ? html`<button class="secondary" @click=${() => this.load(this.next!)}>${t(this, 'more')}</button>`
          : nothing
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-outbox': CrmOutbox;
  }
}
