/**
 * @module widgets/crm-my-commissions/component
 * `<crm-my-commissions>`: an advisor's or a partner's own commissions — the lines that pay them,
 * with their explanations and state, and their statements to download as PDF or XLSX. The server
 * decides what "own" means (`mine=true`), so the widget cannot show anyone else's.
 */
import { html, css, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiController } from '../base/api-controller.ts';
import { CrmElement } from '../base/crm-element.ts';
import { defineTranslations, formatMoney } from '../base/i18n.ts';
import { uiStyles } from '../base/ui-styles.ts';
import { explain, type CommissionLineItem, type StatementItem } from '../crm-commission-review/commission-types.ts';

const t = defineTranslations({
  pl: {
    title: 'Moje prowizje',
    statements: 'Zestawienia',
    none: 'Brak prowizji',
    noStatements: 'Brak zestawień',
    total: 'Razem',
    proposed: 'do zatwierdzenia',
    corrected: 'skorygowana',
    approved: 'zatwierdzona',
  },
  en: {
    title: 'My commissions',
    statements: 'Statements',
    none: 'No commissions',
    noStatements: 'No statements',
    total: 'Total',
    proposed: 'to approve',
    corrected: 'corrected',
    approved: 'approved',
  },
});

/**
 * @summary The signed-in advisor's or partner's own commission lines and statements.
 *
 * @event crm-error - A request failed; `event.error` is the `ApiError`.
 * @csspart row - One line.
 * @csspart statement - One statement with its download links.
 * @csspart total - The sum of the lines shown.
 */
export class CrmMyCommissions extends CrmElement {
  static override styles = [
    ...CrmElement.styles,
    uiStyles,
    css`
    table { width: 100%; border-collapse: collapse; } td { padding: .3rem .5rem;
      border-bottom: 1px solid var(--crm-color-border, #e2e8f0); vertical-align: top; }
    .num { text-align: right; white-space: nowrap; } small { color: var(--crm-color-text-muted, #475569); }`,
  ];

  /** Settlement month `YYYY-MM`; empty: every month. */
  @property() period = '';

  @state() private lines: CommissionLineItem[] = [];
  @state() private statements: StatementItem[] = [];
  private readonly api = new ApiController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  /** Loads the lines and statements again. */
  async refresh(): Promise<void> {
    const query = { mine: true, period: this.period || undefined };
    const [lines, statements] = await Promise.all([
      this.api.get<{ items: CommissionLineItem[] }>('/api/commission-lines', { query }),
      this.api.get<{ items: StatementItem[] }>('/api/statements', { query }),
    ]);
    this.lines = lines.items;
    this.statements = statements.items;
  }

  override render() {
    const lang = this.resolvedLang;
    const base = this.apiConfig.baseUrl;
    const total = this.lines.reduce((s, l) => s + l.amountMinor, 0);
    return html`<section part="base"><h2>${t(this, 'title')}</h2>
      ${
        this.lines.length
          ? html`<table><tbody>${this.lines.map(
              (l) => html`<tr part="row" data-id=${l.id}>
        <td>${l.period}<br><small>${t(this, l.status)}</small></td>
        <td>${l.names?.product ?? l.sale.product} · ${formatMoney(l.sale.amountMinor, lang)}<br><small>${explain(
          l,
          lang,
        )}</small></td>
        <td class="num">${formatMoney(l.amountMinor, lang)}</td></tr>`,
            )}</tbody></table>
        <p part="total">${t(this, 'total')}: ${formatMoney(total, lang)}</p>`
          : html`<p part="empty">${t(this, 'none')}</p>`
      }
      <h3>${t(this, 'statements')}</h3>
      ${
        this.statements.length
          ? html`<ul>${this.statements.map(
              (s) => html`<li part="statement" data-id=${s.id}>
        ${s.number} · ${s.period} · ${formatMoney(s.totalMinor, lang)}
        <a href=${`${base}/api/statements/${s.id}.pdf`} download>PDF</a> <a
          href=${`${base}/api/statements/${s.id}.xlsx`} download>XLSX</a></li>`,
            )}</ul>`
          : html`<p>${t(this, 'noStatements')}</p>`
      }
      ${nothing}
    </section>`;
  }
}
