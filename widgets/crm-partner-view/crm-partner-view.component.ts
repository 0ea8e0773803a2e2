/**
 * @module widgets/crm-partner-view/component
 * `<crm-partner-view>`: what a partner firm's login sees of the clients it referred — the
 * reference, the current status, when each status was reached, and the advisor and branch looking
 * after the client. It renders only what `/api/partner-portal/*` sends, and that API is built from a
 * fixed list of columns with no personal or financial field, so nothing here can leak one.
 * The API answers all of a partner's referrals at once; filtering, search by the partner's own
 * reference or the CRM's code and "show more" happen in the browser. On a narrow screen (a phone)
 * each referral is a card of labelled lines instead of a table row, so nothing scrolls sideways.
 */
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiController } from '../base/api-controller.ts';
import { badgeColor } from '../base/badge.ts';
import { CrmElement } from '../base/crm-element.ts';
import { workflowMeta, type WorkflowMeta } from '../base/crm-meta.ts';
import {
  defineTranslations,
  enPlural,
  errorMessage,
  formatDate,
  formatNumber,
  plPlural,
  t as common,
  type Lang,
} from '../base/i18n.ts';
import { uiStyles } from '../base/ui-styles.ts';
import { CrmReferralSelectEvent } from './events.ts';
import { partnerViewStyles } from './crm-partner-view.styles.ts';
import type { PortalPartner, Referral } from './referral-types.ts';

const t = defineTranslations({
  pl: {
    title: 'Poleceni klienci',
    reference: 'Twój numer',
    code: 'Numer w CRM',
    noReference: 'nie podano',
    status: 'Status',
    referredAt: 'Polecony',
    advisor: 'Doradca',
    history: 'Historia',
    anyStatus: 'Każdy status',
    search: 'Szukaj po Twoim numerze lub numerze w CRM',
    more: 'Pokaż więcej',
    none: 'Brak poleconych klientów spełniających warunki',
    unassigned: 'jeszcze nieprzydzielony',
    since: (d: string) => `od ${d}`,
    changes: (n: number) => `${formatNumber(n, 'pl')} ${plPlural(n, 'zmiana', 'zmiany', 'zmian')}`,
    count: (n: number) => `${formatNumber(n, 'pl')} ${plPlural(n, 'polecenie', 'polecenia', 'poleceń', 'polecenia')}`,
  },
  en: {
    title: 'Referred clients',
    reference: 'Your reference',
    code: 'CRM code',
    noReference: 'not given',
    status: 'Status',
    referredAt: 'Referred',
    advisor: 'Advisor',
    history: 'History',
    anyStatus: 'Any status',
    search: 'Search by your reference or the CRM code',
    more: 'Show more',
    none: 'No referred clients match',
    unassigned: 'not assigned yet',
    since: (d: string) => `since ${d}`,
    changes: (n: number) => `${formatNumber(n, 'en')} ${enPlural(n, 'change', 'changes')}`,
    count: (n: number) => `${formatNumber(n, 'en')} ${enPlural(n, 'referral', 'referrals')}`,
  },
});

/**
 * @summary A partner's referred clients: reference, status with its history, advisor and branch — no personal data.
 *
 * @event crm-referral-select - A referral was chosen (click or Enter); `event.clientId` and `event.referral`.
 * @event crm-error - A request failed; `event.error` is the `ApiError`.
 * @csspart base - The panel around the view.
 * @csspart header - The partner firm's name and the count.
 * @csspart partner - The partner firm's name.
 * @csspart total - The number of referrals shown.
 * @csspart filters - The status filter and the reference search.
 * @csspart table - The table of referrals.
 * @csspart row - One referral.
 * @csspart status - A status badge.
 * @csspart history - The dated list of status changes of one referral.
 * @csspart empty - Shown when no referral matches.
 * @csspart more - The "show more" button.
 * @csspart error - An error message.
 * @cssproperty --crm-color-primary - Selected row and links.
 * @cssproperty --crm-color-surface-alt - Row hover.
 * @cssproperty --crm-color-border - Table rules and panel border.
 */
export class CrmPartnerView extends CrmElement {
  static override styles = [...CrmElement.styles, uiStyles, partnerViewStyles];

  /** Show only referrals in this status id. */
  @property() status = '';
  /** Only referrals whose own reference or CRM code contains this text (case-insensitive). */
  @property() q = '';
  /** Rows shown at first and added by "show more". */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 25;
  /** Id of the highlighted referral (set on row click; a page may set it too). */
  @property({ attribute: 'selected-id', reflect: true }) selectedId = '';

  @state() private partner: PortalPartner | undefined;
  @state() private items: Referral[] = [];
  @state() private shown = 0;
  @state() private workflow: WorkflowMeta | undefined;

  private readonly api = new ApiController<Referral[]>(this);

