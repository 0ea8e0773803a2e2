/**
 * @module widgets/crm-commission-review/component
 * `<crm-commission-review>`: the back office's, managers' and directors' review of commission
 * lines at scale. Filters (month, ledger, branch, advisor, partner, provider, product, status,
 * missing rule) and an order; lines in pages with names, not codes, grouped by recipient with the
 * group's totals over the whole filter; select lines, a page, or everything the filter matches
 * (approved on the server with the filter, not only the page shown, and the count the person saw);
 * a correction (with a reason) keeps the row where it is; the result of an action is said next to
 * where the person is looking (in the row, or beside the approve button) through a live region.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiController } from '../base/api-controller.ts';
import { ApiError } from '../base/api-error.ts';
import { CrmElement } from '../base/crm-element.ts';
import { meMeta } from '../base/crm-meta.ts';
import { downloadExport } from '../base/export-download.ts';
import { errorMessage, formatMoney } from '../base/i18n.ts';
import { parseMoneyInput } from '../base/money-input.ts';
import { uiStyles } from '../base/ui-styles.ts';
import {
  explain,
  type ApprovalResult,
  type CommissionLineItem,
  type LineFacets,
  type LinePage,
  type LineSummary,
  type RecipientGroup,
} from './commission-types.ts';
import { reviewStyles } from './crm-commission-review.styles.ts';
import { approvalText, pageInfo, t, waitingHeading, type ApprovalText } from './review-text.ts';

/** The filter a person sets; empty strings mean "any". */
export interface ReviewFilter {
  period: string;
  ledger: string;
  unitId: string;
  advisorId: string;
  partnerId: string;
  provider: string;
  product: string;
  status: string;
  missing: string;
}

const emptyFilter = (period = '', ledger = ''): ReviewFilter => ({
  period,
  ledger,
  unitId: '',
  advisorId: '',
  partnerId: '',
  provider: '',
  product: '',
  status: 'pending',
  missing: '',
});

const ledgerWord = { firm: 'firm', advisor: 'advisorLedger', partner: 'partnerLedger', unit: 'unitLedger' } as const;
const sorts = [
  ['recipient', 'sortRecipient'],
  ['sale-date', 'sortSaleDate'],
  ['amount', 'sortAmount'],
  ['period', 'sortPeriod'],
] as const;
const pageSizes = [25, 50, 100, 200];

/**
 * @summary Review commission lines at scale: filter, sort, page, correct with a reason, approve in bulk.
 *
 * @event crm-error - A request failed; `event.error` is the `ApiError`.
 * @event crm-commissions-approved - Lines were approved; `event.detail` is the API's answer (approved ids,
 *   statements produced, recipients still waiting).
 * @csspart filter-panel - The foldable panel around the filters (folded at first on a screen up to 600 px wide).
 * @csspart filters - The filter form.
 * @csspart summary - The whole filter's count and total.
 * @csspart actions - The selection and approve bar (with the approval's result).
 * @csspart select-all - Selects every line the filter matches.
 * @csspart table - The table of lines.
 * @csspart group - A recipient's heading row with the group's totals.
 * @csspart row - One line.
 * @csspart explanation - A line's explanation.
 * @csspart amount - A line's amount.
 * @csspart correction - A corrected line's reason and original amount.
 * @csspart row-message - The result of an action on one line.
 * @csspart approve - The approve button.
 * @csspart export - Exports the period's lines (every status) to Excel; only for holders of `commissions:export`.
 * @csspart message - The result of the last approval.
 * @csspart error - An error message.
 * @csspart pager - Page navigation.
 */
export class CrmCommissionReview extends CrmElement {
  static override styles = [...CrmElement.styles, uiStyles, reviewStyles];

