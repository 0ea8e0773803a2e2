/**
 * @module widgets/crm-report/component
 * `<crm-report>`: one report (`GET /api/reports/:type`) as charts and a table, with drill-down
 * region → branch → advisor → the person's own report, a period picker, and the PDF download.
 * What the person may see is decided by the server (their `reports:read` scope).
 */
import { html, css, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiController } from '../base/api-controller.ts';
import { CrmElement } from '../base/crm-element.ts';
import { meMeta } from '../base/crm-meta.ts';
import { errorMessage, t } from '../base/i18n.ts';
import { token } from '../base/theme.ts';
import { uiStyles } from '../base/ui-styles.ts';
import { chartSvg } from './charts.ts';
import { CrmReportDrillEvent } from './events.ts';
import { formatValue } from './format.ts';
import { rt } from './i18n.ts';
import type { Cell, Drill, ReportChart, ReportColumn, ReportResult } from './types.ts';

interface Level {
  drill: Drill;
  label: string;
}

/**
 * @summary A report as charts and a table, with drill-down and PDF download.
 *
 * @event crm-report-drill - A row's detail was opened; `event.drill` holds the new parameters.
 * @event crm-error - A request failed; `event.error` is the `ApiError`.
 * @csspart base - The report's frame.
 * @csspart controls - The period picker.
 * @csspart path - The drill-down path (breadcrumb).
 * @csspart chart - One chart (a `figure`).
 * @csspart table - The report's table.
 * @csspart row - One row of the table.
 * @csspart total - The totals row.
 * @csspart download - The PDF link, and the XLSX link for holders of `reports:export`.
 * @cssproperty --crm-chart-1 - First series colour.
 * @cssproperty --crm-chart-2 - Second series colour.
 * @cssproperty --crm-chart-3 - Third series colour.
 * @cssproperty --crm-chart-4 - Fourth series colour.
 */
export class CrmReport extends CrmElement {
  static override styles = [
    ...CrmElement.styles,
    uiStyles,
    css`
      .s0 { fill: var(--crm-chart-1, #2563eb); stroke: var(--crm-chart-1, #2563eb); }
      .s1 { fill: var(--crm-chart-2, #d97706); stroke: var(--crm-chart-2, #d97706); }
      .s2 { fill: var(--crm-chart-3, #15803d); stroke: var(--crm-chart-3, #15803d); }
      .s3 { fill: var(--crm-chart-4, #b91c1c); stroke: var(--crm-chart-4, #b91c1c); }
      rect { stroke: none; }
      .line { fill: none; stroke-width: 2.5; }
      .axis, .grid { stroke: ${token.colorBorder}; }
      .label { fill: ${token.colorText}; font-size: 12px; }
      .value { fill: ${token.colorTextMuted}; font-size: 11px; }
      .strong { font-weight: 600; fill: ${token.colorText}; }
      figure { margin: ${token.spaceM} 0; }
      figure svg { max-width: 40rem; display: block; }
      th button.link { text-align: left; font: inherit; font-weight: 600; }
      figcaption { font-weight: 600; margin-bottom: ${token.spaceXs}; }
      .charts { display: grid; gap: ${token.spaceM}; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); }
      .legend { display: flex; gap: ${token.spaceM}; list-style: none; padding: 0; margin: 0 0 ${token.spaceXs};
        font-size: ${token.fontSizeS}; }
      .swatch { display: inline-block; width: .75rem; height: .75rem; margin-right: .3rem; border-radius: 2px; }
      .legend .s0 { background: var(--crm-chart-1, #2563eb); } .legend .s1 { background: var(--crm-chart-2, #d97706); }
      .legend .s2 { background: var(--crm-chart-3, #15803d); } .legend .s3 { background: var(--crm-chart-4, #b91c1c); }
      .scroll { overflow-x: auto; }
      table { border-collapse: collapse; width: 100%; font-size: ${token.fontSizeS}; }
      th, td { padding: .3rem .5rem; border-bottom: 1px solid ${token.colorBorder}; text-align: right;
        white-space: nowrap; }
      th:first-child, td:first-child { text-align: left; white-space: normal; }
      thead th { background: ${token.colorSurfaceAlt}; }
      tfoot td { font-weight: 600; }
      nav ol { display: flex; flex-wrap: wrap; gap: .25rem; list-style: none; padding: 0; margin: 0 0 ${token.spaceS}; }
      nav li + li::before { content: '›'; margin-right: .25rem; color: ${token.colorTextMuted}; }
      details { font-size: ${token.fontSizeS}; }
      .controls { display: flex; flex-wrap: wrap; gap: ${token.spaceS}; align-items: end;
        margin-bottom: ${token.spaceS}; }
      .controls label { display: grid; font-size: ${token.fontSizeS}; }
    `,
  ];

