/**
 * @module widgets/crm-reconciliation/component
 * `<crm-reconciliation>`: the back office's bank reconciliation of one provider's month — import the
 * provider's statement (CSV or XLSX), see every difference (short-paid, over-paid, unexpected,
 * missing) with expected, received and the totals, resolve each (accept, adjust with a reason,
 * dispute with a reason), undo an import, download the report as PDF or XLSX. A file the server
 * refuses shows every problem it named, by row and column.
 */
import { html, css, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiController } from '../base/api-controller.ts';
import type { ApiError } from '../base/api-error.ts';
import { CrmElement } from '../base/crm-element.ts';
import { defineTranslations, errorMessage, formatMoney } from '../base/i18n.ts';
import { uiStyles } from '../base/ui-styles.ts';

type Outcome = 'matched' | 'short-paid' | 'over-paid' | 'unexpected' | 'missing';
interface ImportItem {
  id: string;
  fileName: string;
  rowCount: number;
}
interface RowItem {
  id: string;
  line: number | null;
  outcome: Outcome;
  reference: string | null;
  identifierHint: string | null;
  expectedMinor: number;
  receivedMinor: number;
  differenceMinor: number;
  resolution: 'accepted' | 'adjusted' | 'disputed' | null;
  resolutionReason: string | null;
  sale: { saleDate: string } | null;
}
interface Total {
  count: number;
  expectedMinor: number;
  receivedMinor: number;
  differenceMinor: number;
}
interface View {
  import: ImportItem;
  rows: RowItem[];
  totals: Total & { byOutcome: Record<Outcome, Total> };
}

const t = defineTranslations({
  pl: {
    title: 'Uzgodnienie z wyciągiem dostawcy',
    provider: 'Dostawca',
    period: 'Miesiąc',
    file: 'Wyciąg (CSV lub XLSX)',
    import: 'Importuj wyciąg',
    undo: 'Cofnij import',
    undone: 'Import cofnięty',
    none: 'Brak zaimportowanego wyciągu za ten miesiąc',
    line: 'Wiersz',
    outcome: 'Wynik',
    reference: 'Referencja',
    expected: 'Oczekiwano',
    received: 'Otrzymano',
    difference: 'Różnica',
    resolution: 'Rozstrzygnięcie',
    reason: 'Powód',
    accept: 'Akceptuj',
    adjust: 'Koryguj',
    dispute: 'Reklamuj',
    total: 'Razem',
    imported: (n: number) => `Zaimportowano wierszy: ${n}`,
    refused: 'Wyciąg odrzucony, nic nie zaimportowano:',
    matched: 'Zgodne',
    'short-paid': 'Niedopłata',
    'over-paid': 'Nadpłata',
    unexpected: 'Nieoczekiwana wpłata',
    missing: 'Brak wpłaty',
    accepted: 'Zaakceptowano',
    adjusted: 'Skorygowano',
    disputed: 'Reklamacja',
  },
  en: {
    title: "Reconciliation with the provider's statement",
    provider: 'Provider',
    period: 'Month',
    file: 'Statement (CSV or XLSX)',
    import: 'Import statement',
    undo: 'Undo import',
    undone: 'Import undone',
    none: 'No statement imported for this month',
    line: 'Row',
    outcome: 'Outcome',
    reference: 'Reference',
    expected: 'Expected',
    received: 'Received',
    difference: 'Difference',
    resolution: 'Resolution',
    reason: 'Reason',
    accept: 'Accept',
    adjust: 'Adjust',
    dispute: 'Dispute',
    total: 'Total',
    imported: (n: number) => `Rows imported: ${n}`,
    refused: 'Statement refused, nothing imported:',
    matched: 'Matched',
    'short-paid': 'Short-paid',
    'over-paid': 'Over-paid',
    unexpected: 'Unexpected',
    missing: 'Missing',
    accepted: 'Accepted',
    adjusted: 'Adjusted',
    disputed: 'Disputed',
  },
});

const done = { accept: 'accepted', adjust: 'adjusted', dispute: 'disputed' } as const;

/** The bytes of a file as base64, in chunks (a large file would overflow `String.fromCharCode(...all)`). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/**
 * @summary Import a provider's statement, review the differences with totals, resolve them.
 *
 * @event crm-error - A request failed; `event.error` is the `ApiError`.
 * @csspart import - The import form.
 * @csspart problems - The problems of a refused file.
 * @csspart table - The rows of the reconciliation.
 * @csspart row - One row (`data-outcome` is its outcome).
 * @csspart resolve - Under an open difference: a reason and the accept, adjust and dispute buttons.
 * @csspart totals - The totals per outcome.
 * @csspart message - The result of the last action.
 */
