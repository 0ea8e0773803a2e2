/**
 * @module widgets/crm-commission-review/component
 * `<crm-commission-review>`: the back office's and managers' review of proposed commission lines.
 * Each line shows its explanation (rule, base, rate, arithmetic) as the engine wrote it; a line
 * can be corrected with a reason (the original stays visible); lines are approved in bulk, all or
 * nothing — the server refuses the whole batch when one line is outside the user's scope.
 */
import { html, css, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiController } from '../base/api-controller.ts';
import { CrmElement } from '../base/crm-element.ts';
import { meMeta } from '../base/crm-meta.ts';
import { downloadExport } from '../base/export-download.ts';
import { defineTranslations, errorMessage, formatMoney } from '../base/i18n.ts';
import { parseMoneyInput } from '../base/money-input.ts';
import { uiStyles } from '../base/ui-styles.ts';
import { explain, type CommissionLineItem, type StatementItem } from './commission-types.ts';

const t = defineTranslations({
  pl: {
    title: 'Prowizje do zatwierdzenia',
    none: 'Brak pozycji do zatwierdzenia',
    approve: (n: number) => `Zatwierdź zaznaczone (${n})`,
    correct: 'Koryguj',
    save: 'Zapisz korektę',
    cancel: 'Anuluj',
    amount: 'Nowa kwota (zł)',
    reason: 'Powód korekty',
    missing: 'Brak reguły — wpisz kwotę',
    was: (a: string) => `było ${a}`,
    approved: (n: number, s: number) => `Zatwierdzono ${n}. Nowe zestawienia: ${s}.`,
    corrected: 'Korekta zapisana',
    firm: 'Firma',
    advisor: 'Doradca',
    partner: 'Partner',
    unit: 'Oddział',
    badAmount: 'Podaj kwotę w złotych, np. 1234,56',
    exportXlsx: 'Eksportuj linie do Excela',
  },
  en: {
    title: 'Commissions to approve',
    none: 'Nothing to approve',
    approve: (n: number) => `Approve selected (${n})`,
    correct: 'Correct',
    save: 'Save correction',
    cancel: 'Cancel',
    amount: 'New amount (PLN)',
    reason: 'Reason',
    missing: 'No rule — enter the amount',
    was: (a: string) => `was ${a}`,
    approved: (n: number, s: number) => `Approved ${n}. New statements: ${s}.`,
    corrected: 'Correction saved',
    firm: 'Firm',
    advisor: 'Advisor',
    partner: 'Partner',
    unit: 'Unit',
    badAmount: 'Enter an amount, e.g. 1234.56',
    exportXlsx: 'Export lines to Excel',
  },
});

/**
 * @summary Review, correct (with a reason) and bulk-approve proposed commission lines.
 *
 * @event crm-error - A request failed; `event.error` is the `ApiError`.
 * @event crm-commissions-approved - Lines were approved; `event.detail` is the API's answer (approved ids, statements).
 * @csspart table - The table of lines.
 * @csspart row - One line.
 * @csspart explanation - A line's explanation.
 * @csspart approve - The bulk approve button.
 * @csspart export - Exports the period's lines (every status) to Excel; only for holders of `commissions:export`.
 * @csspart message - The result of the last action.
 * @csspart error - An error message.
 */
export class CrmCommissionReview extends CrmElement {
  static override styles = [
    ...CrmElement.styles,
    uiStyles,
    css`
    .scroll { overflow-x: auto; } /* a narrow pane scrolls the lines, not the page */
    table { width: 100%; border-collapse: collapse; } td, th { padding: .35rem .5rem;
      border-bottom: 1px solid var(--crm-color-border, #e2e8f0); text-align: left; vertical-align: top; }
    .num { text-align: right; white-space: nowrap; } [part=explanation] { font-size: .85em;
      color: var(--crm-color-text-muted, #475569); }
    .flag { color: var(--crm-color-danger, #b91c1c); font-weight: 600; } form { display: flex; gap: .5rem;
      flex-wrap: wrap; margin-top: .35rem; }`,
  ];

  /** Settlement month `YYYY-MM` to review; empty: every month. */
  @property() period = '';
  /** Ledger to review (`firm`, `advisor`, `partner`, `unit`); empty: all. */
  @property() ledger = '';

  @state() private lines: CommissionLineItem[] = [];
  @state() private selected = new Set<string>();
  @state() private editing = '';
  @state() private message = '';
  @state() private problem = '';
  @state() private canExport = false;
  @state() private exporting = false;

  private readonly api = new ApiController<{ items: CommissionLineItem[] }>(this);

  override connectedCallback(): void {
    super.connectedCallback();
    meMeta(new ApiController<unknown>(this), this.apiConfig.baseUrl).then(
      (me) => (this.canExport = (me.permissions['commissions:export'] ?? []).length > 0),
      () => undefined,
    );
    void this.refresh();
  }

  /** Downloads the lines of this period and ledger, whatever their status, as XLSX. */
  async exportXlsx(): Promise<void> {
    if (this.exporting) return;
    this.exporting = true;
    const query = { period: this.period || undefined, ledger: this.ledger || undefined, locale: this.resolvedLang };
    try {
      await downloadExport(this.apiConfig, '/api/exports/commission-lines', query);
    } catch (error) {
      this.problem = errorMessage(this, error as Parameters<typeof errorMessage>[1]);
    } finally {
      this.exporting = false;
    }
  }

