/**
 * @module widgets/crm-units/component
 * `<crm-units>`: the branch network for an administrator (`units:write`). The unit tree (WAI-ARIA
 * tree view: arrows, Home/End, Enter) with each unit's type, code, people and clients; add a unit
 * under a parent; rename or re-code it; move it under another parent after seeing what the move
 * changes (people and clients moved, old and new place, whose `subtree` scopes gain or lose it);
 * archive an empty unit; see who belonged to it over time. Over `/api/units`, `/api/units/types`,
 * `/api/units/counts`, `/api/units/:id/move/preview` and `/api/units/:id/memberships`.
 */
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { ActionRunner } from '../base/action-runner.ts';
import { ApiController } from '../base/api-controller.ts';
import type { ApiError } from '../base/api-error.ts';
import { CrmElement } from '../base/crm-element.ts';
import { errorMessage, formatDate } from '../base/i18n.ts';
import { token } from '../base/theme.ts';
import { uiStyles } from '../base/ui-styles.ts';
import { t } from './i18n.ts';
import { treeKey, type VisibleRow } from './tree-keys.ts';

interface Unit {
  id: string;
  code: string;
  name: string;
  type: string;
  parentId: string | null;
  path: string;
}
interface UnitType {
  id: string;
  label: { pl: string; en: string };
  contains: string[];
  root: boolean;
}
interface Count {
  unitId: string;
  people: number | null;
  clients: number | null;
}
interface Step {
  id: string;
  name: string;
}
interface ScopeChange {
  userId: string;
  name: string;
  unitName: string;
  permissions: string[];
}
interface Preview {
  parentId: string;
  units: number;
  people: number | null;
  clients: number | null;
  from: Step[];
  to: Step[];
  gained: ScopeChange[];
  lost: ScopeChange[];
  same: boolean;
}
interface Membership {
  userId: string;
  name: string;
  validFrom: string;
  validTo: string | null;
  note: string | null;
}

const byName = (a: Unit, b: Unit) => a.name.localeCompare(b.name, 'pl');

/**
 * @summary The branch network: the unit tree with people and clients; add, rename, move with a preview, archive.
 *
 * @event crm-error - A request failed; `event.error` is the `ApiError`.
 * @csspart tree - The unit tree.
 * @csspart unit - The chosen unit's panel.
 * @csspart preview - The consequences of a move, before it is confirmed.
 * @csspart message - The result of the last action.
 */
export class CrmUnits extends CrmElement {
  static override styles = [
    ...CrmElement.styles,
    uiStyles,
    css`
      .layout { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: ${token.spaceM}; }
      @media (max-width: 48rem) { .layout { grid-template-columns: minmax(0, 1fr); } }
      ul[role='tree'], ul[role='group'] { list-style: none; margin: 0; padding: 0; }
      ul[role='group'] { padding-left: 1.25rem; border-left: 1px solid ${token.colorBorder}; margin-left: .45rem; }
      li { margin: 2px 0; }
      [role='treeitem']:focus { outline: 2px solid ${token.colorPrimary}; outline-offset: 1px; }
      [role='treeitem'][aria-selected='true'] { background: color-mix(in srgb, ${token.colorPrimary} 8%, transparent);
        font-weight: 600; }
      .meta { font-size: ${token.fontSizeS}; }
      .line { display: flex; flex-wrap: wrap; gap: 0 ${token.spaceS}; align-items: baseline; cursor: pointer;
        padding: 2px ${token.spaceXs}; border-radius: ${token.radius}; }
      .twisty { display: inline-block; width: 1rem; text-align: center; }
      .code { font-family: monospace; font-size: ${token.fontSizeS}; }
      .panel { border: 1px solid ${token.colorBorder}; border-radius: ${token.radius}; padding: ${token.spaceS}; }
      .panel form, form.add { display: flex; flex-wrap: wrap; gap: ${token.spaceS}; align-items: end;
        margin: ${token.spaceS} 0; }
      .panel form .field, form.add .field { min-width: 12rem; flex: 1 1 12rem; }
      fieldset { border: 1px solid ${token.colorBorder}; border-radius: ${token.radius}; margin: ${token.spaceS} 0;
        padding: ${token.spaceS}; }
      legend { font-weight: 600; padding: 0 ${token.spaceXs}; }
      [part='preview'] { margin: ${token.spaceS} 0; }
      [part='preview'] dl { grid-template-columns: minmax(0, 14rem) minmax(0, 1fr); }
      @media (max-width: 48rem) {
        [part='preview'] dl { grid-template-columns: minmax(0, 1fr); }
        [part='preview'] dd { margin-bottom: ${token.spaceXs}; }
      }
      ul.changes { margin: 0; padding-left: 1.1rem; }
      ol { margin: ${token.spaceXs} 0; padding-left: 1.25rem; }
    `,
  ];

