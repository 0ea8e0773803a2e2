/**
 * @module widgets/crm-config-form/component
 * `<crm-config-form>`: the firm's configuration as forms generated from its published JSON Schema
 * (GET /api/config/schema). Sections are tabs; objects are fieldsets, keyed maps (statuses, client
 * fields, types) are collapsible entries with add and remove, lists have add, remove and move up/down,
 * enums are selects, booleans checkboxes, strings and numbers inputs checked as the person types.
 * A part the generator does not handle is a JSON box, and every section can be edited as JSON, so
 * no value is ever lost. Every edit fires `config-change` with the whole new config; the host
 * (`<crm-config-editor>`) validates on the server and saves. Pure logic: `schema-model.ts`.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { CrmElement } from '../base/crm-element.ts';
import { defineTranslations, type Lang } from '../base/i18n.ts';
import { uiStyles } from '../base/ui-styles.ts';
import { readJson, readLeaf } from './leaf-check.ts';
import {
  getAt,
  initialValue,
  moveItem,
  normalizePath,
  plan,
  pointerOf,
  setAt,
  type ArrayNode,
  type ChoiceNode,
  type FormNode,
  type JsonSchema,
  type LeafNode,
  type MapNode,
  type ObjectNode,
  type Path,
} from './schema-model.ts';
import { entryLabel, helpOf, propertyLabel } from './words.ts';

/** A problem the server found, at a JSON Pointer (or dotted) path. */
export interface ConfigProblem {
  path: string;
  message: string;
  line?: number;
  column?: number;
}

const t = defineTranslations({
  pl: {
    sections: 'Sekcje konfiguracji',
    noSchema: 'Formularz pojawi się, gdy strona poda schemat konfiguracji (właściwość schema).',
    add: 'Dodaj',
    addItem: 'Dodaj pozycję',
    addNamed: (n: string) => `Dodaj: ${n}`,
    remove: 'Usuń',
    removeNamed: (n: string) => `Usuń ${n}`,
    up: (n: number) => `Przesuń pozycję ${n} w górę`,
    down: (n: number) => `Przesuń pozycję ${n} w dół`,
    item: (n: number) => `Pozycja ${n}`,
    newKey: (what: string) => `Nowy klucz w „${what}”`,
    keyTaken: 'Taki klucz już jest.',
    keyPattern: (p: string) => `Klucz musi pasować do wzoru ${p}.`,
    keyEmpty: 'Wpisz klucz.',
    none: '— brak —',
    empty: 'Pusto.',
    absent: 'Tej sekcji nie ma w konfiguracji.',
    asJson: 'Edytuj tę część jako JSON',
    asForm: 'Wróć do formularza',
    jsonHelp: 'JSON tej części; zmiana jest przyjmowana po wyjściu z pola.',
    otherKeys: 'Pozostałe klucze (JSON)',
    branch: 'Rodzaj wartości',
    every: 'Każdy otwarty status (*)',
    list: 'Lista',
    problems: 'Problemy wskazane przez serwer',
    invalid: (n: number) => `Pola z błędem: ${n}. Popraw je, zanim zapiszesz.`,
    requiredMark: 'wymagane',
    unknownOption: (v: string) => `${v} (nie ma go w konfiguracji)`,
  },
  en: {
    sections: 'Configuration sections',
    noSchema: 'The form appears once the page gives it the configuration schema (the schema property).',
    add: 'Add',
    addItem: 'Add item',
    addNamed: (n: string) => `Add: ${n}`,
    remove: 'Remove',
    removeNamed: (n: string) => `Remove ${n}`,
    up: (n: number) => `Move item ${n} up`,
    down: (n: number) => `Move item ${n} down`,
    item: (n: number) => `Item ${n}`,
    newKey: (what: string) => `New key in "${what}"`,
    keyTaken: 'That key is already there.',
    keyPattern: (p: string) => `The key must match ${p}.`,
    keyEmpty: 'Enter a key.',
    none: '— none —',
    empty: 'Empty.',
    absent: 'This section is not in the configuration.',
    asJson: 'Edit this part as JSON',
    asForm: 'Back to the form',
    jsonHelp: 'The JSON of this part; a change is taken when you leave the box.',
    otherKeys: 'Other keys (JSON)',
    branch: 'Kind of value',
    every: 'Every open status (*)',
    list: 'List',
    problems: 'Problems the server found',
    invalid: (n: number) => `Fields with an error: ${n}. Fix them before saving.`,
    requiredMark: 'required',
    unknownOption: (v: string) => `${v} (not in the configuration)`,
  },
});