  /** Settlement month `YYYY-MM` to start with; empty: every month. */
  @property() period = '';
  /** Ledger to start with (`firm`, `advisor`, `partner`, `unit`); empty: all. */
  @property() ledger = '';
  /** Lines per page (25–200). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 50;

  @state() private filter: ReviewFilter = emptyFilter();
  @state() private sort = 'recipient';
  @state() private offset = 0;
  /** Where the rows on screen came from: the pager describes these, not a page still loading. */
  @state() private shownPage = { offset: 0, size: 50 };
  @state() private lines: CommissionLineItem[] = [];
  @state() private summary: LineSummary | null = null;
  @state() private facets: LineFacets | null = null;
  @state() private selected = new Set<string>();
  /** Every line the filter matches is selected (approved on the server with the filter). */
  @state() private allMatching = false;
  @state() private editing = '';
  @state() private rowMessage: { id: string; text: string; error: boolean } | null = null;
  @state() private result: ApprovalText | null = null;
  @state() private problem = '';
  @state() private busy = false;
  @state() private loaded = false;
  @state() private may = { approve: false, correct: false, export: false };
  @state() private exporting = false;
  /** The filter panel is open (folded on a narrow screen at first). */
  @state() private filtersOpen = true;

  private readonly api = new ApiController<LinePage>(this);
  /** The filter the shown lines and counts belong to (what "approve all matching" sends). */
  private shownFilter: ReviewFilter = emptyFilter();

  override connectedCallback(): void {
    super.connectedCallback();
    this.filter = emptyFilter(this.period, this.ledger);
    this.filtersOpen = !window.matchMedia('(max-width: 600px)').matches;
    meMeta(new ApiController<unknown>(this), this.apiConfig.baseUrl).then(
      (me) => {
        const has = (p: string) => (me.permissions[p] ?? []).length > 0;
        this.may = {
          approve: has('commissions:approve'),
          correct: has('commissions:correct'),
          export: has('commissions:export'),
        };
      },
      () => undefined,
    );
    void this.loadFacets();
    void this.refresh();
  }

  private query(f: ReviewFilter): Record<string, string | boolean | undefined> {
    return {
      period: f.period || undefined,
      ledger: f.ledger || undefined,
      unitId: f.unitId || undefined,
      advisorId: f.advisorId || undefined,
      partnerId: f.partnerId || undefined,
      provider: f.provider || undefined,
      product: f.product || undefined,
      status: f.status || undefined,
      missing: f.missing === '' ? undefined : f.missing === 'true',
    };
  }

  private async loadFacets(): Promise<void> {
    try {
      this.facets = await this.api.get<LineFacets>('/api/commission-lines/facets', {
        query: { period: this.filter.period || undefined, ledger: this.filter.ledger || undefined },
      });
    } catch {
      // The filters then offer only "all"; the list itself reports the failure.
    }
  }

  /** Loads the current page and the whole filter's totals again (the rows keep their order). */
  async refresh(): Promise<void> {
    const f = { ...this.filter };
    const requested = { offset: this.offset, size: this.pageSize };
    const page = await this.api.run((signal) =>
      this.api.get<LinePage>('/api/commission-lines', {
        signal,
        query: { ...this.query(f), sort: this.sort, limit: requested.size, offset: requested.offset, summary: true },
      }),
    );
    if (!page) return;
    this.shownFilter = f;
    this.shownPage = requested;
    this.lines = page.items;
    this.summary = page.summary ?? null;
    this.loaded = true;
    if (page.summary && this.offset >= page.summary.total && this.offset > 0) {
      this.offset = Math.max(0, (Math.ceil(page.summary.total / this.pageSize) - 1) * this.pageSize);
      await this.refresh();
    }
  }

  /** Downloads the lines of this month and ledger, whatever their status, as XLSX. */
  async exportXlsx(): Promise<void> {
    if (this.exporting) return;
    this.exporting = true;
    const query = {
      period: this.filter.period || undefined,
      ledger: this.filter.ledger || undefined,
      locale: this.resolvedLang,
    };
    try {
      await downloadExport(this.apiConfig, '/api/exports/commission-lines', query);
    } catch (error) {
      this.problem = errorMessage(this, error as Parameters<typeof errorMessage>[1]);
    } finally {
      this.exporting = false;
    }
  }