export class CrmReconciliation extends CrmElement {
  static override styles = [
    ...CrmElement.styles,
    uiStyles,
    css`
    .scroll { overflow-x: auto; } table { width: 100%; border-collapse: collapse; } td, th { padding: .35rem .5rem;
      border-bottom: 1px solid var(--crm-color-border, #e2e8f0); text-align: left; vertical-align: top; }
    .num { text-align: right; white-space: nowrap; } form { display: flex; gap: .5rem; flex-wrap: wrap;
      align-items: end; } .diff { font-weight: 600; } .actions { display: flex; gap: .5rem; flex-wrap: wrap;
      align-items: center; } .actions input { flex: 0 1 14rem; }
      small { color: var(--crm-color-text-muted, #475569); }`,
  ];

  /** Provider id as in the product catalogue (e.g. `bank-aurora`). */
  @property() provider = '';
  /** Settlement month `YYYY-MM`. */
  @property() period = '';

  @state() private view: View | null = null;
  @state() private problems: Array<{ path: string; message: string }> = [];
  @state() private message = '';
  @state() private busy = false;
  private readonly api = new ApiController<unknown>(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  /** Loads the active import of the provider's month and its rows. */
  async refresh(): Promise<void> {
    if (!this.provider || !this.period) return;
    const list = await this.api.get<{ items: ImportItem[] }>('/api/reconciliation/imports', {
      query: { provider: this.provider, period: this.period },
    });
    const active = list.items[0];
    this.view = active ? await this.api.get<View>(`/api/reconciliation/imports/${active.id}`) : null;
  }

  private async act(run: () => Promise<unknown>, done: string): Promise<void> {
    this.busy = true;
    this.problems = [];
    this.message = '';
    try {
      await run();
      this.message = done;
      await this.refresh();
    } catch (e) {
      const err = e as ApiError;
      this.problems = err.problems?.length ? err.problems : [{ path: '', message: errorMessage(this, err) }];
      if (err.problems?.length) this.message = t(this, 'refused');
    } finally {
      this.busy = false;
    }
  }

  private async importFile(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    this.provider = String(new FormData(form).get('provider') ?? '').trim();
    this.period = String(new FormData(form).get('period') ?? '').trim();
    const file = (form.querySelector('input[type=file]') as HTMLInputElement).files?.[0];
    if (!file) return;
    const contentBase64 = await base64Of(file);
    await this.act(
      async () => {
        const r = await this.api.post<ImportItem>('/api/reconciliation/imports', {
          provider: this.provider,
          period: this.period,
          fileName: file.name,
          contentBase64,
        });
        form.reset();
        return r;
      },
      t(this, 'imported', 0),
    );
    if (this.view) this.message = t(this, 'imported', this.view.import.rowCount);
  }

  private resolve(row: RowItem, action: 'accept' | 'adjust' | 'dispute', reason: string): Promise<void> {
    return this.act(
      () => this.api.post(`/api/reconciliation/rows/${row.id}/resolve`, { action, reason: reason || null }),
      `${t(this, row.outcome)}: ${t(this, done[action])}`,
    );
  }

  private undo(importId: string): Promise<void> {
    return this.act(() => this.api.post(`/api/reconciliation/imports/${importId}/undo`), t(this, 'undone'));
  }

  private row(r: RowItem) {
    const lang = this.resolvedLang;
    const open = r.outcome !== 'matched' && r.resolution !== 'accepted' && r.resolution !== 'adjusted';
    const reasonId = `reason-${r.id}`;
    const reason = () => (this.renderRoot.querySelector(`#${reasonId}`) as HTMLInputElement | null)?.value ?? '';
    const button = (action: 'accept' | 'adjust' | 'dispute') =>
      html`<button class=${action === 'dispute' ? 'secondary' : ''} ?disabled=${this.busy}
        @click=${() => this.resolve(r, action, reason())}>${t(this, action)}</button>`;
    return html`<tr part="row" data-outcome=${r.outcome}>
      <td>${r.line ?? '—'}</td>
      <td>${t(this, r.outcome)}${r.sale ? html`<br><small>${r.sale.saleDate}</small>` : nothing}</td>
      <td>${r.reference ?? ''}${r.identifierHint ? html`<br><small>${r.identifierHint}</small>` : nothing}</td>
      <td class="num">${formatMoney(r.expectedMinor, lang)}</td>
      <td class="num">${formatMoney(r.receivedMinor, lang)}</td>
      <td class="num ${r.differenceMinor ? 'diff' : ''}">${formatMoney(r.differenceMinor, lang)}</td>
      <td>${r.resolution ? t(this, r.resolution) : ''}${r.resolutionReason ? `: ${r.resolutionReason}` : ''}</td>
    </tr>
    ${
      open
        ? html`<tr part="resolve" data-resolve=${r.outcome}><td></td><td colspan="6"><div class="actions">
        <label for=${reasonId}>${t(this, 'reason')}</label> <input id=${reasonId}>
        ${button('accept')}${r.outcome === 'unexpected' ? nothing : button('adjust')}
        ${r.resolution === 'disputed' ? nothing : button('dispute')}</div></td></tr>`
        : nothing
    }`;
  }

  private totals(v: View) {
    const lang = this.resolvedLang;
    const kinds: Outcome[] = ['short-paid', 'over-paid', 'unexpected', 'missing', 'matched'];
    return html`<table part="totals"><tbody>
      ${kinds.map(
        (k) => html`<tr><th scope="row">${t(this, k)} (${v.totals.byOutcome[k].count})</th>
        <td class="num">${formatMoney(v.totals.byOutcome[k].differenceMinor, lang)}</td></tr>`,
      )}
      <tr><th scope="row">${t(this, 'expected')}</th>
        <td class="num">${formatMoney(v.totals.expectedMinor, lang)}</td></tr>
      <tr><th scope="row">${t(this, 'received')}</th>
        <td class="num">${formatMoney(v.totals.receivedMinor, lang)}</td></tr>
      <tr><th scope="row">${t(this, 'difference')}</th>
        <td class="num diff">${formatMoney(v.totals.differenceMinor, lang)}</td></tr>
    </tbody></table>`;
  }

  override render() {
    const v = this.view;
    const base = `${this.apiConfig.baseUrl}/api/reconciliation/reports/${this.provider}/${this.period}`;
    return html`<section part="base"><h2>${t(this, 'title')}</h2>
      <form part="import" @submit=${(e: SubmitEvent) => this.importFile(e)}>
        <label>${t(this, 'provider')} <input name="provider" required value=${this.provider}></label>
        <label>${t(this, 'period')} <input name="period" required pattern="\\d{4}-\\d{2}" placeholder="2026-03"
          value=${this.period}></label>
        <label>${t(this, 'file')} <input type="file" name="file" accept=".csv,.xlsx,text/csv" required></label>
        <button type="submit" ?disabled=${this.busy}>${t(this, 'import')}</button>
      </form>
      ${this.message ? html`<p part="message" role="status">${this.message}</p>` : nothing}
      ${
        this.problems.length
          ? html`<ul part="problems" role="alert">${this.problems.map(
              (p) => html`<li>${p.path ? html`<code>${p.path}</code> ` : nothing}${p.message}</li>`,
            )}</ul>`
          : nothing
      }
      ${
        v
          ? html`<p><small>${v.import.fileName}</small> ·
          <a href=${`${base}?format=pdf&locale=${this.resolvedLang}`} download>PDF</a> ·
          <a href=${`${base}?format=xlsx&locale=${this.resolvedLang}`} download>XLSX</a> ·
          <button class="secondary" ?disabled=${this.busy}
            @click=${() => this.undo(v.import.id)}
          >${t(this, 'undo')}</button></p>
        <div class="scroll" tabindex="0" role="region" aria-label=${t(this, 'title')}><table part="table">
          <thead><tr><th>${t(this, 'line')}</th><th>${t(this, 'outcome')}</th><th>${t(this, 'reference')}</th>
            <th class="num">${t(this, 'expected')}</th><th class="num">${t(this, 'received')}</th>
            <th class="num">${t(this, 'difference')}</th><th>${t(this, 'resolution')}</th></tr></thead>
          <tbody>${v.rows.map((r) => this.row(r))}</tbody></table></div>
        ${this.totals(v)}`
          : html`<p part="empty">${this.api.loading ? '…' : t(this, 'none')}</p>`
      }
    </section>`;
  }
}