  /** Report type: `sales`, `efficiency`, `pipeline`, `individual` or one a plugin adds. */
  @property() type = 'sales';
  /** Grouping: advisor, branch, region, firm, branch-type, product, provider, category, source, partner. */
  @property({ attribute: 'group-by' }) groupBy = '';
  /** `day`, `week`, `month`, `quarter`, or `custom` with `from`/`to`. */
  @property() period = 'month';
  /** A day inside the period (`YYYY-MM-DD`); empty: today. */
  @property() at = '';
  /** Custom range (with `period="custom"`): first and last day, `YYYY-MM-DD`. */
  @property() from = '';
  @property() to = '';
  /** Only this unit and the units below it. */
  @property({ attribute: 'unit-id' }) unitId = '';
  /** Only this person (the individual report: whose). */
  @property({ attribute: 'user-id' }) userId = '';
  /** Also show the previous period's totals. */
  @property({ type: Boolean }) compare = false;
  /** Which charts: `all`, `first`, `none`, or a kind (`bar`, `line`, `funnel`). */
  @property() charts = 'all';
  /** Hide the period picker (a dashboard sets the period for all its reports); the PDF link stays. */
  @property({ type: Boolean, attribute: 'no-controls' }) noControls = false;

  @state() private path: Level[] = [];
  /** Whether the signed-in person holds `reports:export` (the XLSX link is drawn only then). */
  @state() private mayExport = false;
  private readonly api = new ApiController<ReportResult>(this);

  /** The parameters of the level shown (the attributes, or the latest drill-down). */
  private get current(): Drill & { type: string } {
    const d = this.path[this.path.length - 1]?.drill;
    if (d) return { type: d.type ?? this.type, ...d };
    return { type: this.type, groupBy: this.groupBy, unitId: this.unitId, userId: this.userId };
  }

  private query(): Record<string, string | boolean | undefined> {
    const c = this.current;
    const custom = this.period === 'custom';
    return {
      groupBy: c.groupBy || undefined,
      unitId: c.unitId || undefined,
      userId: c.userId || undefined,
      period: this.period || undefined,
      at: !custom && this.at ? this.at : undefined,
      from: custom ? this.from : undefined,
      to: custom ? this.to : undefined,
      compare: this.compare || undefined,
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    meMeta(this.api as ApiController<unknown>, this.apiConfig.baseUrl).then(
      (me) => (this.mayExport = Boolean(me.permissions['reports:export']?.length)),
      () => (this.mayExport = false),
    );
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (['type', 'groupBy', 'unitId', 'userId'].some((k) => changed.has(k as keyof CrmReport))) this.path = [];
  }

  protected override updated(changed: PropertyValues<this>): void {
    const keys = ['type', 'groupBy', 'period', 'at', 'from', 'to', 'unitId', 'userId', 'compare', 'path'];
    if (keys.some((k) => changed.has(k as keyof CrmReport))) void this.refresh();
  }

  /** Loads the report again with the current parameters. */
  async refresh(): Promise<void> {
    const { type } = this.current;
    await this.api.run((signal) =>
      this.api.get<ReportResult>(`/api/reports/${encodeURIComponent(type)}`, { query: this.query(), signal }),
    );
  }

  private open(drill: Drill, label: string): void {
    this.path = [...this.path, { drill, label }];
    this.dispatchEvent(new CrmReportDrillEvent(drill, label));
  }

  private back(depth: number): void {
    this.path = this.path.slice(0, depth);
  }

  /** The report's file: `/api/reports/:type.pdf` or, for XLSX, `/api/exports/reports/:type`. */
  private fileHref(format: 'pdf' | 'xlsx'): string {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(this.query())) if (v !== undefined) q.set(k, String(v));
    q.set('lang', this.resolvedLang);
    const type = encodeURIComponent(this.current.type);
    const path = format === 'pdf' ? `/api/reports/${type}.pdf` : `/api/exports/reports/${type}`;
    return `${this.apiConfig.baseUrl}${path}?${q}`;
  }

  private shownCharts(r: ReportResult): ReportChart[] {
    const all = r.charts.filter((c) => c.categories.length > 0);
    if (this.charts === 'none') return [];
    if (this.charts === 'first') return all.slice(0, 1);
    if (this.charts === 'all') return all;
    return all.filter((c) => c.kind === this.charts);
  }