  private setFilter(key: keyof ReviewFilter, value: string): void {
    const next = { ...this.filter, [key]: value };
    // A product belongs to a provider: a product of another provider would match nothing.
    if (key === 'provider' && value && this.facets) {
      const product = this.facets.products.find((p) => p.id === next.product);
      if (product && product.providerId !== value) next.product = '';
    }
    this.filter = next;
    this.offset = 0;
    this.clearSelection();
    this.result = null;
    this.problem = '';
    if (key === 'period' || key === 'ledger') void this.loadFacets();
    void this.refresh();
  }

  private resetFilters(e: Event): void {
    e.preventDefault();
    this.filter = emptyFilter();
    this.offset = 0;
    this.clearSelection();
    void this.loadFacets();
    void this.refresh();
  }

  private clearSelection(): void {
    this.selected = new Set();
    this.allMatching = false;
  }

  private selectable = (l: CommissionLineItem) => l.status !== 'approved' && !(l.missing && l.status === 'proposed');

  private toggle(id: string, on: boolean): void {
    const s = new Set(this.selected);
    if (on) s.add(id);
    else s.delete(id);
    this.selected = s;
    this.allMatching = false;
  }

  private togglePage(on: boolean): void {
    const s = new Set(this.selected);
    for (const l of this.lines.filter(this.selectable)) {
      if (on) s.add(l.id);
      else s.delete(l.id);
    }
    this.selected = s;
    this.allMatching = false;
  }

  private goTo(offset: number): void {
    this.offset = Math.max(0, offset);
    this.editing = '';
    void this.refresh();
  }

  private async approve(): Promise<void> {
    // A second click while the first is on its way does nothing (the server also approves each line once).
    if (this.busy) return;
    const expected = this.summary?.approvable ?? 0;
    const body = this.allMatching ? { filter: this.query(this.shownFilter), expected } : { ids: [...this.selected] };
    this.busy = true;
    this.result = null;
    this.problem = '';
    try {
      const r = await this.api.post<ApprovalResult>('/api/commission-lines/approve', body);
      this.result = approvalText(this.resolvedLang, r);
      this.clearSelection();
      this.dispatchEvent(new CustomEvent('crm-commissions-approved', { detail: r, bubbles: true, composed: true }));
      await this.refresh();
    } catch (e) {
      this.problem = this.approvalProblem(e, expected);
      await this.refresh();
    } finally {
      this.busy = false;
    }
    await this.updateComplete;
    // The result is said where the person is looking: focus moves to it (and the live region reads it).
    this.renderRoot.querySelector<HTMLElement>('[part~=message], [part~=error]')?.focus();
  }

  private approvalProblem(e: unknown, expected: number): string {
    if (!(e instanceof ApiError)) return errorMessage(this, { status: 0 });
    const details = e.details as { matching?: number } | undefined;
    if (e.status === 409 && typeof details?.matching === 'number')
      return t(this, 'newLines', details.matching, expected);
    if (e.status === 422 && this.allMatching) return t(this, 'tooMany');
    return errorMessage(this, e);
  }

  private async save(e: SubmitEvent, line: CommissionLineItem): Promise<void> {
    e.preventDefault();
    if (this.busy) return;
    const form = new FormData(e.target as HTMLFormElement);
    const minor = parseMoneyInput(String(form.get('amount') ?? ''));
    const reason = String(form.get('reason') ?? '').trim();
    const say = (text: string, error = true) => (this.rowMessage = { id: line.id, text, error });
    if (minor === null) return void say(t(this, 'badAmount'));
    if (!reason) return void say(t(this, 'noReason'));
    if (Math.sign(minor) * Math.sign(line.originalMinor) < 0)
      return void say(t(this, line.originalMinor > 0 ? 'mustBePositive' : 'mustBeNegative'));
    this.busy = true;
    try {
      const saved = await this.api.post<CommissionLineItem>(`/api/commission-lines/${line.id}/correct`, {
        amountMinor: minor,
        reason,
      });
      // The row stays where it is: it is replaced in place, names kept.
      this.lines = this.lines.map((l) => (l.id === line.id ? { ...l, ...saved, sale: l.sale, names: l.names } : l));
      this.editing = '';
      say(t(this, 'savedCorrection'), false);
      void this.refreshSummary();
    } catch (err) {
      const status = (err as { status?: number }).status ?? 0;
      say(status === 409 ? t(this, 'lineLocked') : errorMessage(this, err as { status: number }));
    } finally {
      this.busy = false;
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`tr[data-id="${line.id}"] [part~=correct]`)?.focus();
  }