  override connectedCallback(): void {
    super.connectedCallback();
    workflowMeta(this.api as ApiController<unknown>, this.apiConfig.baseUrl).then(
      (w) => (this.workflow = w),
      () => undefined,
    );
    void this.refresh();
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('status') || changed.has('q') || changed.has('pageSize')) this.shown = this.pageSize;
  }

  /** Loads the partner and its referrals again. */
  async refresh(): Promise<void> {
    const items = await this.api.run(async (signal) => {
      const [me, list] = await Promise.all([
        this.api.get<PortalPartner>('/api/partner-portal/me', { signal }),
        this.api.get<{ items: Referral[] }>('/api/partner-portal/clients', { signal }),
      ]);
      this.partner = me;
      return list.items;
    });
    if (items) {
      this.items = items;
      this.shown = Math.max(this.shown, this.pageSize);
    }
    await this.updateComplete;
  }

  /** The referrals passing the status filter and the search by the partner's reference or the CRM code. */
  get matching(): Referral[] {
    const q = this.q.trim().toLowerCase();
    const hit = (r: Referral) =>
      [r.partnerReference, r.reference, r.code].some((x) => !!x && x.toLowerCase().includes(q));
    return this.items.filter((r) => (!this.status || r.status === this.status) && (!q || hit(r)));
  }

  private label(id: string, lang: Lang, fallback?: Referral['statusLabel']): string {
    const l = this.workflow?.statuses[id]?.label ?? fallback;
    return l?.[lang] ?? l?.pl ?? id;
  }

  private badge(id: string, lang: Lang, fallback?: Referral['statusLabel']) {
    return html`<span part="status" class="badge" ${badgeColor(
      this.workflow?.statuses[id]?.color,
    )}>${this.label(id, lang, fallback)}</span>`;
  }

  private select(r: Referral): void {
    this.selectedId = r.id;
    this.dispatchEvent(new CrmReferralSelectEvent(r.id, r));
  }

  private row(r: Referral, lang: Lang) {
    const last = r.statusChanges[r.statusChanges.length - 1];
    const keys = (e: KeyboardEvent) => {
      if (e.target === e.currentTarget && (e.key === 'Enter' || e.key === ' ')) {
        e.preventDefault();
        this.select(r);
      }
    };
    return html`<tr part="row" tabindex="0" data-id=${r.id} aria-selected=${
      r.id === this.selectedId ? 'true' : 'false'
    } @click=${() => this.select(r)} @keydown=${keys}>
      <th scope="row" class="ref" data-label=${t(this, 'reference')}>${
        r.partnerReference ?? html`<span class="muted">${t(this, 'noReference')}</span>`
      }</th>
      <td class="code" data-label=${t(this, 'code')}>${r.code}</td>
      <td data-label=${t(this, 'status')}>${this.badge(r.status, lang, r.statusLabel)} <span class="muted">${t(
        this,
        'since',
        formatDate(last?.at ?? r.referredAt, lang),
      )}</span></td>
      <td data-label=${t(this, 'referredAt')}>${formatDate(r.referredAt, lang)}</td>
      <td data-label=${t(this, 'advisor')}>${
        r.advisor?.name ?? html`<span class="muted">${t(this, 'unassigned')}</span>`
      }${r.branch ? html`<br><span class="muted">${r.branch.name}</span>` : nothing}</td>
      <td data-label=${t(this, 'history')}>${
        r.statusChanges.length
          ? html`<details part="history" @click=${(e: Event) => e.stopPropagation()}>
        <summary>${t(this, 'changes', r.statusChanges.length)}</summary>
        <ol>${r.statusChanges.map(
          (c) => html`<li><time datetime=${c.at}>${formatDate(c.at, lang)}</time> ${this.label(c.status, lang)}</li>`,
        )}</ol>
      </details>`
          : nothing
      }</td>
    </tr>`;
  }

  override render() {
    const lang = this.resolvedLang;
    const { loading, error } = this.api;
    const matching = this.matching;
    const statuses = Object.keys(this.workflow?.statuses ?? {}).filter((id) => this.items.some((r) => r.status === id));
    for (const r of this.items) if (!statuses.includes(r.status)) statuses.push(r.status);
    return html`<section part="base" aria-busy=${loading ? 'true' : 'false'}>
      <div part="header">
        <h2>${t(this, 'title')}${
          this.partner?.name ? html` — <span part="partner">${this.partner.name}</span>` : nothing
        }</h2>
        <span part="total" aria-live="polite">${
          loading && !this.items.length ? common(this, 'loading') : t(this, 'count', matching.length)
        }</span>
      </div>
      <div part="filters" role="search">
        <select aria-label=${t(this, 'status')} @change=${(e: Event) =>
          (this.status = (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!this.status}>${t(this, 'anyStatus')}</option>
          ${statuses.map(
            (id) =>
              html`<option value=${id} ?selected=${id === this.status}>${this.label(
                id,
                lang,
                this.items.find((r) => r.status === id)?.statusLabel,
              )}</option>`,
          )}
        </select>
        <input type="search" .value=${this.q} placeholder=${t(this, 'search')} aria-label=${t(this, 'search')}
          @input=${(e: Event) => (this.q = (e.target as HTMLInputElement).value)}>
      </div>
      ${
        error
          ? html`<p part="error" class="message" data-kind="error" role="alert">${errorMessage(this, error)}
        <button class="link" @click=${() => this.refresh()}>${common(this, 'retry')}</button></p>`
          : nothing
      }
      <div class="scroll" tabindex="0" role="region" aria-label=${t(this, 'title')}><table part="table">
        <thead><tr>${(['reference', 'code', 'status', 'referredAt', 'advisor', 'history'] as const).map(
          (c) => html`<th scope="col">${t(this, c)}</th>`,
        )}</tr></thead>
        <tbody>${matching.slice(0, this.shown).map((r) => this.row(r, lang))}</tbody>
      </table></div>
      ${!loading && !error && !matching.length ? html`<p part="empty">${t(this, 'none')}</p>` : nothing}
      ${
        matching.length > this.shown
          ? html`<button part="more" class="secondary" @click=${() =>
              (this.shown += this.pageSize)}>${t(this, 'more')}</button>`
          : nothing
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-partner-view': CrmPartnerView;
  }
}
