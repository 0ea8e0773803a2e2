/**
 * @module widgets/crm-audit-trail/component
 * `<crm-audit-trail client-id>`: who saw or changed one client's data, newest first — card opens,
 * edits, status moves, contacts, calendar items, sales — from `GET /api/audit?clientId=…`, paged by
 * the API's cursor. With `user-id` instead it shows what one person did. For people holding
 * `audit:read` (others get the API's 403, shown as a message). `collapsed` shows a closed
 * disclosure that loads only when opened (the client card uses it, so opening a card costs no extra
 * request). Reads of personal data reach the log within 100 ms of the read.
 */
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiController } from '../base/api-controller.ts';
import { CrmElement } from '../base/crm-element.ts';
import { defineTranslations, errorMessage, formatDateTime, t as common } from '../base/i18n.ts';
import { uiStyles } from '../base/ui-styles.ts';
import { auditTrailStyles } from './crm-audit-trail.styles.ts';

/** One entry of `GET /api/audit`. */
export interface AuditTrailEntry {
  id: string;
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  clientId: string | null;
  data: Record<string, unknown>;
}

interface Page {
  items: AuditTrailEntry[];
  nextCursor: string | null;
}

const actionsPl: Record<string, string> = {
  'client.read': 'Otwarcie karty klienta',
  'client.list': 'Lista lub wyszukiwanie klientów',
  'client.timeline': 'Odczyt historii kontaktów',
  'client.create': 'Dodanie klienta',
  'client.update': 'Zmiana danych',
  'client.assign': 'Przypisanie do doradcy',
  'client.transition': 'Zmiana statusu',
  'client.duplicate-check': 'Sprawdzenie duplikatu',
  'activity.record': 'Zapisany kontakt',
  'calendar.create': 'Wpis w kalendarzu',
  'calendar.delegate': 'Zadanie zlecone',
  'calendar.update': 'Zmiana wpisu w kalendarzu',
  'calendar.cancel': 'Odwołanie wpisu w kalendarzu',
  'calendar.complete': 'Wpis w kalendarzu wykonany',
  'commissions.sale': 'Sprzedaż',
  'commissions.sale.cancel': 'Anulowanie sprzedaży',
  'lead.receive': 'Zgłoszenie (lead)',
  export: 'Eksport',
  'session.start': 'Logowanie',
  'session.fail': 'Nieudane logowanie',
  'session.end': 'Wylogowanie',
};
const actionsEn: Record<string, string> = {
  'client.read': 'Client card opened',
  'client.list': 'Clients listed or searched',
  'client.timeline': 'Contact history read',
  'client.create': 'Client added',
  'client.update': 'Data changed',
  'client.assign': 'Assigned to an advisor',
  'client.transition': 'Status changed',
  'client.duplicate-check': 'Duplicate check',
  'activity.record': 'Contact recorded',
  'calendar.create': 'Calendar item',
  'calendar.delegate': 'Task delegated',
  'calendar.update': 'Calendar item changed',
  'calendar.cancel': 'Calendar item cancelled',
  'calendar.complete': 'Calendar item done',
  'commissions.sale': 'Sale',
  'commissions.sale.cancel': 'Sale cancelled',
  'lead.receive': 'Lead received',
  export: 'Export',
  'session.start': 'Signed in',
  'session.fail': 'Failed sign-in',
  'session.end': 'Signed out',
};

const t = defineTranslations({
  pl: {
    title: 'Kto przeglądał i zmieniał dane',
    userTitle: 'Działania użytkownika',
    system: 'System',
    fields: 'pola',
    more: 'Starsze wpisy',
    empty: 'Brak wpisów',
    note: 'Odczyty trafiają do dziennika w ciągu 0,1 s; dziennik jest chroniony łańcuchem skrótów.',
    action: (a: string) => actionsPl[a] ?? a,
  },
  en: {
    title: 'Who saw or changed the data',
    userTitle: "A user's actions",
    system: 'System',
    fields: 'fields',
    more: 'Older entries',
    empty: 'No entries',
    note: 'Reads reach the log within 0.1 s; the log is protected by a hash chain.',
    action: (a: string) => actionsEn[a] ?? a,
  },
});

/** Changes are drawn apart from reads (reads: opening, listing, exporting, signing in). */
const readActions = new Set([
  'client.read',
  'client.list',
  'client.timeline',
  'export',
  'session.start',
  'session.fail',
  'session.end',
]);

/**
 * @summary Who saw or changed a client's data (or what one user did), newest first, from the audit log.
 *
 * @csspart base - The panel.
 * @csspart entry - One entry (with `data-kind` read or change).
 * @csspart more - The "older entries" button.
 * @csspart empty - Shown when there are no entries.
 */