  /** The whole filter's counts after a change to one line (the page itself is not reloaded). */
  private async refreshSummary(): Promise<void> {
    try {
      const page = await this.api.get<LinePage>('/api/commission-lines', {
        query: { ...this.query(this.shownFilter), limit: 1, summary: true },
      });
      this.summary = page.summary ?? this.summary;
    } catch {
      // The counts stay as they were; the next refresh corrects them.
    }
  }

  private select(
    key: keyof ReviewFilter,
    label: string,
    options: ReadonlyArray<readonly [string, string]>,
    any = true,
  ): TemplateResult {
    const value = this.filter[key];
    return html`<div class="field"><label for=${`f-${key}`}>${label}</label><select id=${`f-${key}`} name=${key}
      @change=${(e: Event) => this.setFilter(key, (e.target as HTMLSelectElement).value)}>
      ${any ? html`<option value="" ?selected=${value === ''}>${t(this, 'all')}</option>` : nothing}
      ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
    </select></div>`;
  }

  private filters(): TemplateResult {
    const f = this.facets;
    const pairs = (list: ReadonlyArray<{ id: string; name: string }> | undefined) =>
      (list ?? []).map((c) => [c.id, c.name] as const);
    const products = (f?.products ?? []).filter((p) => !this.filter.provider || p.providerId === this.filter.provider);
    const active = Object.entries(this.filter).filter(([k, v]) => (k === 'status' ? v !== 'pending' : v !== '')).length;
    // On a narrow screen the filters fold away under one line, so the lines come first.
    return html`<details part="filter-panel" class="filter-panel" ?open=${this.filtersOpen}
      @toggle=${(e: Event) => (this.filtersOpen = (e.target as HTMLDetailsElement).open)}>
      <summary>${t(this, 'filters')}${active ? ` (${active})` : ''}</summary>
      <form part="filters" class="filters" role="search" aria-label=${t(this, 'filters')}
      @submit=${(e: Event) => e.preventDefault()} @reset=${(e: Event) => this.resetFilters(e)}>
      ${this.select(
        'period',
        t(this, 'period'),
        (f?.periods ?? (this.filter.period ? [this.filter.period] : [])).map((p) => [p, p] as const),
      )}
      ${this.select(
        'ledger',
        t(this, 'ledger'),
        Object.entries(ledgerWord).map(([k, w]) => [k, t(this, w)] as const),
      )}
      ${this.select('unitId', t(this, 'unit'), pairs(f?.units))}
      ${this.select('advisorId', t(this, 'advisor'), pairs(f?.advisors))}
      ${f?.partners.length ? this.select('partnerId', t(this, 'partner'), pairs(f.partners)) : nothing}
      ${this.select('provider', t(this, 'provider'), pairs(f?.providers))}
      ${this.select('product', t(this, 'product'), pairs(products))}
      ${this.select(
        'status',
        t(this, 'status'),
        (['pending', 'proposed', 'corrected', 'approved'] as const).map((s) => [s, t(this, s)] as const),
      )}
      ${this.select('missing', t(this, 'missingFilter'), [
        ['true', t(this, 'missingOnly')],
        ['false', t(this, 'ruleOnly')],
      ])}
      <div class="field"><label for="f-sort">${t(this, 'sort')}</label><select id="f-sort" name="sort"
        @change=${(e: Event) => {
          this.sort = (e.target as HTMLSelectElement).value;
          this.goTo(0);
        }}>${sorts.map(
          ([v, w]) => html`<option value=${v} ?selected=${v === this.sort}>${t(this, w)}</option>`,
        )}</select></div>
      <button type="reset" class="secondary">${t(this, 'clearFilters')}</button>
    </form></details>`;
  }