  /** Loads the lines waiting for approval again. */
  async refresh(): Promise<void> {
    const q = { period: this.period || undefined, ledger: this.ledger || undefined };
    const [p, c] = await Promise.all(
      ['proposed', 'corrected'].map((status) =>
        this.api.get<{ items: CommissionLineItem[] }>('/api/commission-lines', { query: { ...q, status } }),
      ),
    );
    this.lines = [...p!.items, ...c!.items];
    this.selected = new Set([...this.selected].filter((id) => this.lines.some((l) => l.id === id)));
  }

  private toggle(id: string, on: boolean): void {
    const s = new Set(this.selected);
    if (on) s.add(id);
    else s.delete(id);
    this.selected = s;
  }

  private async approve(): Promise<void> {
    this.message = '';
    this.problem = '';
    try {
      const r = await this.api.post<{ approved: string[]; statements: StatementItem[] }>(
        '/api/commission-lines/approve',
        { ids: [...this.selected] },
      );
      this.message = t(this, 'approved', r.approved.length, r.statements.length);
      this.selected = new Set();
      this.dispatchEvent(new CustomEvent('crm-commissions-approved', { detail: r, bubbles: true, composed: true }));
      await this.refresh();
    } catch (e) {
      this.problem = `${errorMessage(this, e as { status: number })} ${(e as Error).message}`;
    }
  }

  private async save(e: SubmitEvent, line: CommissionLineItem): Promise<void> {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const text = String(form.get('amount') ?? '').trim();
    // Clawback lines are negative: the money input reads the sign like the server does.
    const minor = parseMoneyInput(text);
    if (minor === null) {
      this.problem = t(this, 'badAmount');
      return;
    }
    this.problem = '';
    try {
      await this.api.post(`/api/commission-lines/${line.id}/correct`, {
        amountMinor: minor,
        reason: String(form.get('reason') ?? ''),
      });
      this.editing = '';
      this.message = t(this, 'corrected');
      await this.refresh();
    } catch (err) {
      this.problem = (err as Error).message;
    }
  }

  private row(l: CommissionLineItem) {
    const lang = this.resolvedLang;
    return html`<tr part="row" data-id=${l.id} data-ledger=${l.ledger}>
      <td><input type="checkbox" aria-label=${l.id} .checked=${this.selected.has(l.id)} ?disabled=${
        l.missing && l.status === 'proposed'
      } @change=${(e: Event) => this.toggle(l.id, (e.target as HTMLInputElement).checked)}></td>
      <td>${t(this, l.ledger as 'firm')}<br><small>${l.sale.saleDate}</small></td>
      <td>${l.sale.product} · ${formatMoney(l.sale.amountMinor, lang)}
        <div part="explanation">${explain(l, lang)}</div>
        ${l.missing && l.status === 'proposed' ? html`<div class="flag">${t(this, 'missing')}</div>` : nothing}
        ${
          l.correctionReason
            ? html`<div part="correction">${l.correctionReason} (${t(
                this,
                'was',
                formatMoney(l.originalMinor, lang),
              )})</div>`
            : nothing
        }
        ${
          this.editing === l.id
            ? html`<form @submit=${(e: SubmitEvent) => this.save(e, l)}>
          <label>${t(this, 'amount')} <input name="amount" inputmode="decimal" required></label>
          <label>${t(this, 'reason')} <input name="reason" required></label>
          <button type="submit">${t(this, 'save')}</button><button type="button"
            @click=${() => (this.editing = '')}>${t(this, 'cancel')}</button></form>`
            : nothing
        }
      </td>
      <td class="num" part="amount">${formatMoney(l.amountMinor, lang)}</td>
      <td>${
        this.editing === l.id
          ? nothing
          : html`<button part="correct" @click=${() => (this.editing = l.id)}>${t(this, 'correct')}</button>`
      }</td>
    </tr>`;
  }

  override render() {
    return html`<section part="base"><h2>${t(this, 'title')}</h2>${
      this.canExport
        ? html`<button part="export" class="secondary" ?disabled=${this.exporting}
            @click=${() => this.exportXlsx()}>${t(this, 'exportXlsx')}</button>`
        : nothing
    }
      ${this.problem ? html`<p part="error" role="alert">${this.problem}</p>` : nothing}
      ${this.message ? html`<p part="message" role="status">${this.message}</p>` : nothing}
      ${
        this.lines.length
          ? html`<div class="scroll" tabindex="0" role="region" aria-label=${t(this, 'title')}
            ><table part="table"><tbody>${this.lines.map((l) => this.row(l))}</tbody></table></div>
        <button part="approve" ?disabled=${!this.selected.size} @click=${() => this.approve()}>${t(
          this,
          'approve',
          this.selected.size,
        )}</button>`
          : html`<p part="empty">${this.api.loading ? '…' : t(this, 'none')}</p>`
      }
    </section>`;
  }
}
