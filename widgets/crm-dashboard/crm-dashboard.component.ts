/**
 * @module widgets/crm-dashboard/component
 * `<crm-dashboard>`: a manager's landing page — sales by the chosen level (region by default) with
 * drill-down, the efficiency funnel, and the pipeline by status, for one period picked once for
 * all of them. Each panel is a `<crm-report>`, so scope, languages and theming are the same.
 */
import { html, css } from 'lit';
import { property } from 'lit/decorators.js';
import { CrmElement } from '../base/crm-element.ts';
import { defineTranslations } from '../base/i18n.ts';
import { token } from '../base/theme.ts';
import { uiStyles } from '../base/ui-styles.ts';
import '../crm-report/index.ts';

const dt = defineTranslations({
  pl: {
    title: 'Pulpit',
    period: 'Okres',
    at: 'Dzień w okresie',
    month: 'Miesiąc',
    quarter: 'Kwartał',
    week: 'Tydzień',
  },
  en: {
    title: 'Dashboard',
    period: 'Period',
    at: 'A day in the period',
    month: 'Month',
    quarter: 'Quarter',
    week: 'Week',
  },
});

/**
 * @summary A manager's landing page: sales, efficiency funnel and pipeline for one period.
 *
 * @event crm-report-drill - A panel's row detail was opened.
 * @csspart base - The dashboard's frame.
 * @csspart controls - The period picker.
 * @csspart panel - One report panel (a `crm-report`).
 */
export class CrmDashboard extends CrmElement {
  static override styles = [
    ...CrmElement.styles,
    uiStyles,
    css`
      .grid { display: grid; gap: ${token.spaceM};
        grid-template-columns: repeat(auto-fit, minmax(min(30rem, 100%), 1fr)); }
      /* A grid item is as wide as its content by default: a wide table would widen the page instead of scrolling. */
      .grid > * { min-width: 0; }
      .wide { grid-column: 1 / -1; }
      .controls { display: flex; gap: ${token.spaceS}; align-items: end; margin-bottom: ${token.spaceM}; }
      .controls label { display: grid; font-size: ${token.fontSizeS}; }
    `,
  ];

  /** First grouping of the sales panel (drill down from there): region, branch, advisor… */
  @property({ attribute: 'group-by' }) groupBy = 'region';
  /** `week`, `month` (default) or `quarter`, for every panel. */
  @property() period = 'month';
  /** A day inside the period (`YYYY-MM-DD`); empty: today. */
  @property() at = '';

  override render() {
    const set = (e: Event) => {
      const el = e.target as HTMLInputElement;
      if (el.name === 'period') this.period = el.value;
      else this.at = el.value;
    };
    // The panels ask the API as the dashboard does: its base URL and token (if any) go down to them.
    const common = { period: this.period, at: this.at };
    return html`<section part="base">
      <h2>${dt(this, 'title')}</h2>
      <div class="controls" part="controls">
        <label>${dt(this, 'period')}<select name="period" @change=${set}>
          ${(['week', 'month', 'quarter'] as const).map(
            (p) => html`<option value=${p} ?selected=${this.period === p}>${dt(this, p)}</option>`,
          )}</select></label>
        <label>${dt(this, 'at')}<input type="date" name="at" .value=${this.at} @change=${set}></label>
      </div>
      <div class="grid">
        <crm-report part="panel" class="wide" id="sales" .baseUrl=${this.baseUrl} .token=${this.token}
          type="sales" group-by=${this.groupBy} charts="all"
          period=${common.period} at=${common.at} compare no-controls></crm-report>
        <crm-report part="panel" id="efficiency" .baseUrl=${this.baseUrl} .token=${this.token}
          type="efficiency" group-by="branch" charts="funnel"
          period=${common.period} at=${common.at} no-controls></crm-report>
        <crm-report part="panel" id="pipeline" .baseUrl=${this.baseUrl} .token=${this.token}
          type="pipeline" group-by="branch" charts="first"
          period=${common.period} at=${common.at} no-controls></crm-report>
      </div>
    </section>`;
  }
}