  private actions(): TemplateResult | typeof nothing {
    const s = this.summary;
    const lang = this.resolvedLang;
    const approvable = s?.approvable ?? 0;
    const count = this.allMatching ? approvable : this.selected.size;
    const pageSelectable = this.lines.filter(this.selectable);
    const pageAll = pageSelectable.length > 0 && pageSelectable.every((l) => this.selected.has(l.id));
    return html`<div part="actions" class="bar">
      <p class="row counts" part="summary">
        <span>${t(this, 'summary', s?.total ?? 0, formatMoney(s?.totalMinor ?? 0, lang))}</span>
        ${this.may.approve && s ? html`<span>· ${t(this, 'mayApprove', approvable)}</span>` : nothing}
        ${s?.needAmount ? html`<span class="flag">· ${t(this, 'needAmount', s.needAmount)}</span>` : nothing}
      </p>
      ${
        this.may.approve
          ? html`<div class="row">
        <span class="selection">${
          this.allMatching ? t(this, 'selectedAll', approvable) : t(this, 'selected', this.selected.size)
        }</span>
        ${
          !this.allMatching && approvable > 0 && (pageAll || this.selected.size > 0)
            ? html`<button type="button" class="secondary" part="select-all" @click=${() => {
                this.allMatching = true;
              }}>${t(this, 'selectAll', approvable)}</button>`
            : nothing
        }
        ${
          count
            ? html`<button type="button" class="secondary" @click=${() => this.clearSelection()}>${t(
                this,
                'clearSelection',
              )}</button>`
            : nothing
        }
        <span class="spacer"></span>
        <button type="button" part="approve" ?disabled=${!count} aria-disabled=${this.busy ? 'true' : 'false'}
          @click=${() => this.approve()}>${
            this.busy
              ? t(this, 'approving')
              : this.allMatching
                ? t(this, 'approveAll', count)
                : t(this, 'approve', count)
          }</button>
      </div>`
          : nothing
      }
      <div aria-live="polite" class="live">${this.resultView()}</div>
      ${
        this.problem
          ? html`<p part="error" class="message" data-kind="error" role="alert" tabindex="-1">${this.problem}</p>`
          : nothing
      }
    </div>`;
  }

  private resultView(): TemplateResult | typeof nothing {
    const r = this.result;
    if (!r) return nothing;
    return html`<div part="message" class="message" data-kind="ok" role="status" tabindex="-1">
      <p>${r.headline}</p>
      ${r.statements.length ? html`<ul>${r.statements.map((s) => html`<li>${s}</li> `)}</ul>` : nothing}
      ${r.moreStatements ? html`<p>${r.moreStatements}</p>` : nothing}
      ${
        r.waiting.length
          ? html`<p>${waitingHeading(this.resolvedLang)}</p>
            <ul part="waiting">${r.waiting.map((w) => html`<li>${w}</li> `)}</ul>`
          : nothing
      }
      ${r.moreWaiting ? html`<p>${r.moreWaiting}</p>` : nothing}
    </div>`;
  }