  @state() private units: Unit[] = [];
  @state() private types: UnitType[] = [];
  @state() private counts = new Map<string, Count>();
  @state() private expanded = new Set<string>();
  @state() private active = '';
  @state() private selected = '';
  @state() private preview: Preview | null = null;
  @state() private history: Membership[] | null = null;
  @state() private message = '';
  @state() private error = '';
  private readonly api = new ApiController<unknown>(this);
  /** One action at a time (a double click does nothing twice); the tree reloads before the message is said. */
  private readonly action = new ActionRunner<string>(this, {
    start: () => {
      this.error = '';
      this.message = '';
    },
    refresh: () => this.load(false),
    done: (message) => (this.message = message),
    fail: (e) => (this.error = this.explain(e)),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load(true);
  }

  /** Reload the units, their types and counts. */
  async reload(): Promise<void> {
    await this.load(false);
  }

  private async load(first: boolean): Promise<void> {
    try {
      const [units, types, counts] = await Promise.all([
        this.api.get<{ items: Unit[] }>('/api/units'),
        this.api.get<{ items: UnitType[] }>('/api/units/types'),
        this.api.get<{ items: Count[] }>('/api/units/counts'),
      ]);
      this.units = units.items;
      this.types = types.items;
      this.counts = new Map(counts.items.map((c) => [c.unitId, c]));
      if (first) {
        // Open the top two levels: the headquarters and its regions show their branches.
        this.expanded = new Set(this.units.filter((u) => u.path.split('/').length <= 4).map((u) => u.id));
        this.active = this.roots()[0]?.id ?? '';
      }
    } catch (e) {
      this.error = errorMessage(this, e as ApiError);
    }
  }

  private unit(id: string | null | undefined): Unit | undefined {
    return this.units.find((u) => u.id === id);
  }
  private childrenOf(id: string | null): Unit[] {
    return this.units.filter((u) => u.parentId === id || (id === null && !this.unit(u.parentId))).sort(byName);
  }
  private roots(): Unit[] {
    return this.childrenOf(null);
  }
  private typeLabel(id: string): string {
    return this.types.find((x) => x.id === id)?.label[this.resolvedLang] ?? id;
  }
  /** "Centrala › Region Północ › Gdańsk Wrzeszcz" */
  private pathName(u: Unit): string {
    const ids = u.path.split('/').filter(Boolean);
    return ids.map((id) => this.unit(id)?.name ?? '…').join(' › ');
  }

  private visibleRows(): VisibleRow[] {
    const rows: VisibleRow[] = [];
    const walk = (list: Unit[]) => {
      for (const u of list) {
        const kids = this.childrenOf(u.id);
        const expanded = this.expanded.has(u.id);
        rows.push({
          id: u.id,
          parentId: this.unit(u.parentId) ? u.parentId : null,
          hasChildren: !!kids.length,
          expanded,
        });
        if (expanded) walk(kids);
      }
    };
    walk(this.roots());
    return rows;
  }

  private setExpanded(id: string, open: boolean): void {
    const next = new Set(this.expanded);
    if (open) next.add(id);
    else next.delete(id);
    this.expanded = next;
  }

  private async focusRow(id: string): Promise<void> {
    this.active = id;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[role=treeitem][data-id="${CSS.escape(id)}"]`)?.focus();
  }

  private onTreeKey(e: KeyboardEvent): void {
    const action = treeKey(e.key, this.visibleRows(), this.active);
    if (action.kind === 'none') return;
    e.preventDefault();
    if (action.kind === 'focus') void this.focusRow(action.id);
    else if (action.kind === 'expand') this.setExpanded(action.id, true);
    else if (action.kind === 'collapse') this.setExpanded(action.id, false);
    else this.choose(action.id);
  }

  private choose(id: string): void {
    this.active = id;
    if (this.selected !== id) {
      this.preview = null;
      this.history = null;
    }
    this.selected = id;
  }

  /** A refusal in the page's language, naming what the API names. */
  private explain(e: ApiError, input: { code?: string; type?: string; parentId?: string } = {}): string {
    const d = (e.details ?? {}) as Record<string, unknown>;
    const name = (x: unknown) => (x as { name?: string } | undefined)?.name ?? '';
    if (e.status === 409 && d['reason'] === 'own-descendant')
      return t(this, 'ownDescendant', name(d['unit']), name(d['parent']));
    if (e.status === 409 && d['reason'] === 'not-empty') {
      const units = (d['units'] as Step[] | undefined) ?? [];
      const what = [
        units.length ? t(this, 'unitsBelow', units.map((u) => u.name).join(', ')) : '',
        d['people'] ? t(this, 'people', Number(d['people'])) : '',
        d['clients'] ? t(this, 'clients', Number(d['clients'])) : '',
      ].filter(Boolean);
      return t(this, 'notEmpty', this.unit(this.selected)?.name ?? '', what.join(', '));
    }
    if (e.status === 409 && d['field'] === '/code') return t(this, 'codeTaken', input.code ?? '');
    const problem = e.problems[0]?.message ?? '';
    if (e.status === 422 && /may contain/.test(problem)) {
      const parent = this.unit(input.parentId);
      return t(this, 'cannotContain', this.typeLabel(parent?.type ?? ''), this.typeLabel(input.type ?? ''));
    }
    if (e.status === 422 && /parent unit is required/.test(problem))
      return t(this, 'needsParent', this.typeLabel(input.type ?? ''));
    if (e.status === 422 && /archived/.test(problem)) return t(this, 'archivedParent');
    return errorMessage(this, e);
  }

  private add(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const code = String(data.get('code') ?? '').trim();
    const type = String(data.get('type') ?? '');
    const parentId = String(data.get('parentId') ?? '') || null;
    if (!name || !code) {
      this.message = '';
      this.error = t(this, 'required', t(this, name ? 'code' : 'name'));
      return;
    }
    void this.action.run(
      async () => {
        const unit = await this.api.post<Unit>('/api/units', { name, code, type, parentId });
        form.reset();
        await this.load(false);
        if (parentId) this.setExpanded(parentId, true);
        this.choose(unit.id);
        return t(this, 'created', unit.name, this.unit(parentId)?.name ?? t(this, 'noParent'));
      },
      {
        refresh: false,
        fail: (err) => (this.error = this.explain(err, { code, type, parentId: parentId ?? undefined })),
      },
    );
  }

  private rename(e: SubmitEvent, u: Unit): Promise<unknown> | void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const name = String(data.get('name') ?? '').trim();
    const code = String(data.get('code') ?? '').trim();
    if (!name || !code) {
      this.error = t(this, 'required', t(this, name ? 'code' : 'name'));
      return;
    }
    const patch = { ...(name !== u.name ? { name } : {}), ...(code !== u.code ? { code } : {}) };
    if (!Object.keys(patch).length) {
      this.error = '';
      this.message = t(this, 'nothingChanged');
      return;
    }
    return this.action.run(
      async () => {
        const saved = await this.api.patch<Unit>(`/api/units/${encodeURIComponent(u.id)}`, patch);
        return t(this, 'saved', `${saved.name} (${saved.code})`);
      },
      { fail: (err) => (this.error = this.explain(err, { code })) },
    );
  }

  private showPreview(e: SubmitEvent, u: Unit): Promise<unknown> | void {
    e.preventDefault();
    if (this.action.busy) return;
    const parentId = String(new FormData(e.target as HTMLFormElement).get('parentId') ?? '');
    return this.action.run(
      async () => {
        this.preview = null;
        const path = `/api/units/${encodeURIComponent(u.id)}/move/preview`;
        this.preview = { ...(await this.api.post<Omit<Preview, 'parentId'>>(path, { parentId })), parentId };
        return ''; // the preview is the answer
      },
      { refresh: false, fail: (err) => (this.error = this.explain(err, { type: u.type, parentId })) },
    );
  }

  private async confirmMove(u: Unit): Promise<void> {
    const p = this.preview;
    const parent = this.unit(p?.parentId);
    if (!p || !parent || this.action.busy) return;
    await this.action.run(async () => {
      if (p.same) {
        this.preview = null;
        return t(this, 'sameParent', u.name, parent.name);
      }
      try {
        await this.api.post(`/api/units/${encodeURIComponent(u.id)}/move`, { parentId: p.parentId });
      } catch (err) {
        this.preview = null;
        throw err;
      }
      this.preview = null;
      this.setExpanded(parent.id, true);
      return t(this, 'moved', u.name, parent.name);
    });
    if (!this.error) void this.focusRow(u.id); // the preview's buttons are gone: focus goes to the moved unit
  }

  private async archive(u: Unit): Promise<void> {
    await this.action.run(async () => {
      await this.api.post(`/api/units/${encodeURIComponent(u.id)}/archive`);
      this.selected = '';
      return t(this, 'archived', u.name);
    });
    // The archived unit's panel is gone: focus goes to its parent in the tree.
    if (!this.error && !this.selected) void this.focusRow(u.parentId ?? this.roots()[0]?.id ?? '');
  }

  private async showHistory(u: Unit): Promise<void> {
    if (this.history) {
      this.history = null;
      return;
    }
    try {
      const h = await this.api.get<{ items: Membership[] }>(`/api/units/${encodeURIComponent(u.id)}/memberships`);
      this.history = h.items;
    } catch (err) {
      this.error = errorMessage(this, err as ApiError);
    }
  }

  private meta(u: Unit): string {
    const c = this.counts.get(u.id);
    const parts = [this.typeLabel(u.type)];
    if (c?.people !== null) parts.push(t(this, 'people', c?.people ?? 0));
    if (c?.clients !== null) parts.push(t(this, 'clients', c?.clients ?? 0));
    return parts.join(' · ');
  }

  private renderNode(u: Unit, level: number, pos: number, size: number): unknown {
    const kids = this.childrenOf(u.id);
    const open = this.expanded.has(u.id);
    // The row is the treeitem and its group a sibling (levels said by aria-level), so a row's name is
    // its own text, not its descendants'.
    return html`<li role="none">
      <div role="treeitem" class="line" data-id=${u.id} aria-level=${level} aria-posinset=${pos} aria-setsize=${size}
        aria-expanded=${kids.length ? String(open) : nothing} aria-selected=${this.selected === u.id ? 'true' : 'false'}
        tabindex=${this.active === u.id ? '0' : '-1'}
        @focus=${() => (this.active = u.id)} @click=${() => this.choose(u.id)}>
        <span class="twisty" aria-hidden="true" @click=${(e: MouseEvent) => {
          if (!kids.length) return;
          e.stopPropagation();
          this.setExpanded(u.id, !open);
        }}>${kids.length ? (open ? '▾' : '▸') : ''}</span>
        <span><strong>${u.name}</strong> <span class="code">${u.code}</span></span>
        <span class="meta">${this.meta(u)}</span>
      </div>
      ${
        kids.length && open
          ? html`<ul role="group">${kids.map((k, i) => this.renderNode(k, level + 1, i + 1, kids.length))}</ul>`
          : nothing
      }
    </li>`;
  }

  private renderAdd() {
    const parent = this.unit(this.selected);
    const allowed = parent
      ? this.types.filter((x) => this.types.find((p) => p.id === parent.type)?.contains.includes(x.id))
      : [];
    const options = [...this.units].sort((a, b) => this.pathName(a).localeCompare(this.pathName(b), 'pl'));
    return html`<details><summary>${t(this, 'add')}</summary>
      <form class="add" novalidate @submit=${(e: SubmitEvent) => this.add(e)}>
        <label class="field"><span>${t(this, 'name')}</span><input name="name" maxlength="200" required></label>
        <label class="field"><span>${t(this, 'code')}</span><input name="code" maxlength="40" required></label>
        <label class="field"><span>${t(this, 'type')}</span><select name="type">
          ${this.types.map(
            (x) =>
              html`<option value=${x.id} ?selected=${allowed[0]?.id === x.id}>${x.label[this.resolvedLang]}</option>`,
          )}</select></label>
        <label class="field"><span>${t(this, 'parent')}</span><select name="parentId">
          ${this.types.some((x) => x.root) ? html`<option value="">${t(this, 'noParent')}</option>` : nothing}
          ${options.map(
            (u) => html`<option value=${u.id} ?selected=${u.id === parent?.id}>${this.pathName(u)}</option>`,
          )}
        </select></label>
        <div><button type="submit" ?disabled=${this.action.busy}>${t(this, 'create')}</button></div>
      </form></details>`;
  }

  private renderChanges(list: ScopeChange[]) {
    if (!list.length) return t(this, 'nobody');
    return html`<ul class="changes">${list.map(
      (c) => html`<li>${c.name} (${c.unitName}): <span class="code">${this.permissionsLine(c.permissions)}</span></li>`,
    )}</ul>`;
  }

  /** The permissions people notice first (clients, people), then how many more. */
  private permissionsLine(list: string[]): string {
    const first = ['clients:read', 'users:read'].filter((p) => list.includes(p));
    const shown = first.length ? first : list.slice(0, 2);
    const more = list.length - shown.length;
    return more > 0 ? `${shown.join(', ')} ${t(this, 'more', more)}` : shown.join(', ');
  }

  private renderPreview(u: Unit) {
    const p = this.preview!;
    const count = (n: number | null, key: 'people' | 'clients') => (n === null ? t(this, 'hidden') : t(this, key, n));
    const path = (steps: Step[]) => steps.map((s) => s.name).join(' › ');
    return html`<div part="preview" class="panel" role="region" aria-label=${t(this, 'consequences')}>
      <h4>${t(this, 'consequences')}</h4>
      <dl>
        <dt>${t(this, 'moving')}</dt>
        <dd data-k="moving">${t(this, 'units', p.units)}, ${count(p.people, 'people')},
          ${count(p.clients, 'clients')}</dd>
        <dt>${t(this, 'from')}</dt><dd data-k="from">${path(p.from)}</dd>
        <dt>${t(this, 'to')}</dt><dd data-k="to">${path(p.to)}</dd>
        <dt>${t(this, 'lost')}</dt><dd data-k="lost">${this.renderChanges(p.lost)}</dd>
        <dt>${t(this, 'gained')}</dt><dd data-k="gained">${this.renderChanges(p.gained)}</dd>
      </dl>
      <p class="row">
        <button ?disabled=${this.action.busy} @click=${() => this.confirmMove(u)}>${t(this, 'confirmMove')}</button>
        <button class="secondary" @click=${() => (this.preview = null)}>${t(this, 'cancel')}</button></p>
    </div>`;
  }

  private renderHistory() {
    const lang = this.resolvedLang;
    const list = this.history!;
    if (!list.length) return html`<p class="muted">${t(this, 'noHistory')}</p>`;
    return html`<ol>${list.map(
      (m) =>
        html`<li>${m.name}: ${formatDate(m.validFrom, lang)} – ${
          m.validTo ? formatDate(m.validTo, lang) : t(this, 'now')
        }${m.note ? html` · <em>${m.note}</em>` : nothing}</li>`,
    )}</ol>`;
  }

  private renderUnit(u: Unit) {
    const targets = this.units
      .filter((x) => x.id !== u.id && x.id !== u.parentId)
      .sort((a, b) => this.pathName(a).localeCompare(this.pathName(b), 'pl'));
    return html`<section part="unit" class="panel" aria-labelledby="unit-title">
      <h3 id="unit-title">${u.name} <span class="code">${u.code}</span></h3>
      <p class="muted">${this.pathName(u)} · ${this.meta(u)}</p>
      <form novalidate @submit=${(e: SubmitEvent) => this.rename(e, u)}>
        <label class="field"><span>${t(this, 'name')}</span>
          <input name="name" maxlength="200" required .value=${u.name}></label>
        <label class="field"><span>${t(this, 'code')}</span>
          <input name="code" maxlength="40" required .value=${u.code}></label>
        <div><button type="submit" ?disabled=${this.action.busy}>${t(this, 'save')}</button></div>
      </form>
      ${
        u.parentId
          ? html`<form @submit=${(e: SubmitEvent) => this.showPreview(e, u)}>
          <label class="field"><span>${t(this, 'newParent')}</span><select name="parentId"
            @change=${() => (this.preview = null)}>
            ${targets.map((x) => html`<option value=${x.id}>${this.pathName(x)}</option>`)}</select></label>
          <div><button type="submit" class="secondary"
            ?disabled=${this.action.busy}>${t(this, 'preview')}</button></div>
        </form>`
          : nothing
      }
      ${this.preview ? this.renderPreview(u) : nothing}
      <p class="row">
        <button class="secondary" aria-expanded=${this.history ? 'true' : 'false'} @click=${() => this.showHistory(u)}>
          ${t(this, 'history')}</button>
        <button class="secondary" ?disabled=${this.action.busy}
          @click=${() => this.archive(u)}>${t(this, 'archive')}</button>
      </p>
      ${this.history ? this.renderHistory() : nothing}
    </section>`;
  }

  override render() {
    const chosen = this.unit(this.selected);
    return html`<section part="base"><h2>${t(this, 'title')}</h2>
      ${this.renderAdd()}
      <div aria-live="polite">${
        this.message ? html`<p part="message" class="message" data-kind="ok">${this.message}</p>` : nothing
      }</div>
      ${this.error ? html`<p class="message" data-kind="error" role="alert">${this.error}</p>` : nothing}
      <div class="layout">
        <ul role="tree" part="tree" aria-label=${t(this, 'tree')} @keydown=${(e: KeyboardEvent) => this.onTreeKey(e)}>
          ${this.roots().map((u, i, all) => this.renderNode(u, 1, i + 1, all.length))}
        </ul>
        ${chosen ? this.renderUnit(chosen) : html`<p class="muted">${t(this, 'chooseHint')}</p>`}
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-units': CrmUnits;
  }
}
