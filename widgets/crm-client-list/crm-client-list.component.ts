/**
 * @module widgets/crm-client-list/component
 * `<crm-client-list>`: the scoped client list. Everything it shows comes from the API as this user
 * may see it: the server scopes the rows (an advisor gets their own clients, a branch manager the
 * branch's) and masks fields by leaving them out, so a column of a field no loaded row carries is
 * not drawn at all rather than drawn empty. Paging is keyset (`nextCursor`, "load more"); the total
 * is capped by the server and shown as "10 000+". Holders of `clients:assign` get a checkbox per row
 * (and one for the page) and give the selection to another advisor in one request
 * (`POST /api/clients/assign`, all or nothing); holders of `clients:write` get a "new client" button.
 * Names and labels wrap instead of being cut; below 560 px of width each row becomes a small card.
 */
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiController } from '../base/api-controller.ts';
import type { ListPage } from '../base/api-client.ts';
import type { ClientItem, ClientSummary, UserItem } from '../base/client-types.ts';
import { CrmElement } from '../base/crm-element.ts';
import {
  clientSchemaMeta,
  labelIn,
  meMeta,
  workflowMeta,
  type ClientSchemaMeta,
  type WorkflowMeta,
} from '../base/crm-meta.ts';
import { downloadExport } from '../base/export-download.ts';
import { errorMessage, formatDate, formatNumber, t as common, type Lang } from '../base/i18n.ts';
import { labelOf } from '../base/schema-form.ts';
import { badgeColor } from '../base/badge.ts';
import { uiStyles } from '../base/ui-styles.ts';
import { CrmClientNewEvent, CrmClientSelectEvent, CrmClientsAssignedEvent } from './events.ts';
import { t } from './i18n.ts';
import { clientListStyles } from './crm-client-list.styles.ts';

const builtIn = ['displayName', 'status', 'type', 'source', 'owner', 'kind', 'createdAt', 'updatedAt'] as const;
type BuiltIn = (typeof builtIn)[number];
const sortable = new Set(['displayName', 'createdAt', 'updatedAt']);
const defaultColumns = ['displayName', 'status', 'type', 'owner', 'createdAt'];

/**
 * @summary The scoped client list: search as you type, filters, status counts, sort and keyset paging.
 *
 * @event crm-client-select - A row was chosen (click or Enter); `event.clientId` and `event.client`.
 * @event crm-client-new - The "new client" button was pressed.
 * @event crm-clients-assigned - The selected clients were given to another advisor; `event.ids`, `event.ownerId`.
 * @event crm-error - A request failed; `event.error` is the `ApiError`.
 * @csspart base - The panel around the list.
 * @csspart header - Title and total.
 * @csspart total - The total count ("10 000+ klientów").
 * @csspart counts - The status chips with counts.
 * @csspart filters - The search box and filter selects.
 * @csspart table - The table of clients.
 * @csspart row - One client row.
 * @csspart status - A status badge.
 * @csspart empty - Shown when no client matches.
 * @csspart more - The "show more" button.
 * @csspart export - The "Export to Excel" button (only for holders of `clients:export`).
 * @csspart error - An error message.
 * @csspart new - The "new client" button (only for holders of `clients:write`).
 * @csspart select - A row's (or the page's) selection checkbox (only for holders of `clients:assign`).
 * @csspart bulk - The bar acting on the selected clients.
 * @csspart bulk-message - The result of giving clients to an advisor.
 * @cssproperty --crm-color-primary - Selected row and active chip.
 * @cssproperty --crm-color-surface-alt - Row hover and chips.
 * @cssproperty --crm-color-border - Table rules and panel border.
 */
export class CrmClientList extends CrmElement {
  static override styles = [...CrmElement.styles, uiStyles, clientListStyles];

  /**
   * Comma-separated columns: `displayName,status,type,source,owner,kind,createdAt,updatedAt` or client field names.
   * Empty: from config.
   */
  @property() columns = '';
  /** Filter by status id (also set by the status chips). */
  @property() status = '';
  /** Filter by client type id. */
  @property() type = '';
  /** Filter by detailed source id. */
  @property() source = '';
  /** Filter by owner (advisor) user id. */
  @property({ attribute: 'owner-id' }) ownerId = '';
  /** Rows per page (1–200). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 25;
  /** `createdAt`, `updatedAt` or `displayName`. */
  @property() sort = 'createdAt';
  /** `asc` or `desc`. */
  @property() order = 'desc';
  /** Id of the highlighted client (set on row click; a page may set it too). */
  @property({ attribute: 'selected-id', reflect: true }) selectedId = '';
  /** Milliseconds of quiet after typing before the search runs. */
  @property({ type: Number }) debounce = 250;