  private row(l: CommissionLineItem): TemplateResult {
    const lang = this.resolvedLang;
    const n = l.names;
    const unreviewed = l.missing && l.status === 'proposed';
    const product = [n?.provider ?? l.sale.provider, n?.product ?? l.sale.product].filter(Boolean).join(' · ');
    const message = this.rowMessage?.id === l.id ? this.rowMessage : null;
    const editing = this.editing === l.id;
    const ledger = ledgerWord[l.ledger as keyof typeof ledgerWord];
    return html`<tr part="row" data-id=${l.id} data-ledger=${l.ledger} data-status=${l.status}>
        <td>${
          this.may.approve
            ? html`<input type="checkbox" aria-label=${t(
                this,
                'selectLine',
                n?.recipient ?? l.beneficiaryId,
                n?.client ?? product,
                formatMoney(l.amountMinor, lang),
              )} .checked=${this.allMatching ? this.selectable(l) : this.selected.has(l.id)}
              ?disabled=${!this.selectable(l) || this.allMatching}
              @change=${(e: Event) => this.toggle(l.id, (e.target as HTMLInputElement).checked)}>`
            : nothing
        }</td>
        <td><strong>${n?.recipient ?? l.beneficiaryId}</strong><br><span class="muted">${
          ledger ? t(this, ledger) : l.ledger
        } · ${t(this, (l.kind as 'proposal') ?? 'proposal')} · ${l.period}</span>
          <br><span class="badge status" data-status=${l.status}>${t(this, l.status)}</span></td>
        <td>${product}${l.sale.amountMinor !== undefined ? html` · ${formatMoney(l.sale.amountMinor, lang)}` : nothing}
          <br><span class="muted">${l.sale.saleDate}</span>
          <div part="explanation">${explain(l, lang)}</div>
          ${unreviewed ? html`<div class="flag">${t(this, 'missing')}</div>` : nothing}</td>
        <td>${n?.client ?? html`<span class="muted">${t(this, 'clientHidden')}</span>`}<br><span class="muted">${[
          n?.advisor,
          n?.unit,
        ]
          .filter(Boolean)
          .join(' · ')}</span></td>
        <td class="num"><span part="amount">${formatMoney(l.amountMinor, lang)}</span>${
          l.correctionReason
            ? html`<div part="correction" class="muted">${l.correctionReason} (${t(
                this,
                'was',
                formatMoney(l.originalMinor, lang),
              )})</div>`
            : nothing
        }<div part="row-message" role="status" class=${message?.error ? 'flag' : 'ok'}>${message?.text ?? ''}</div></td>
        <td class="act">${
          this.may.correct && l.status !== 'approved' && !editing
            ? html`<button type="button" part="correct" class="secondary" @click=${() => this.startEdit(l)}>${
                unreviewed ? t(this, 'enterAmount') : t(this, 'correct')
              }</button>`
            : nothing
        }${editing ? this.editForm(l) : nothing}</td>
      </tr>`;
  }