/** Sections shown first, in this order; the rest follow in the schema's order. */
const firstSections = ['clients', 'workflow', 'reminders', 'purposes'];
const hiddenSections = new Set(['$schema', 'version']);

/** An id usable in `for` / `aria-describedby` for a path. */
const idOf = (path: Path) => 'f' + pointerOf(path).replace(/[^a-zA-Z0-9_/-]/g, '_');

/**
 * Fired on every accepted edit.
 * `detail.value` is the whole new config; `detail.invalid` counts inputs whose text is not valid yet
 * (the value then holds their last valid value).
 */
export class ConfigChangeEvent extends CustomEvent<{ value: unknown; invalid: number }> {
  constructor(value: unknown, invalid: number) {
    super('config-change', { detail: { value, invalid }, bubbles: true, composed: true });
  }
}

/**
 * @summary The firm config as forms generated from its JSON Schema, one tab per section.
 *
 * @event config-change - An edit was accepted; `detail.value` is the whole new config object.
 * @slot workflow - Shown beside the workflow form (e.g. `<crm-workflow-graph slot="workflow">`).
 * @csspart tabs - The section tabs.
 * @csspart panel - The active section.
 */
export class CrmConfigForm extends CrmElement {
  static override styles = [
    ...CrmElement.styles,
    uiStyles,
    css`
      :host { display: block; }
      [role='tablist'] { display: flex; flex-wrap: wrap; gap: 4px; margin-bottom: .75rem; }
      @media (max-width: 600px) {
        [role='tablist'] { flex-wrap: nowrap; overflow-x: auto; padding-bottom: 4px; }
        [role='tab'] { white-space: nowrap; }
      }
      [role='tab'] { background: var(--crm-color-surface-alt, #f3f4f6); color: var(--crm-color-text, #1f2937);
        border: 1px solid var(--crm-color-border, #d1d5db); border-radius: 6px 6px 0 0; padding: .3rem .6rem;
        font: inherit; font-size: .875rem; cursor: pointer; }
      [role='tab'][aria-selected='true'] { background: var(--crm-color-primary, #1d4ed8);
        color: var(--crm-color-primary-contrast, #fff); }
      [role='tab']:focus-visible, button:focus-visible, summary:focus-visible, input:focus-visible,
      select:focus-visible, textarea:focus-visible { outline: none; box-shadow: var(--crm-focus-ring,
        0 0 0 3px rgb(29 78 216 / .45)); }
      .layout { display: grid; gap: 1rem; }
      @media (min-width: 1100px) { .layout.graph { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } }
      .aside { min-width: 0; }
      @media (min-width: 1100px) { .aside { position: sticky; top: .5rem; align-self: start; } }
      fieldset { border: 1px solid var(--crm-color-border, #d1d5db); border-radius: 6px; margin: .4rem 0;
        padding: .4rem .6rem .6rem; min-width: 0; }
      legend { font-weight: 600; font-size: .9rem; padding: 0 .25rem; }
      details { border-left: 3px solid var(--crm-color-border, #d1d5db); margin: .35rem 0; padding-left: .5rem; }
      summary { cursor: pointer; padding: .2rem 0; font-weight: 600; font-size: .9rem; }
      .field { margin: .35rem 0; }
      .check { display: flex; gap: .4rem; align-items: center; margin: .35rem 0; font-size: .875rem; }
      .help { color: var(--crm-color-text-muted, #6b7280); font-size: .8rem; margin: 0 0 .25rem; }
      .entry-bar, .item-bar { display: flex; flex-wrap: wrap; gap: .35rem; align-items: center; }
      ol.items { list-style: none; margin: 0; padding: 0; }
      ol.items > li { border-bottom: 1px dashed var(--crm-color-border, #d1d5db); padding: .25rem 0; }
      ol.items > li > .item-row { display: flex; gap: .35rem; align-items: flex-start; }
      ol.items > li > .item-row > .item-body { flex: 1; min-width: 0; }
      button.small { font-size: .8rem; padding: .15rem .45rem; min-height: 1.9rem; min-width: 1.9rem; }
      .add-key { display: flex; flex-wrap: wrap; gap: .35rem; align-items: end; margin-top: .35rem; }
      .add-key .field { margin: 0; flex: 1 1 12rem; }
      textarea.json { font-family: ui-monospace, monospace; font-size: .8rem; min-height: 5rem; }
      .section-bar { display: flex; justify-content: flex-end; margin-bottom: .25rem; }
      .problem { color: var(--crm-color-danger, #b91c1c); font-size: .8rem; margin: .1rem 0; }
    `,
  ];