  private renderControls() {
    const pdf = html`<a part="download" href=${this.fileHref('pdf')} download>${rt(this, 'pdf')}</a>
      ${
        this.mayExport
          ? html`<a part="download" href=${this.fileHref('xlsx')} download>${rt(this, 'xlsx')}</a>`
          : nothing
      }`;
    if (this.noControls) return html`<div class="controls">${pdf}</div>`;
    const set = (e: Event) => {
      const el = e.target as HTMLInputElement | HTMLSelectElement;
      if (el.name === 'period') this.period = el.value;
      else if (el.name === 'at') this.at = el.value;
      else this.compare = (el as HTMLInputElement).checked;
    };
    return html`<div class="controls" part="controls">
      <label>${rt(this, 'period')}
        <select name="period" @change=${set} .value=${this.period}>
          ${(['day', 'week', 'month', 'quarter'] as const).map(
            (p) => html`<option value=${p} ?selected=${this.period === p}>${rt(this, p)}</option>`,
          )}
        </select></label>
      <label>${rt(this, 'at')}<input type="date" name="at" .value=${this.at} @change=${set}></label>
      <label class="row"><input type="checkbox" name="compare" .checked=${this.compare} @change=${set}>
        ${rt(this, 'compare')}</label>
      <span class="spacer"></span>${pdf}
    </div>`;
  }

  private renderPath() {
    if (!this.path.length) return nothing;
    return html`<nav part="path" aria-label=${rt(this, 'path')}><ol>
      <li><button type="button" class="link" @click=${() => this.back(0)}>${rt(this, 'all')}</button></li>
      ${this.path.map((l, i) =>
        i === this.path.length - 1
          ? html`<li aria-current="page">${l.label}</li>`
          : html`<li><button type="button" class="link" @click=${() => this.back(i + 1)}>${l.label}</button></li>`,
      )}
    </ol></nav>`;
  }

  private renderChart(c: ReportChart) {
    const lang = this.resolvedLang;
    return html`<figure part="chart" data-kind=${c.kind}>
      <figcaption>${c.title[lang]}</figcaption>
      ${chartSvg(c, lang)}
      <details><summary>${rt(this, 'chartData', c.title[lang])}</summary>
        <div class="scroll" tabindex="0" role="region" aria-label=${c.title[lang]}><table>
          <thead><tr><th scope="col"></th>
            ${c.series.map((s) => html`<th scope="col">${s.label[lang]}</th>`)}</tr></thead>
          <tbody>${c.categories.map(
            (cat, i) =>
              html`<tr><th scope="row">${cat.label[lang]}</th>${c.series.map(
                (s) => html`<td>${formatValue(c.type, s.values[i] ?? 0, lang)}</td>`,
              )}</tr>`,
          )}</tbody>
        </table></div>
      </details>
    </figure>`;
  }

  override render() {
    const lang = this.resolvedLang;
    const r = this.api.value;
    const err = this.api.error;
    const cols = r?.table.columns ?? [];
    const cell = (c: ReportColumn, cells: Record<string, Cell>) => formatValue(c.type, cells[c.key] ?? null, lang);
    return html`<section part="base" aria-busy=${this.api.loading ? 'true' : 'false'}>
      <h2>${r?.title[lang] ?? ''}
        ${r ? html`<span class="muted">${r.params.from} – ${r.params.to}</span>` : nothing}</h2>
      ${this.renderControls()} ${this.renderPath()}
      ${err ? html`<p role="alert" class="error" part="error">${errorMessage(this, err)}</p>` : nothing}
      ${!r && this.api.loading ? html`<p class="muted">${t(this, 'loading')}</p>` : nothing}
      ${
        r
          ? html`<div class="charts">${this.shownCharts(r).map((c) => this.renderChart(c))}</div>
          <div class="scroll" tabindex="0" role="region" aria-label=${r.title[lang]}><table part="table">
            <caption class="muted">${r.title[lang]}</caption>
            <thead><tr>${cols.map((c) => html`<th scope="col">${c.label[lang]}</th>`)}</tr></thead>
            <tbody>${
              r.table.rows.length
                ? r.table.rows.map(
                    (row) => html`<tr part="row" data-key=${row.key}>
                    <th scope="row">${
                      row.drill
                        ? html`<button type="button" class="link" aria-label=${rt(this, 'details', row.label[lang])}
                          @click=${() => this.open(row.drill!, row.label[lang])}>${row.label[lang]}</button>`
                        : row.label[lang]
                    }</th>
                    ${cols.slice(1).map((c) => html`<td>${formatValue(c.type, row.cells[c.key] ?? null, lang)}</td>`)}
                  </tr>`,
                  )
                : html`<tr><td colspan=${cols.length}>${rt(this, 'none')}</td></tr>`
            }</tbody>
            ${
              Object.keys(r.table.totals).length
                ? html`<tfoot><tr part="total"><th scope="row">${rt(this, 'total')}</th>
                  ${cols.slice(1).map((c) => html`<td>${cell(c, r.table.totals)}</td>`)}</tr>
                  ${
                    r.previous
                      ? html`<tr><th scope="row">${rt(this, 'previous')}</th>
                      ${cols.slice(1).map((c) => html`<td>${cell(c, r.previous!.totals)}</td>`)}</tr>`
                      : nothing
                  }</tfoot>`
                : nothing
            }
          </table></div>`
          : nothing
      }
    </section>`;
  }
}
