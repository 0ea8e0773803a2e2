/**
 * @module widgets/crm-statements/component
 * `<crm-statements>`: the Statements view for the back office, managers and directors — every
 * commission statement in the person's `settlements:read` scope with its recipient, month,
 * ledger, state (current, replaced, final), line count, total and PDF/XLSX downloads; and beside
 * it the recipients whose statement is not produced yet (or out of date), with the reason: how
 * many of their lines still wait for approval. The server decides the scope.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiController } from '../base/api-controller.ts';
import { CrmElement } from '../base/crm-element.ts';
import { formatDateTime, formatMoney } from '../base/i18n.ts';
import { uiStyles } from '../base/ui-styles.ts';
import type { StatementItem, WaitingStatement } from './statement-types.ts';
import { statementsStyles } from './crm-statements.styles.ts';
import { matchesSearch, stateOf, t, waitingReason } from './statements-text.ts';

const ledgers = ['advisor', 'partner', 'unit', 'firm'] as const;
const ledgerWord = (l: string) => ((ledgers as readonly string[]).includes(l) ? (l as (typeof ledgers)[number]) : null);

/**
 * @summary Every commission statement in scope with its state, totals and PDF/XLSX downloads, and why some are missing.
 *
 * @event crm-error - A request failed; `event.error` is the `ApiError`.
 * @csspart filters - The filter form.
 * @csspart table - The statements.
 * @csspart statement - One statement's row.
 * @csspart state - A statement's state.
 * @csspart total - A statement's total.
 * @csspart download - A PDF or XLSX link.
 * @csspart waiting - The recipients without a statement yet, with the reason.
 * @csspart empty - Shown when no statement matches.
 */
export class CrmStatements extends CrmElement {
  static override styles = [...CrmElement.styles, uiStyles, statementsStyles];

  /** Settlement month `YYYY-MM` to start with; empty: the latest ones. */
  @property() period = '';
  /** Ledger to start with (`advisor`, `partner`, `unit`, `firm`); empty: all. */
  @property() ledger = '';

  @state() private items: StatementItem[] = [];
  @state() private waiting: WaitingStatement[] = [];
  @state() private periods: string[] = [];
  @state() private search = '';
  @state() private superseded = false;
  @state() private loaded = false;