  /** The published JSON Schema of the config (GET /api/config/schema). */
  @property({ attribute: false }) schema: JsonSchema | undefined;
  /** The config object being edited. */
  @property({ attribute: false }) value: unknown;
  /** Problems from the server (POST /api/config/validate, PUT /api/config 422), shown next to their fields. */
  @property({ attribute: false }) problems: ConfigProblem[] = [];

  @state() private tab = '';
  /** Text of inputs that is not (yet) valid, by pointer, with its message. */
  @state() private drafts = new Map<string, { text: string; error: string }>();
  /** Key being typed into a map's "new key" box, by the map's pointer. */
  @state() private newKeys = new Map<string, { text: string; error?: string }>();
  /** Map entries opened by the person (entries start closed, new ones open). */
  @state() private opened = new Set<string>();
  /** Sections shown as JSON. */
  @state() private asJson = new Set<string>();
  private emitted: unknown;

  /** Inputs whose text is not valid yet. */
  get invalidCount(): number {
    return this.drafts.size;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    // A new value from outside (loaded, saved, rolled back) drops the half-typed texts; the host handing
    // back what we emitted (re-parsed from its draft text) does not.
    if (changed.has('value') && this.value !== this.emitted) {
      if (JSON.stringify(this.value) !== JSON.stringify(this.emitted)) this.drafts = new Map();
      this.emitted = this.value;
    }
  }

  private get sections(): string[] {
    const props = (this.schema?.['properties'] ?? {}) as Record<string, JsonSchema>;
    const keys = Object.keys(props).filter((k) => !hiddenSections.has(k));
    return [...firstSections.filter((k) => keys.includes(k)), ...keys.filter((k) => !firstSections.includes(k))];
  }

  private commit(path: Path, value: unknown): void {
    const next = setAt(this.value, path, value);
    this.emitted = next;
    this.value = next;
    this.dispatchEvent(new ConfigChangeEvent(next, this.drafts.size));
  }

  private setDraft(pointer: string, draft: { text: string; error: string } | undefined): void {
    const next = new Map(this.drafts);
    if (draft) next.set(pointer, draft);
    else next.delete(pointer);
    this.drafts = next;
  }