  private async startEdit(l: CommissionLineItem): Promise<void> {
    this.editing = l.id;
    this.rowMessage = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`tr[data-id="${l.id}"] input[name=amount]`)?.focus();
  }

  /** The correction form, in the row's last cell: the row does not move while it is open. */
  private editForm(l: CommissionLineItem): TemplateResult {
    return html`<form part="edit" class="edit" @submit=${(e: SubmitEvent) => this.save(e, l)}
      @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (this.editing = '')}>
      <div class="field"><label for="edit-amount">${t(this, 'amount')}</label><input id="edit-amount" name="amount"
        inputmode="decimal" autocomplete="off" aria-required="true"></div>
      <div class="field"><label for="edit-reason">${t(this, 'reason')}</label><input id="edit-reason" name="reason"
        maxlength="1000" autocomplete="off" aria-required="true"></div>
      <div class="row"><button type="submit" ?disabled=${this.busy}>${
        this.busy ? t(this, 'saving') : t(this, 'save')
      }</button><button type="button" class="secondary" @click=${() => (this.editing = '')}>${t(
        this,
        'cancel',
      )}</button></div>
    </form>`;
  }

  /** One `tbody` per recipient (its heading row names it, with the whole filter's totals), or one for all. */
  private bodies(): TemplateResult[] {
    if (this.sort !== 'recipient') return [html`<tbody>${this.lines.map((l) => this.row(l))}</tbody>`];
    const groups = new Map((this.summary?.groups ?? []).map((g) => [`${g.recipientKind}|${g.recipientId}`, g]));
    const runs: CommissionLineItem[][] = [];
    for (const l of this.lines) {
      const prev = runs.at(-1)?.[0];
      if (prev && prev.beneficiaryKind === l.beneficiaryKind && prev.beneficiaryId === l.beneficiaryId)
        runs.at(-1)!.push(l);
      else runs.push([l]);
    }
    return runs.map((run) => {
      const l = run[0]!;
      const g = groups.get(`${l.beneficiaryKind}|${l.beneficiaryId}`);
      const kind = ledgerWord[l.ledger as keyof typeof ledgerWord];
      const name = g?.recipientName ?? l.names?.recipient ?? l.beneficiaryId;
      return html`<tbody><tr part="group" class="group"><th colspan="6" scope="rowgroup">
          <span>${t(this, 'group', name, kind ? t(this, kind) : l.ledger)}</span>
          ${g ? html`<span class="totals">${this.groupTotals(g)}</span>` : nothing}
        </th></tr>${run.map((x) => this.row(x))}</tbody>`;
    });
  }

  /** Whether the person narrowed the list beyond "everything waiting" (the empty list says which). */
  private filtered(): boolean {
    const f = this.shownFilter;
    return f.status !== 'pending' || Object.entries(f).some(([k, v]) => k !== 'status' && v !== '');
  }

  private groupTotals(g: RecipientGroup): string {
    return t(this, 'groupTotals', g.lines, formatMoney(g.totalMinor, this.resolvedLang), g.pending);
  }

  private pager(): TemplateResult | typeof nothing {
    const total = this.summary?.total ?? 0;
    const shown = this.shownPage;
    if (total <= this.lines.length && shown.offset === 0 && total <= pageSizes[0]!) return nothing;
    const p = pageInfo(shown.offset, shown.size, total);
    return html`<nav part="pager" class="row pager" aria-label=${t(this, 'pager')}>
      <button type="button" class="secondary" ?disabled=${p.page <= 1}
        @click=${() => this.goTo(shown.offset - shown.size)}>${t(this, 'prev')}</button>
      <span>${t(this, 'pageOf', p.page, p.pages, p.from, p.to, total)}</span>
      <button type="button" class="secondary" ?disabled=${p.page >= p.pages}
        @click=${() => this.goTo(shown.offset + shown.size)}>${t(this, 'next')}</button>
      <span class="row"><label for="f-size">${t(this, 'pageSize')}</label><select id="f-size" @change=${(e: Event) => {
        this.pageSize = Number((e.target as HTMLSelectElement).value);
        this.goTo(0);
      }}>${pageSizes.map(
        (n) => html`<option value=${n} ?selected=${n === this.pageSize}>${n}</option>`,
      )}</select></span>
    </nav>`;
  }

  override render() {
    const pageSelectable = this.lines.filter(this.selectable);
    const pageAll = pageSelectable.length > 0 && pageSelectable.every((l) => this.selected.has(l.id));
    return html`<section part="base"><div class="row"><h2>${t(this, 'title')}</h2><span class="spacer"></span>${
      this.may.export
        ? html`<button part="export" class="secondary" ?disabled=${this.exporting}
            @click=${() => this.exportXlsx()}>${t(this, 'exportXlsx')}</button>`
        : nothing
    }</div>
      ${this.filters()}
      ${this.actions()}
      ${
        this.lines.length
          ? html`<div class="scroll" tabindex="0" role="region" aria-label=${t(this, 'title')}>
          <table part="table"><thead><tr>
            <th scope="col">${
              this.may.approve
                ? html`<input type="checkbox" aria-label=${t(this, 'selectPage')}
                  .checked=${this.allMatching || pageAll} ?disabled=${!pageSelectable.length || this.allMatching}
                  @change=${(e: Event) => this.togglePage((e.target as HTMLInputElement).checked)}>`
                : html`<span class="visually-hidden">${t(this, 'colSelect')}</span>`
            }</th>
            <th scope="col">${t(this, 'colRecipient')}</th><th scope="col">${t(this, 'colSale')}</th>
            <th scope="col">${t(this, 'colClient')}</th><th scope="col" class="num">${t(this, 'colAmount')}</th>
            <th scope="col"><span class="visually-hidden">${t(this, 'colActions')}</span></th>
          </tr></thead>${this.bodies()}</table></div>
          ${this.pager()}`
          : html`<p part="empty">${this.loaded ? t(this, this.filtered() ? 'none' : 'nonePending') : '…'}</p>`
      }
    </section>`;
  }
}