  private readonly api = new ApiController<StatementItem[]>(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  /** Loads the statements and the missing ones again (after an approval, for instance). */
  async refresh(): Promise<void> {
    const query = {
      period: this.period || undefined,
      ledger: this.ledger || undefined,
      includeSuperseded: this.superseded || undefined,
    };
    const got = await this.api.run(async (signal) => {
      const [list, pending] = await Promise.all([
        this.api.get<{ items: StatementItem[] }>('/api/statements', { signal, query }),
        this.api.get<{ items: WaitingStatement[] }>('/api/pending-statements', {
          signal,
          query: { period: query.period, ledger: query.ledger },
        }),
      ]);
      this.waiting = pending.items;
      return list.items;
    });
    if (!got) return;
    this.items = got;
    const known = new Set([...this.periods, ...got.map((s) => s.period), ...this.waiting.map((w) => w.period)]);
    this.periods = [...known].sort().reverse();
    this.loaded = true;
  }

  private change(key: 'period' | 'ledger', value: string): void {
    this[key] = value;
    void this.refresh();
  }

  private filters(): TemplateResult {
    const opt = (value: string, label: string, current: string) =>
      html`<option value=${value} ?selected=${value === current}>${label}</option>`;
    return html`<form part="filters" class="filters" role="search" aria-label=${t(this, 'filters')}
      @submit=${(e: Event) => e.preventDefault()}>
      <div class="field"><label for="s-period">${t(this, 'period')}</label><select id="s-period" name="period"
        @change=${(e: Event) => this.change('period', (e.target as HTMLSelectElement).value)}>
        ${opt('', t(this, 'all'), this.period)}${this.periods.map((p) => opt(p, p, this.period))}</select></div>
      <div class="field"><label for="s-ledger">${t(this, 'ledger')}</label><select id="s-ledger" name="ledger"
        @change=${(e: Event) => this.change('ledger', (e.target as HTMLSelectElement).value)}>
        ${opt('', t(this, 'all'), this.ledger)}${ledgers.map((l) => opt(l, t(this, l), this.ledger))}</select></div>
      <div class="field"><label for="s-search">${t(this, 'search')}</label><input id="s-search" type="search"
        name="search" placeholder=${t(this, 'searchHint')} .value=${this.search} autocomplete="off"
        @input=${(e: Event) => (this.search = (e.target as HTMLInputElement).value)}></div>
      <label class="check"><input type="checkbox" name="superseded" .checked=${this.superseded}
        @change=${(e: Event) => {
          this.superseded = (e.target as HTMLInputElement).checked;
          void this.refresh();
        }}> ${t(this, 'superseded')}</label>
    </form>`;
  }

  private row(s: StatementItem): TemplateResult {
    const lang = this.resolvedLang;
    const base = this.apiConfig.baseUrl;
    const st = stateOf(s);
    const kind = ledgerWord(s.ledger);
    return html`<tr part="statement" data-id=${s.id} data-state=${st}>
      <td>${s.number}${
        s.revision && s.revision > 1 ? html`<br><span class="muted">${t(this, 'revision', s.revision)}</span>` : nothing
      }</td>
      <td><strong>${s.recipientName}</strong><br><span class="muted">${kind ? t(this, kind) : s.ledger}</span></td>
      <td>${s.period}${
        s.createdAt ? html`<br><span class="muted">${formatDateTime(s.createdAt, lang)}</span>` : nothing
      }</td>
      <td><span part="state" class="state" data-state=${st}>${t(this, st)}</span>${
        s.openInquiries ? html`<br><span class="flag">${t(this, 'inquiries', s.openInquiries)}</span>` : nothing
      }</td>
      <td class="num">${s.lineCount}</td>
      <td class="num" part="total">${formatMoney(s.totalMinor, lang)}</td>
      <td class="files"><a part="download" href=${`${base}/api/statements/${s.id}.pdf`} download
        aria-label=${t(this, 'download', 'PDF', s.number)}>PDF</a> <a part="download"
        href=${`${base}/api/statements/${s.id}.xlsx`} download aria-label=${t(this, 'download', 'XLSX', s.number)}
        >XLSX</a></td>
    </tr>`;
  }

  override render() {
    const lang = this.resolvedLang;
    const shown = this.items.filter((s) => matchesSearch(s, this.search));
    const waiting = this.waiting.filter((w) =>
      matchesSearch({ recipientName: w.recipientName, number: '' }, this.search),
    );
    return html`<section part="base">
      <h2>${t(this, 'title')}</h2>
      ${this.filters()}
      <p class="muted" aria-live="polite">${this.loaded ? t(this, 'count', shown.length) : ''}</p>
      ${
        shown.length
          ? html`<div class="scroll" tabindex="0" role="region" aria-label=${t(this, 'title')}>
        <table part="table"><thead><tr>
          <th scope="col">${t(this, 'number')}</th><th scope="col">${t(this, 'recipient')}</th>
          <th scope="col">${t(this, 'period')}</th><th scope="col">${t(this, 'state')}</th>
          <th scope="col" class="num">${t(this, 'lines')}</th><th scope="col" class="num">${t(this, 'total')}</th>
          <th scope="col">${t(this, 'files')}</th>
        </tr></thead><tbody>${shown.map((s) => this.row(s))}</tbody></table></div>`
          : html`<p part="empty">${this.loaded ? t(this, 'none') : '…'}</p>`
      }
      <h3>${t(this, 'waitingTitle')}</h3>
      ${
        waiting.length
          ? html`<ul part="waiting">${waiting.map((w) => {
              const kind = ledgerWord(w.ledger);
              return html`<li data-recipient=${w.recipientId}><strong>${w.recipientName}</strong>
                <span class="muted">(${kind ? t(this, kind) : w.ledger}, ${w.period})</span>:
                ${waitingReason(lang, w)}</li>`;
            })}</ul>`
          : html`<p class="muted">${this.loaded ? t(this, 'waitingNone') : ''}</p>`
      }
    </section>`;
  }
}