  @state() private items: ClientItem[] = [];
  @state() private nextCursor: string | null = null;
  @state() private total: { value: number; capped: boolean } | null = null;
  @state() private q = '';
  @state() private workflow: WorkflowMeta | undefined;
  @state() private schema: ClientSchemaMeta | undefined;
  @state() private users = new Map<string, string>();
  @state() private counts: ClientSummary | undefined;
  @state() private moreLoading = false;
  @state() private canExport = false;
  /** 0–100 while an export runs, else null. */
  @state() private exportProgress: number | null = null;
  @state() private canAssign = false;
  @state() private canCreate = false;
  /** Ids of the checked rows (kept across "load more"; cleared after a hand-over). */
  @state() private checked = new Set<string>();
  @state() private bulkOwner = '';
  /** People clients may be given to: the users in scope without a partner login. */
  @state() private advisors: Array<[string, string]> = [];
  @state() private bulkBusy = false;
  @state() private bulkMessage: { kind: 'ok' | 'error'; text: string } | undefined;

  private readonly api = new ApiController<ListPage<ClientItem>>(this);
  private readonly side = new ApiController<unknown>(this);
  private readonly summaryApi = new ApiController<ClientSummary>(this);
  private timer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    const base = this.apiConfig.baseUrl;
    workflowMeta(this.side, base).then(
      (w) => (this.workflow = w),
      () => undefined,
    );
    clientSchemaMeta(this.side, base).then(
      (s) => (this.schema = s),
      () => undefined,
    );
    this.side.get<{ items: Array<UserItem & { partnerId?: string | null }> }>('/api/users').then(
      (r) => {
        this.users = new Map(r.items.map((u) => [u.id, u.name]));
        // A partner's login names clients' owners in the list but is no advisor to give clients to.
        this.advisors = r.items.filter((u) => !u.partnerId).map((u) => [u.id, u.name]);
      },
      () => undefined, // an advisor may not list users: the owner filter just stays hidden
    );
    meMeta(this.side, base).then(
      (me) => {
        this.canExport = (me.permissions['clients:export'] ?? []).length > 0;
        this.canAssign = (me.permissions['clients:assign'] ?? []).length > 0;
        this.canCreate = (me.permissions['clients:write'] ?? []).length > 0;
      },
      () => undefined,
    );
    void this.refresh();
  }

  /** Downloads the list as XLSX with the current filters (same scope and masking as the list). */
  async exportXlsx(): Promise<void> {
    if (this.exportProgress !== null) return;
    this.exportProgress = 0;
    const { limit: _limit, ...query } = this.query();
    try {
      await downloadExport(this.apiConfig, '/api/exports/clients', { ...query, locale: this.resolvedLang }, (p) => {
        this.exportProgress = Math.round(p * 100);
      });
    } catch (error) {
      this.api.error = error as typeof this.api.error;
    } finally {
      this.exportProgress = null;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  protected override updated(changed: Map<string, unknown>): void {
    const filters = ['status', 'type', 'source', 'ownerId', 'sort', 'order', 'pageSize'];
    if (this.hasUpdated && filters.some((k) => changed.has(k) && changed.get(k) !== undefined)) void this.refresh();
  }

  private query(): Record<string, string | number | undefined> {
    const v = (s: string) => s || undefined;
    return {
      status: v(this.status),
      type: v(this.type),
      source: v(this.source),
      ownerId: v(this.ownerId),
      q: v(this.q.trim()),
      sort: this.sort,
      order: this.order,
      limit: this.pageSize,
    };
  }

  /** Loads the first page and the status counts again with the current filters. */
  async refresh(): Promise<void> {
    const query = this.query();
    // The header counts every status under the other filters (the summary takes no search text).
    const forCounts = { type: query.type, source: query.source, ownerId: query.ownerId };
    void this.summaryApi
      .run((signal) => this.summaryApi.get<ClientSummary>('/api/clients/summary', { query: forCounts, signal }))
      .then((s) => {
        if (s) this.counts = s;
      });
    // `run` aborts the previous page request: fast typing never shows an older answer.
    const page = await this.api.run((signal) => this.api.get('/api/clients', { query, signal }));
    if (page) {
      this.items = page.items;
      this.nextCursor = page.nextCursor;
      this.total = page.total ?? null;
      // A checked client that left the list (filtered out, given away) is no longer selected.
      const shown = new Set(page.items.map((i) => i.id));
      if ([...this.checked].some((id) => !shown.has(id)))
        this.checked = new Set([...this.checked].filter((id) => shown.has(id)));
    }
    await this.updateComplete;
  }

  private toggle(id: string, on: boolean): void {
    const next = new Set(this.checked);
    if (on) next.add(id);
    else next.delete(id);
    this.checked = next;
    this.bulkMessage = undefined;
  }

  private toggleAll(on: boolean): void {
    this.checked = on ? new Set(this.items.map((i) => i.id)) : new Set();
    this.bulkMessage = undefined;
  }

  /** Gives the checked clients to the chosen advisor (one request, all or nothing), then reloads the list. */
  async assignSelected(): Promise<void> {
    if (this.bulkBusy) return; // a double click sends one request
    const ids = [...this.checked];
    if (!ids.length) return;
    if (!this.bulkOwner) {
      this.bulkMessage = { kind: 'error', text: t(this, 'noAdvisor') };
      return;
    }
    const ownerId = this.bulkOwner;
    this.bulkBusy = true;
    this.bulkMessage = undefined;
    try {
      const r = await this.side.post<{ updated: number }>('/api/clients/assign', { ids, ownerId });
      this.checked = new Set();
      this.bulkOwner = '';
      this.bulkMessage = { kind: 'ok', text: t(this, 'assigned', r.updated, this.users.get(ownerId) ?? '') };
      this.dispatchEvent(new CrmClientsAssignedEvent(ids, ownerId));
      await this.refresh();
    } catch (error) {
      const e = error as { status: number };
      this.bulkMessage = {
        kind: 'error',
        text:
          e.status === 403
            ? t(this, 'assignForbidden')
            : e.status === 404
              ? t(this, 'assignGone')
              : errorMessage(this, e),
      };
      if (e.status === 404) await this.refresh();
    } finally {
      this.bulkBusy = false;
    }
  }

  private async loadMore(): Promise<void> {
    if (!this.nextCursor || this.moreLoading) return;
    this.moreLoading = true;
    try {
      const page = await this.api.get('/api/clients', { query: { ...this.query(), cursor: this.nextCursor } });
      this.items = [...this.items, ...page.items];
      this.nextCursor = page.nextCursor;
    } catch (error) {
      this.api.error = error as typeof this.api.error;
    } finally {
      this.moreLoading = false;
    }
  }

  private onSearch(e: Event): void {
    this.q = (e.target as HTMLInputElement).value;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), this.debounce);
  }

  private select(client: ClientItem): void {
    this.selectedId = client.id;
    this.dispatchEvent(new CrmClientSelectEvent(client.id, client));
  }

  private toggleSort(column: string): void {
    if (this.sort === column) this.order = this.order === 'asc' ? 'desc' : 'asc';
    else {
      this.sort = column;
      this.order = column === 'displayName' ? 'asc' : 'desc';
    }
  }

  private fieldSchema(name: string): Record<string, unknown> | undefined {
    for (const kind of Object.values(this.schema?.fields ?? {})) {
      const s = (kind['properties'] as Record<string, Record<string, unknown>> | undefined)?.[name];
      if (s) return s;
    }
    return undefined;
  }

  /** Columns to draw: configured ones, minus data fields that no loaded row carries (masked or empty). */
  private shownColumns(): string[] {
    const wanted = this.columns
      ? this.columns
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean)
      : (this.schema?.columns ?? defaultColumns);
    return wanted.filter((c) => {
      if (c === 'owner') return this.users.size > 0;
      if ((builtIn as readonly string[]).includes(c)) return true;
      return this.items.some((i) => c in i.data);
    });
  }

  private renderBulk() {
    const n = this.checked.size;
    const msg = this.bulkMessage;
    if (!this.canAssign || (!n && !msg)) return nothing;
    return html`<div part="bulk" class="bulk" role="group" aria-label=${t(this, 'assignTo')}>
      ${
        n
          ? html`<span class="count">${t(this, 'selected', n)}</span>
        <label for="bulk-owner">${t(this, 'assignTo')}</label>
        <select id="bulk-owner" @change=${(e: Event) => {
          this.bulkOwner = (e.target as HTMLSelectElement).value;
        }}>
          <option value="" ?selected=${!this.bulkOwner}>${t(this, 'chooseAdvisor')}</option>
          ${this.advisors.map(
            ([id, name]) => html`<option value=${id} ?selected=${id === this.bulkOwner}>${name}</option>`,
          )}
        </select>
        <button type="button" ?disabled=${this.bulkBusy} @click=${() => this.assignSelected()}>${
          this.bulkBusy ? common(this, 'loading') : t(this, 'assign', n)
        }</button>
        <button type="button" class="secondary" @click=${() => this.toggleAll(false)}>${t(this, 'unselect')}</button>`
          : nothing
      }
      <span part="bulk-message" class="bulk-message" data-kind=${msg?.kind ?? nothing}
        role=${msg?.kind === 'error' ? 'alert' : 'status'}>${msg?.text ?? ''}</span>
    </div>`;
  }

  private heading(c: string, lang: Lang): string {
    if ((builtIn as readonly string[]).includes(c)) return t(this, c as BuiltIn);
    const s = this.fieldSchema(c);
    return s ? labelOf(c, s, lang) : c;
  }

  private statusBadge(id: string, lang: Lang) {
    const color = this.workflow?.statuses[id]?.color;
    return html`<span part="status" class="badge" ${badgeColor(color)}>${labelIn(
      this.workflow?.statuses,
      id,
      lang,
    )}</span>`;
  }

  private cell(c: string, item: ClientItem, lang: Lang) {
    switch (c) {
      case 'displayName':
        return (
          item.displayName ??
          html`<span class="muted">${t(
            this,
            item.kind === 'company' ? 'company' : 'person',
          )} · ${item.id.slice(-6)}</span>`
        );
      case 'status':
        return this.statusBadge(item.status, lang);
      case 'type':
        return labelIn(this.schema?.types, item.type, lang);
      case 'source':
        return labelIn(this.schema?.types[item.type]?.sources, item.source, lang);
      case 'owner':
        return item.ownerId ? (this.users.get(item.ownerId) ?? '') : '';
      case 'kind':
        return t(this, item.kind === 'company' ? 'company' : 'person');
      case 'createdAt':
        return formatDate(item.createdAt, lang);
      case 'updatedAt':
        return formatDate(item.updatedAt, lang);
      default: {
        const v = item.data[c];
        return v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
      }
    }
  }

  private renderCounts(lang: Lang) {
    if (!this.counts) return nothing;
    const ids = Object.keys(this.workflow?.statuses ?? this.counts.byStatus).filter(
      (id) => (this.counts?.byStatus[id] ?? 0) > 0,
    );
    const chip = (
      id: string,
      label: string,
      n: number,
      color?: string,
    ) => html`<li><button class="chip" aria-pressed=${this.status === id ? 'true' : 'false'}
        @click=${() => (this.status = this.status === id ? '' : id)}>${
          color ? html`<span class="dot" ${badgeColor(color)}></span>` : nothing
        }${label}<b>${formatNumber(n, lang)}</b></button></li>`;
    return html`<ul part="counts" aria-label=${t(this, 'status')}>
      ${chip('', t(this, 'all'), this.counts.total)}
      ${ids.map((id) =>
        chip(
          id,
          labelIn(this.workflow?.statuses, id, lang),
          this.counts?.byStatus[id] ?? 0,
          this.workflow?.statuses[id]?.color,
        ),
      )}
    </ul>`;
  }

  private renderFilters(lang: Lang) {
    const types = Object.entries(this.schema?.types ?? {});
    const sources = Object.entries(this.schema?.types[this.type]?.sources ?? {});
    const select = (
      label: string,
      any: string,
      value: string,
      options: Array<[string, string]>,
      set: (v: string) => void,
    ) => html`
      <select aria-label=${label} @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${value === ''}>${any}</option>
        ${options.map(([id, l]) => html`<option value=${id} ?selected=${id === value}>${l}</option>`)}
      </select>`;
    return html`<div part="filters" role="search">
      <input type="search" .value=${this.q} placeholder=${t(this, 'search')} aria-label=${t(this, 'searchLabel')}
        @input=${this.onSearch}>
      ${select(
        t(this, 'status'),
        t(this, 'anyStatus'),
        this.status,
        Object.keys(this.workflow?.statuses ?? {}).map((id) => [id, labelIn(this.workflow?.statuses, id, lang)]),
        (v) => (this.status = v),
      )}
      ${
        types.length > 1
          ? select(
              t(this, 'type'),
              t(this, 'anyType'),
              this.type,
              types.map(([id, m]) => [id, labelIn(this.schema?.types, id, lang) || m.label.pl]),
              (v) => {
                this.type = v;
                this.source = '';
              },
            )
          : nothing
      }
      ${
        sources.length
          ? select(
              t(this, 'source'),
              t(this, 'anySource'),
              this.source,
              sources.map(([id]) => [id, labelIn(this.schema?.types[this.type]?.sources, id, lang)]),
              (v) => (this.source = v),
            )
          : nothing
      }
      ${
        this.users.size > 1
          ? select(t(this, 'owner'), t(this, 'anyOwner'), this.ownerId, [...this.users], (v) => (this.ownerId = v))
          : nothing
      }
    </div>`;
  }

  override render() {
    const lang = this.resolvedLang;
    const { loading, error } = this.api;
    const cols = this.shownColumns();
    const total = this.total
      ? this.total.capped
        ? t(this, 'capped', formatNumber(this.total.value, lang))
        : common(this, 'clients', this.total.value)
      : '';
    const sortHead = (c: string) => {
      if (!sortable.has(c)) return this.heading(c, lang);
      const arrow = this.sort === c ? (this.order === 'asc' ? ' ▲' : ' ▼') : '';
      return html`<button title=${t(
        this,
        'sortBy',
        this.heading(c, lang),
      )} @click=${() => this.toggleSort(c)}>${this.heading(c, lang)}${arrow}</button>`;
    };
    const allChecked = this.items.length > 0 && this.items.every((i) => this.checked.has(i.id));
    const someChecked = this.items.some((i) => this.checked.has(i.id));
    const ariaSort = (c: string) => (this.sort === c ? (this.order === 'asc' ? 'ascending' : 'descending') : nothing);
    return html`<section part="base" aria-busy=${loading ? 'true' : 'false'}>
      <div part="header"><h2>${t(this, 'title')}</h2><span part="total" aria-live="polite">${
        loading && !this.items.length ? common(this, 'loading') : total
      }</span>${
        this.canCreate
          ? html`<button part="new" class="new" @click=${() => this.dispatchEvent(new CrmClientNewEvent())}>+ ${t(
              this,
              'newClient',
            )}</button>`
          : nothing
      }${
        this.canExport
          ? html`<button part="export" class="secondary" @click=${() => this.exportXlsx()}
              ?disabled=${this.exportProgress !== null}>${
                this.exportProgress === null ? t(this, 'exportXlsx') : t(this, 'exporting', this.exportProgress)
              }</button>`
          : nothing
      }</div>
      ${this.renderCounts(lang)}
      ${this.renderFilters(lang)}
      ${this.renderBulk()}
      <div aria-live="assertive">${
        error
          ? html`<p part="error" class="message" data-kind="error" role="alert">${errorMessage(this, error)}
        <button class="link" @click=${() => this.refresh()}>${common(this, 'retry')}</button></p>`
          : nothing
      }</div>
      <div class="scroll" tabindex="0" role="region" aria-label=${t(this, 'title')}>
        <table part="table">
          <thead><tr>${
            this.canAssign
              ? html`<th scope="col" class="pick"><input part="select" type="checkbox"
                  aria-label=${t(this, 'selectAll')}
                  .checked=${allChecked} .indeterminate=${someChecked && !allChecked}
                  @change=${(e: Event) => this.toggleAll((e.target as HTMLInputElement).checked)}></th>`
              : nothing
          }${cols.map(
            (c) => html`<th scope="col" class=${`col-${c}`} aria-sort=${ariaSort(c)}>${sortHead(c)}</th>`,
          )}</tr></thead>
          <tbody>${this.items.map(
            (item) => html`<tr part="row" tabindex="0" data-id=${item.id} aria-selected=${
              item.id === this.selectedId ? 'true' : 'false'
            }
              @click=${() => this.select(item)} @keydown=${(e: KeyboardEvent) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  this.select(item);
                }
              }}>
            ${
              this.canAssign
                ? html`<td class="pick" @click=${(e: Event) => e.stopPropagation()}
                    @keydown=${(e: Event) => e.stopPropagation()}><input part="select" type="checkbox"
                    aria-label=${t(this, 'selectOne', item.displayName ?? item.id.slice(-6))}
                    .checked=${this.checked.has(item.id)}
                    @change=${(e: Event) => this.toggle(item.id, (e.target as HTMLInputElement).checked)}></td>`
                : nothing
            }${cols.map(
              (c) =>
                html`<td class=${c === 'displayName' ? 'name' : `col-${c}`} data-label=${
                  c === 'displayName' ? nothing : this.heading(c, lang)
                }>${this.cell(c, item, lang)}</td>`,
            )}</tr>`,
          )}
          </tbody>
        </table>
      </div>
      ${!loading && !error && this.items.length === 0 ? html`<p part="empty">${t(this, 'none')}</p>` : nothing}
      ${
        this.nextCursor
          ? html`<button part="more" class="secondary" ?disabled=${this.moreLoading} @click=${() => this.loadMore()}>${
              this.moreLoading ? common(this, 'loading') : t(this, 'more')
            }</button>`
          : nothing
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-client-list': CrmClientList;
  }
}