export class CrmAuditTrail extends CrmElement {
  static override styles = [...CrmElement.styles, uiStyles, auditTrailStyles];

  /** The client whose trail to show. */
  @property({ attribute: 'client-id', reflect: true }) clientId = '';
  /** Or: the user whose actions to show (when no `client-id`). */
  @property({ attribute: 'user-id', reflect: true }) userId = '';
  /** Entries per page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;
  /** A closed disclosure that loads on opening. */
  @property({ type: Boolean }) collapsed = false;

  @state() private items: AuditTrailEntry[] = [];
  @state() private nextCursor: string | null = null;
  @state() private open = false;
  private loadedFor = '';

  private readonly api = new ApiController<Page>(this);

  private get subject(): string {
    return this.clientId ? `c:${this.clientId}` : this.userId ? `u:${this.userId}` : '';
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('clientId') || changed.has('userId')) {
      this.items = [];
      this.nextCursor = null;
      this.loadedFor = '';
    }
  }

  protected override updated(): void {
    if (this.subject && this.subject !== this.loadedFor && (!this.collapsed || this.open)) void this.reload();
  }

  /** Loads the newest page again. */
  async reload(): Promise<void> {
    const subject = (this.loadedFor = this.subject);
    if (!subject) return;
    const page = await this.load();
    if (page && subject === this.subject) {
      this.items = page.items;
      this.nextCursor = page.nextCursor;
    }
  }

  private load(cursor?: string): Promise<Page | undefined> {
    const query = {
      ...(this.clientId ? { clientId: this.clientId } : { userId: this.userId }),
      limit: this.pageSize,
      ...(cursor ? { cursor } : {}),
    };
    return this.api.run((signal) => this.api.get<Page>('/api/audit', { query, signal }));
  }

  private async older(): Promise<void> {
    if (!this.nextCursor) return;
    const subject = this.subject;
    const page = await this.load(this.nextCursor);
    if (page && subject === this.subject) {
      this.items = [...this.items, ...page.items];
      this.nextCursor = page.nextCursor;
    }
  }

  private detail(e: AuditTrailEntry): string {
    const d = e.data ?? {};
    const parts: string[] = [];
    if (Array.isArray(d.fields) && d.fields.length) parts.push(`${t(this, 'fields')}: ${d.fields.join(', ')}`);
    if (typeof d.to === 'string') parts.push(`→ ${d.to}`);
    if (typeof d.type === 'string') parts.push(d.type);
    if (typeof d.rows === 'number') parts.push(String(d.rows));
    if (typeof d.email === 'string') parts.push(d.email);
    return parts.join(' · ');
  }

  private renderList() {
    const lang = this.resolvedLang;
    const { loading, error } = this.api;
    return html`${
      error
        ? html`<p class="message" data-kind="error" role="alert">${errorMessage(this, error)} <button class="link"
            @click=${() => this.reload()}>${common(this, 'retry')}</button></p>`
        : nothing
    }
      <ol aria-label=${t(this, this.clientId ? 'title' : 'userTitle')}>${this.items.map((e) => {
        const detail = this.detail(e);
        return html`<li part="entry" data-kind=${readActions.has(e.action) ? 'read' : 'change'} data-seq=${e.seq}>
          <div class="when">${formatDateTime(e.at, lang)} · ${e.actorName ?? t(this, 'system')}</div>
          <div class="what">${t(this, 'action', e.action)}</div>
          ${detail ? html`<div class="detail">${detail}</div>` : nothing}
        </li>`;
      })}</ol>
      ${
        !loading && !error && !this.items.length ? html`<p part="empty" class="muted">${t(this, 'empty')}</p>` : nothing
      }
      ${loading && !this.items.length ? html`<p class="muted">${common(this, 'loading')}</p>` : nothing}
      ${
        this.nextCursor
          ? html`<button part="more" class="secondary" ?disabled=${loading}
            @click=${() => this.older()}>${t(this, 'more')}</button>`
          : nothing
      }
      <p class="note">${t(this, 'note')}</p>`;
  }

  override render() {
    if (!this.subject) return nothing;
    const title = t(this, this.clientId ? 'title' : 'userTitle');
    const busy = this.api.loading ? 'true' : 'false';
    if (this.collapsed)
      return html`<details part="base" aria-busy=${busy} @toggle=${(e: Event) => {
        this.open = (e.target as HTMLDetailsElement).open;
      }}><summary>${title}</summary>${this.open ? this.renderList() : nothing}</details>`;
    return html`<section part="base" aria-busy=${busy}><h3>${title}</h3>${this.renderList()}</section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-audit-trail': CrmAuditTrail;
  }
}