  override render() {
    // Placed on a page without its schema (a mistake while embedding): say what it waits for.
    if (!this.schema) return html`<p class="muted" part="waiting">${t(this, 'noSchema')}</p>`;
    const sections = this.sections;
    const tab = sections.includes(this.tab) ? this.tab : (sections[0] ?? '');
    const lang = this.resolvedLang;
    const props = (this.schema['properties'] ?? {}) as Record<string, JsonSchema>;
    const sectionSchema = props[tab] ?? {};
    const node = plan(sectionSchema, getAt(this.value, [tab]), [tab]);
    const withGraph = tab === 'workflow';
    return html`
      <div role="tablist" part="tabs" aria-label=${t(this, 'sections')} @keydown=${this.onTabKey}>
        ${sections.map(
          (s) =>
            html`<button role="tab" id=${'tab-' + s} aria-selected=${s === tab ? 'true' : 'false'}
              aria-controls="panel" tabindex=${s === tab ? 0 : -1} @click=${() => (this.tab = s)}>
              ${propertyLabel(s, props[s] ?? {}, lang)}</button>`,
        )}
      </div>
      ${this.renderProblems()}
      ${
        this.drafts.size
          ? html`<p class="message" data-kind="error" role="status">${t(this, 'invalid', this.drafts.size)}</p>`
          : nothing
      }
      <div id="panel" role="tabpanel" part="panel" aria-labelledby=${'tab-' + tab}
        class="layout ${withGraph ? 'graph' : ''}">
        <div>
          <div class="section-bar">
            <button class="secondary small" type="button" aria-pressed=${this.asJson.has(tab) ? 'true' : 'false'}
              @click=${() => this.toggleJson(tab)}>
              ${this.asJson.has(tab) ? t(this, 'asForm') : t(this, 'asJson')}
            </button>
          </div>
          ${
            this.asJson.has(tab)
              ? this.renderJson(
                  { path: [tab], schema: sectionSchema, value: getAt(this.value, [tab]) },
                  propertyLabel(tab, sectionSchema, lang),
                )
              : this.renderNode(node, propertyLabel(tab, sectionSchema, lang), false)
          }
        </div>
        ${withGraph ? html`<div class="aside"><slot name="workflow"></slot></div>` : nothing}
      </div>
    `;
  }

  private toggleJson(tab: string): void {
    const next = new Set(this.asJson);
    if (next.has(tab)) next.delete(tab);
    else next.add(tab);
    this.asJson = next;
  }

  private onTabKey = (e: KeyboardEvent): void => {
    const sections = this.sections;
    const i = sections.indexOf(sections.includes(this.tab) ? this.tab : (sections[0] ?? ''));
    const to =
      e.key === 'ArrowRight'
        ? i + 1
        : e.key === 'ArrowLeft'
          ? i - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? -1
              : null;
    if (to === null) return;
    e.preventDefault();
    const next = sections.at(to % sections.length) ?? sections[0] ?? '';
    this.tab = next;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${next}`)?.focus());
  };

  private problemsAt(path: Path): ConfigProblem[] {
    const here = pointerOf(path);
    return this.problems.filter((p) => normalizePath(p.path) === here);
  }

  private renderProblems() {
    if (!this.problems.length) return nothing;
    return html`<div class="message" data-kind="error" role="alert">
      ${t(this, 'problems')}
      <ul>
        ${this.problems.map(
          (p) => html`<li><code>${normalizePath(p.path) || '/'}</code>${p.line ? ` (${p.line}:${p.column ?? 1})` : ''}:
            ${p.message}</li>`,
        )}
      </ul>
    </div>`;
  }

  private renderNode(node: FormNode, label: string, required: boolean): TemplateResult {
    switch (node.kind) {
      case 'object':
        return this.renderObject(node, label, required);
      case 'map':
        return this.renderMap(node, label, required);
      case 'array':
        return this.renderArray(node, label, required);
      case 'choice':
        return this.renderChoice(node, label, required);
      case 'json':
        return this.renderJson(node, label);
      default:
        return this.renderLeaf(node, label, required);
    }
  }

  private fieldProblems(path: Path) {
    const found = this.problemsAt(path);
    return found.length ? found.map((p) => html`<p class="problem">${p.message}</p>`) : nothing;
  }

  private absent(node: ObjectNode | MapNode | ArrayNode, label: string): TemplateResult {
    return html`<fieldset data-path=${pointerOf(node.path)}>
      <legend>${label}</legend>
      ${helpOf(node.schema) ? html`<p class="help">${helpOf(node.schema)}</p>` : nothing}
      <button class="secondary small" type="button" aria-label=${t(this, 'addNamed', label)}
        @click=${() => this.commit(node.path, initialValue(node.schema))}>${t(this, 'add')}</button>
    </fieldset>`;
  }

  private removeButton(path: Path, label: string, required: boolean) {
    if (required || path.length <= 1) return nothing;
    return html`<button class="secondary small" type="button" aria-label=${t(this, 'removeNamed', label)}
      @click=${() => this.commit(path, undefined)}>${t(this, 'remove')}</button>`;
  }

  private renderObject(node: ObjectNode, label: string, required: boolean): TemplateResult {
    if (!node.present) return this.absent(node, label);
    const lang = this.resolvedLang;
    const props = (node.schema['properties'] ?? {}) as Record<string, JsonSchema>;
    return html`<fieldset data-path=${pointerOf(node.path)}>
      <legend>${label}${required ? html` <span class="req" aria-hidden="true">*</span>` : nothing}</legend>
      ${helpOf(node.schema) ? html`<p class="help">${helpOf(node.schema)}</p>` : nothing}
      ${this.fieldProblems(node.path)}
      ${node.fields.map((f) => this.renderNode(f.node, propertyLabel(f.key, props[f.key] ?? {}, lang), f.required))}
      ${
        node.extras.length
          ? html`<fieldset>
            <legend>${t(this, 'otherKeys')}</legend>
            ${node.extras.map((e) => this.renderNode(e.node, e.key, false))}
          </fieldset>`
          : nothing
      }
      ${this.removeButton(node.path, label, required)}
    </fieldset>`;
  }

  private renderMap(node: MapNode, label: string, required: boolean): TemplateResult {
    if (!node.present) return this.absent(node, label);
    const lang = this.resolvedLang;
    const here = pointerOf(node.path);
    const draft = this.newKeys.get(here);
    const keyId = idOf(node.path) + '-new';
    const suggest = this.keySuggestions(node);
    const add = () => {
      const key = (draft?.text ?? '').trim();
      const error = this.keyError(node, key);
      if (error) {
        this.newKeys = new Map(this.newKeys).set(here, { text: key, error });
        return;
      }
      const next = new Map(this.newKeys);
      next.delete(here);
      this.newKeys = next;
      this.opened = new Set(this.opened).add(pointerOf([...node.path, key]));
      this.commit([...node.path, key], this.newEntry(node));
    };
    return html`<fieldset data-path=${here}>
      <legend>${label}${required ? html` <span class="req" aria-hidden="true">*</span>` : nothing}</legend>
      ${helpOf(node.schema) ? html`<p class="help">${helpOf(node.schema)}</p>` : nothing}
      ${this.fieldProblems(node.path)}
      ${node.entries.length ? nothing : html`<p class="help">${t(this, 'empty')}</p>`}
      ${node.entries.map((e) => {
        const p = pointerOf(e.node.path);
        const name = entryLabel(e.key, getAt(this.value, e.node.path), lang);
        const isLeaf = !['object', 'map', 'array', 'choice'].includes(e.node.kind);
        if (isLeaf)
          return html`<div class="entry-bar">${this.renderNode(e.node, name, false)}
            ${this.removeButton(e.node.path, name, false)}</div>`;
        return html`<details data-entry=${p} ?open=${this.opened.has(p) || this.problemsUnder(e.node.path)}
          @toggle=${(ev: Event) => this.onToggle(p, ev)}>
          <summary>${name}</summary>
          ${this.renderNode(e.node, name, false)}
          <div class="entry-bar">
            <button class="secondary small" type="button" aria-label=${t(this, 'removeNamed', name)}
              @click=${() => this.commit(e.node.path, undefined)}>${t(this, 'remove')}</button>
          </div>
        </details>`;
      })}
      <div class="add-key">
        <div class="field">
          <label for=${keyId}>${t(this, 'newKey', label)}</label>
          <input id=${keyId} data-new-key=${here} .value=${live(draft?.text ?? '')}
            list=${suggest.length ? keyId + '-list' : nothing} aria-invalid=${draft?.error ? 'true' : 'false'}
            aria-describedby=${draft?.error ? keyId + '-err' : nothing}
            @input=${(ev: Event) =>
              (this.newKeys = new Map(this.newKeys).set(here, { text: (ev.target as HTMLInputElement).value }))}
            @keydown=${(ev: KeyboardEvent) => {
              if (ev.key === 'Enter') {
                ev.preventDefault();
                add();
              }
            }} />
          ${draft?.error ? html`<span class="field-error" id=${keyId + '-err'}>${draft.error}</span>` : nothing}
          ${
            suggest.length
              ? html`<datalist id=${keyId + '-list'}>
                  ${suggest.map((v) => html`<option value=${v}></option>`)}
                </datalist>`
              : nothing
          }
        </div>
        <button class="small" type="button" @click=${add}>${t(this, 'add')}</button>
      </div>
    </fieldset>`;
  }

  /** For the labels of a pick list's values: the values that have no label yet. */
  private keySuggestions(node: MapNode): string[] {
    const last = node.path.at(-1);
    if (last !== 'x-crm-enum-labels' && last !== 'enumLabels') return [];
    const owner = last === 'enumLabels' ? [...node.path.slice(0, -1), 'schema'] : node.path.slice(0, -1);
    const values = getAt(this.value, [...owner, 'enum']);
    const have = (getAt(this.value, node.path) ?? {}) as Record<string, unknown>;
    return Array.isArray(values) ? values.map(String).filter((v) => !Object.hasOwn(have, v)) : [];
  }

  private onToggle(pointer: string, ev: Event): void {
    const open = (ev.target as HTMLDetailsElement).open;
    if (open === this.opened.has(pointer)) return;
    const next = new Set(this.opened);
    if (open) next.add(pointer);
    else next.delete(pointer);
    this.opened = next;
  }

  private problemsUnder(path: Path): boolean {
    const here = pointerOf(path);
    return this.problems.some((p) => normalizePath(p.path).startsWith(here + '/') || normalizePath(p.path) === here);
  }

  private keyError(node: MapNode, key: string): string | undefined {
    if (!key) return t(this, 'keyEmpty');
    const obj = (getAt(this.value, node.path) ?? {}) as Record<string, unknown>;
    if (Object.hasOwn(obj, key)) return t(this, 'keyTaken');
    if (node.keyPattern) {
      try {
        if (!new RegExp(node.keyPattern, 'u').test(key)) return t(this, 'keyPattern', node.keyPattern);
      } catch {
        // the server judges a pattern the browser cannot compile
      }
    }
    return undefined;
  }

  /** A new map entry: its required parts, a client field as a labelled text field. */
  private newEntry(node: MapNode): unknown {
    const value = initialValue(node.valueSchema);
    if (node.path.length === 4 && node.path[0] === 'clients' && node.path[3] === 'properties')
      return { type: 'string', 'x-crm-label': { pl: '', en: '' } };
    return value;
  }

  private renderArray(node: ArrayNode, label: string, required: boolean): TemplateResult {
    if (!node.present) return this.absent(node, label);
    const list = (getAt(this.value, node.path) ?? []) as unknown[];
    return html`<fieldset data-path=${pointerOf(node.path)}>
      <legend>${label}${required ? html` <span class="req" aria-hidden="true">*</span>` : nothing}</legend>
      ${helpOf(node.schema) ? html`<p class="help">${helpOf(node.schema)}</p>` : nothing}
      ${this.fieldProblems(node.path)}
      ${node.items.length ? nothing : html`<p class="help">${t(this, 'empty')}</p>`}
      <ol class="items">
        ${node.items.map(
          (item, i) => html`<li data-item=${pointerOf(item.path)}>
            <div class="item-row">
              <div class="item-body">${this.renderNode(item, `${label}: ${t(this, 'item', i + 1)}`, false)}</div>
              <div class="item-bar">
                <button class="secondary small" type="button" aria-label=${t(this, 'up', i + 1)} ?disabled=${i === 0}
                  @click=${() => this.commit(node.path, moveItem(list, i, -1))}>↑</button>
                <button class="secondary small" type="button" aria-label=${t(this, 'down', i + 1)}
                  ?disabled=${i === node.items.length - 1}
                  @click=${() => this.commit(node.path, moveItem(list, i, 1))}>↓</button>
                <button class="secondary small" type="button"
                  aria-label=${t(this, 'removeNamed', `${label}: ${t(this, 'item', i + 1)}`)}
                  @click=${() => this.commit([...node.path, i], undefined)}>✕</button>
              </div>
            </div>
          </li>`,
        )}
      </ol>
      <button class="secondary small" type="button" aria-label=${`${label}: ${t(this, 'addItem')}`}
        @click=${() => this.commit(node.path, [...list, this.newItem(node)])}>${t(this, 'addItem')}</button>
      ${this.removeButton(node.path, label, required)}
    </fieldset>`;
  }

  private newItem(node: ArrayNode): unknown {
    const options = this.optionsFor([...node.path, 0]);
    if (options?.[0]) return options[0].value;
    return initialValue(node.itemSchema);
  }

  private renderChoice(node: ChoiceNode, label: string, required: boolean): TemplateResult {
    const id = idOf(node.path) + '-branch';
    const names = node.branches.map((b) =>
      b['const'] === '*' ? t(this, 'every') : b['type'] === 'array' ? t(this, 'list') : String(b['type'] ?? '?'),
    );
    return html`<fieldset data-choice=${pointerOf(node.path)}>
      <legend>${label}${required ? html` <span class="req" aria-hidden="true">*</span>` : nothing}</legend>
      ${helpOf(node.schema) ? html`<p class="help">${helpOf(node.schema)}</p>` : nothing}
      <div class="field">
        <label for=${id}>${t(this, 'branch')}</label>
        <select id=${id} @change=${(ev: Event) => {
          const i = Number((ev.target as HTMLSelectElement).value);
          const branch = node.branches[i];
          if (!branch) return this.commit(node.path, undefined);
          const start = initialValue(branch);
          const options = this.optionsFor([...node.path, 0]);
          this.commit(node.path, Array.isArray(start) && options?.[0] ? [options[0].value] : start);
        }}>
          ${required ? nothing : html`<option value="-1" ?selected=${node.index < 0}>${t(this, 'none')}</option>`}
          ${names.map((n, i) => html`<option value=${i} ?selected=${i === node.index}>${n}</option>`)}
        </select>
      </div>
      ${node.node && node.node.kind !== 'const' ? this.renderNode(node.node, label, false) : nothing}
    </fieldset>`;
  }

  /**
   * Choices for string inputs whose values name other parts of the config: a transition's statuses
   * and the fields it requires; values labelled from the config.
   */
  private optionsFor(path: Path): { value: string; label: string }[] | undefined {
    const [section, list, , key] = path;
    if (section !== 'workflow' || (list !== 'transitions' && list !== 'reopen')) return undefined;
    const lang = this.resolvedLang;
    const pick = (of: string) =>
      Object.entries((getAt(this.value, ['workflow', of]) ?? {}) as Record<string, unknown>).map(([k, v]) => ({
        value: k,
        label: entryLabel(k, v, lang),
      }));
    if (key === 'to' || key === 'from') return pick('statuses');
    if (key === 'requires') return pick('fields');
    return undefined;
  }

  private renderLeaf(node: LeafNode, label: string, required: boolean): TemplateResult {
    const id = idOf(node.path);
    const pointer = pointerOf(node.path);
    const help = helpOf(node.schema);
    const draft = this.drafts.get(pointer);
    const problems = this.problemsAt(node.path);
    const errId = id + '-err';
    const helpId = id + '-help';
    const described = [draft || problems.length ? errId : '', help ? helpId : ''].filter(Boolean).join(' ');
    const req = required ? html` <span class="req" aria-hidden="true">*</span>` : nothing;
    const errors = html`${draft ? html`<span class="field-error" id=${errId}>${draft.error}</span>` : nothing}
    ${
      !draft && problems.length
        ? html`<span class="field-error" id=${errId}>${problems.map((p) => p.message).join(' ')}</span>`
        : nothing
    }`;
    const helpText = help ? html`<span class="help" id=${helpId}>${help}</span>` : nothing;
    // A constant (`type: "object"` of a client-field schema) has nothing to edit; it stays in the value.
    if (node.kind === 'const') return html``;
    if (node.kind === 'boolean') {
      return html`<div class="check">
        <input type="checkbox" id=${id} data-path=${pointer} .checked=${live(node.value === true)}
          aria-describedby=${described || nothing}
          @change=${(ev: Event) => {
            const on = (ev.target as HTMLInputElement).checked;
            // An optional flag whose default is false is written only when it is on.
            this.commit(node.path, on ? true : required || node.schema['default'] === undefined ? false : undefined);
          }} />
        <label for=${id}>${label}</label>${helpText}${errors}
      </div>`;
    }
    const options =
      node.kind === 'enum'
        ? (node.schema['enum'] as unknown[]).map((v) => ({ value: String(v), label: this.enumLabel(node.schema, v) }))
        : node.schema['type'] === 'string'
          ? this.optionsFor(node.path)
          : undefined;
    if (options) {
      const current = node.value === undefined ? '' : String(node.value);
      const known = options.some((o) => o.value === current);
      return html`<div class="field">
        <label for=${id}>${label}${req}</label>
        <select id=${id} data-path=${pointer} aria-describedby=${described || nothing}
          aria-invalid=${problems.length ? 'true' : 'false'}
          @change=${(ev: Event) => {
            const v = (ev.target as HTMLSelectElement).value;
            const enumValue = (node.schema['enum'] as unknown[] | undefined)?.find((e) => String(e) === v);
            this.commit(node.path, v === '' ? undefined : (enumValue ?? v));
          }}>
          ${
            required && current
              ? nothing
              : html`<option value="" ?selected=${current === ''}>${t(this, 'none')}</option>`
          }
          ${
            !known && current
              ? html`<option value=${current} selected>${t(this, 'unknownOption', current)}</option>`
              : nothing
          }
          ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === current}>${o.label}</option>`)}
        </select>
        ${helpText}${errors}
      </div>`;
    }
    const numeric = node.kind === 'integer' || node.kind === 'number';
    const text = draft ? draft.text : node.value === undefined ? '' : String(node.value);
    return html`<div class="field">
      <label for=${id}>${label}${req}</label>
      <input id=${id} data-path=${pointer} .value=${live(text)}
        inputmode=${numeric ? (node.kind === 'integer' ? 'numeric' : 'decimal') : nothing}
        aria-invalid=${draft || problems.length ? 'true' : 'false'} aria-describedby=${described || nothing}
        aria-required=${required ? 'true' : 'false'}
        @input=${(ev: Event) => {
          const typed = (ev.target as HTMLInputElement).value;
          const read = readLeaf(node.schema, typed, required, this.resolvedLang as Lang);
          if (read.error !== undefined) {
            this.setDraft(pointer, { text: typed, error: read.error });
            return;
          }
          this.setDraft(pointer, undefined);
          this.commit(node.path, read.value);
        }} />
      ${helpText}${errors}
    </div>`;
  }

  private enumLabel(schema: JsonSchema, v: unknown): string {
    const labels = schema['x-crm-enum-labels'] as Record<string, Partial<Record<Lang, string>>> | undefined;
    const l = labels?.[String(v)];
    return l?.[this.resolvedLang] ?? l?.pl ?? String(v);
  }

  private renderJson(node: { path: Path; schema: JsonSchema; value: unknown }, label: string): TemplateResult {
    const id = idOf(node.path) + '-json';
    const pointer = pointerOf(node.path) + '#json';
    const draft = this.drafts.get(pointer);
    const problems = this.problemsAt(node.path);
    const text = draft ? draft.text : node.value === undefined ? '' : JSON.stringify(node.value, null, 2);
    return html`<div class="field">
      <label for=${id}>${label} (JSON)</label>
      <span class="help" id=${id + '-help'}>${t(this, 'jsonHelp')}</span>
      <textarea class="json" id=${id} spellcheck="false" .value=${live(text)}
        rows=${Math.min(16, Math.max(3, text.split('\n').length))}
        aria-invalid=${draft || problems.length ? 'true' : 'false'}
        aria-describedby=${id + '-help' + (draft || problems.length ? ` ${id}-err` : '')}
        @change=${(ev: Event) => {
          const typed = (ev.target as HTMLTextAreaElement).value;
          const read = readJson(typed, this.resolvedLang);
          if (read.error !== undefined) {
            this.setDraft(pointer, { text: typed, error: read.error });
            return;
          }
          this.setDraft(pointer, undefined);
          this.commit(node.path, read.value);
        }}></textarea>
      ${draft ? html`<span class="field-error" id=${id + '-err'}>${draft.error}</span>` : nothing}
      ${
        !draft && problems.length
          ? html`<span class="field-error" id=${id + '-err'}>${problems.map((p) => p.message).join(' ')}</span>`
          : nothing
      }
    </div>`;
  }
}
