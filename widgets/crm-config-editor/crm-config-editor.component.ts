/**
 * @module widgets/crm-config-editor/component
 * `<crm-config-editor>`: the firm configuration edited in the browser, for administrators
 * (`config:write`). Four views of one draft — Formularz (forms generated from the published JSON
 * Schema: `<crm-config-form>` with the workflow graph beside the workflow), JSON (the text with line
 * numbers; problems listed with line, column and path, a click puts the cursor there), Różnice (a line
 * diff against the running version) and Wersje (who, when, why; "Przywróć" rolls back in one step
 * after asking why) — and a save bar with the required "why". A save runs at once on the server,
 * without a restart; a save on an outdated version gets the server's 409 shown as who saved what when.
 * Over `/api/config`, `/api/config/schema`, `/api/config/versions`, `/api/config/validate`,
 * `/api/config/rollback`.
 */
import { css, html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { ActionRunner } from '../base/action-runner.ts';
import { ApiController } from '../base/api-controller.ts';
import type { ApiError } from '../base/api-error.ts';
import { CrmElement } from '../base/crm-element.ts';
import { clearMeta } from '../base/crm-meta.ts';
import { errorMessage, formatDateTime } from '../base/i18n.ts';
import { token } from '../base/theme.ts';
import { uiStyles } from '../base/ui-styles.ts';
import '../crm-config-form/index.ts';
import '../crm-workflow-graph/index.ts';
import type { ConfigChangeEvent } from '../crm-config-form/index.ts';
import { lineDiff, withContext } from './diff-lines.ts';
import { t } from './words.ts';

interface Running {
  version: number;
  source: 'file' | 'store';
  text: string;
  authorName: string | null;
  createdAt: string | null;
  why: string | null;
}
interface Version {
  version: number;
  kind: 'edit' | 'rollback' | 'file';
  authorName: string | null;
  createdAt: string;
  why: string;
  restoredVersion: number | null;
  running: boolean;
}
interface Problem {
  line: number;
  column: number;
  path: string;
  message: string;
}
type Tab = 'form' | 'json' | 'diff' | 'versions';
const tabs: readonly Tab[] = ['form', 'json', 'diff', 'versions'];
type Json = Record<string, unknown>;

/**
 * @summary The firm configuration: form, JSON, diff and versions, saved with a why and applied without a restart.
 *
 * @csspart base - The panel.
 * @csspart tabs - The view tabs.
 * @csspart savebar - The why field and the save button.
 */
export class CrmConfigEditor extends CrmElement {
  static override styles = [
    ...CrmElement.styles,
    uiStyles,
    css`
      :host { display: block; }
      [role='tablist'] { display: flex; flex-wrap: wrap; gap: ${token.spaceXs}; margin: ${token.spaceM} 0 0;
        border-bottom: 1px solid ${token.colorBorder}; }
      [role='tab'] { background: transparent; color: ${token.colorText}; border: 1px solid transparent;
        border-bottom: none; border-radius: ${token.radius} ${token.radius} 0 0;
        padding: ${token.spaceXs} ${token.spaceM}; }
      [role='tab'][aria-selected='true'] { border-color: ${token.colorBorder}; background: ${token.colorSurface};
        color: ${token.colorPrimary}; font-weight: 600; margin-bottom: -1px; }
      [role='tabpanel'] { padding-top: ${token.spaceM}; }
      .editor { display: grid; grid-template-columns: max-content 1fr; border: 1px solid ${token.colorBorder};
        border-radius: ${token.radius}; height: 28rem; overflow: hidden; }
      .gutter, .editor textarea { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 13px;
        line-height: 18px; padding: ${token.spaceXs} ${token.spaceS}; margin: 0; }
      .gutter { color: ${token.colorText}; text-align: right; overflow: hidden; user-select: none;
        background: color-mix(in srgb, ${token.colorBorder} 25%, transparent); white-space: pre; }
      .editor textarea { border: none; border-radius: 0; height: 100%; min-height: 0; resize: none;
        white-space: pre; overflow: auto; tab-size: 2; }
      .problems { list-style: none; padding: 0; margin: ${token.spaceXs} 0 0; }
      .problems li { margin: 2px 0; }
      .problems button { text-align: left; }
      .where { font-weight: 600; }
      code.path { overflow-wrap: anywhere; }
      .diff { font-family: ui-monospace, 'DejaVu Sans Mono', monospace; font-size: 13px; line-height: 18px;
        border: 1px solid ${token.colorBorder}; border-radius: ${token.radius}; overflow: auto; max-height: 32rem;
        margin: 0; padding: ${token.spaceXs} 0; }
      .diff div { white-space: pre; padding: 0 ${token.spaceS}; }
      .diff .added { background: #e6f4ea; color: #14532d; }
      .diff .removed { background: #fde8e8; color: #7f1d1d; }
      .diff .gap { color: ${token.colorTextMuted}; }
      .versions { list-style: none; padding: 0; margin: 0; display: grid; gap: ${token.spaceS}; }
      .versions li { border: 1px solid ${token.colorBorder}; border-radius: ${token.radius}; padding: ${token.spaceS};
        display: grid; gap: ${token.spaceXs}; }
      .versions .head { display: flex; flex-wrap: wrap; gap: ${token.spaceXs} ${token.spaceM}; align-items: baseline; }
      .versions .why { overflow-wrap: anywhere; }
      .badge.run { --badge: #166534; }
      .savebar {
        border-top: 1px solid ${token.colorBorder};
        margin-top: ${token.spaceM};
        padding-top: ${token.spaceS};
        display: grid;
        gap: ${token.spaceXs};
      }
      .savebar .row input { flex: 1 1 16rem; min-width: 0; }
      .unsaved { color: #92400e; font-size: ${token.fontSizeS}; font-weight: 600; }
    `,
  ];

  @state() private running: Running | null = null;
  @state() private schema: Json | null = null;
  @state() private versions: Version[] = [];
  @state() private draft = '';
  @state() private tab: Tab = 'form';
  @state() private problems: Problem[] | null = null;
  @state() private why = '';
  @state() private message = '';
  @state() private error = '';
  @state() private conflict: { version: number; who: string; when: string } | null = null;
  @state() private restoring: number | null = null;
  @state() private restoreWhy = '';
  @state() private formInvalid = 0;
  /** The draft parsed (for the form); undefined when the text is not JSON. */
  private parsed: unknown;
  private parsedFor = '\u0000';

  private readonly api = new ApiController<unknown>(this);
  /** One check, save or restore at a time; a save or restore reloads the versions before it is said. */
  private readonly action = new ActionRunner<string>(this, {
    start: () => {
      this.error = '';
      this.message = '';
    },
    refresh: () => this.load(),
    done: (message) => (this.message = message),
    fail: (e) => this.showSaveError(e),
  });
  private readonly onBeforeUnload = (e: BeforeUnloadEvent) => {
    if (!this.dirty) return;
    e.preventDefault();
    e.returnValue = t(this, 'leave'); // older browsers show it; all ask
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeunload', this.onBeforeUnload);
    void this.load();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('beforeunload', this.onBeforeUnload);
    super.disconnectedCallback();
  }

  /** Whether the draft differs from the running version. */
  get dirty(): boolean {
    return this.running !== null && this.draft !== this.running.text;
  }

  private async load(): Promise<void> {
    try {
      const [running, schema, versions] = await Promise.all([
        this.api.get<Running>('/api/config'),
        this.api.get<Json>('/api/config/schema'),
        this.api.get<{ items: Version[] }>('/api/config/versions'),
      ]);
      this.running = running;
      this.schema = schema;
      this.versions = versions.items;
      this.draft = running.text;
      this.problems = null;
      this.conflict = null;
      this.error = '';
    } catch (e) {
      this.error = errorMessage(this, e as ApiError);
    }
  }

  private parsedDraft(): unknown {
    if (this.parsedFor !== this.draft) {
      this.parsedFor = this.draft;
      try {
        this.parsed = JSON.parse(this.draft);
      } catch {
        this.parsed = undefined;
      }
    }
    return this.parsed;
  }

  private who(name: string | null): string {
    return name ?? t(this, 'cli');
  }

  private check(): Promise<unknown> {
    return this.action.run(
      async () => {
        const r = await this.api.post<{ problems: Problem[] }>('/api/config/validate', { text: this.draft });
        this.problems = r.problems;
        return r.problems.length ? '' : t(this, 'valid');
      },
      { refresh: false, start: () => (this.message = ''), fail: (e) => (this.error = errorMessage(this, e)) },
    );
  }

  private save(e?: Event): Promise<unknown> | void {
    e?.preventDefault();
    if (this.action.busy || !this.running) return;
    this.message = '';
    this.error = '';
    const why = this.why.trim();
    if (why.length < 3 || why.length > 500) {
      this.error = t(this, 'whyNeeded');
      this.renderRoot.querySelector<HTMLInputElement>('#why')?.focus();
      return;
    }
    if (!this.dirty) {
      this.error = t(this, 'unchanged');
      return;
    }
    if (this.tab === 'form' && this.formInvalid > 0) {
      this.error = t(this, 'draftInvalid', this.formInvalid);
      return;
    }
    const baseVersion = this.running.version;
    return this.action.run(async () => {
      const r = await this.api.put<{ version: number }>('/api/config', { text: this.draft, baseVersion, why });
      this.why = '';
      clearMeta(); // this page's other widgets read the client fields and workflow again
      return t(this, 'saved', r.version);
    });
  }

  private showSaveError(e: ApiError): void {
    if (e.status === 409) {
      const d = e.details as { currentVersion?: number; savedByName?: string | null; savedAt?: string } | undefined;
      this.conflict = {
        version: d?.currentVersion ?? 0,
        who: this.who(d?.savedByName ?? null),
        when: d?.savedAt ? formatDateTime(d.savedAt, this.resolvedLang) : '',
      };
      return;
    }
    const problems = (e.details as { problems?: Problem[] } | undefined)?.problems;
    if (e.status === 422 && problems?.some((p) => typeof p.line === 'number')) {
      this.problems = problems;
      return;
    }
    this.error = e.status === 422 && e.problems[0] ? e.problems[0].message : errorMessage(this, e);
  }

  private restore(version: number): Promise<unknown> | void {
    if (this.action.busy) return;
    const why = this.restoreWhy.trim();
    if (why.length < 3 || why.length > 500) {
      this.error = t(this, 'whyNeeded');
      this.renderRoot.querySelector<HTMLInputElement>('#restore-why')?.focus();
      return;
    }
    return this.action.run(async () => {
      const r = await this.api.post<{ version: number }>('/api/config/rollback', {
        version,
        why,
        baseVersion: this.running?.version,
      });
      this.restoring = null;
      this.restoreWhy = '';
      clearMeta();
      return t(this, 'restored', version, r.version);
    });
  }

  /** Show the JSON view with the cursor at a problem's line and column. */
  private async goTo(p: Problem): Promise<void> {
    this.tab = 'json';
    await this.updateComplete;
    const area = this.renderRoot.querySelector<HTMLTextAreaElement>('#json');
    if (!area) return;
    const lines = this.draft.split('\n');
    let offset = 0;
    for (let i = 0; i < Math.min(p.line - 1, lines.length); i++) offset += lines[i]!.length + 1;
    offset += Math.max(0, Math.min(p.column - 1, (lines[p.line - 1] ?? '').length));
    area.focus();
    area.setSelectionRange(offset, offset);
    area.scrollTop = Math.max(0, (p.line - 4) * 18);
    this.syncGutter();
  }

  private syncGutter(): void {
    const area = this.renderRoot.querySelector<HTMLTextAreaElement>('#json');
    const gutter = this.renderRoot.querySelector<HTMLElement>('.gutter');
    if (area && gutter) gutter.scrollTop = area.scrollTop;
  }

  private onTabKey(e: KeyboardEvent): void {
    const i = tabs.indexOf(this.tab);
    const next =
      e.key === 'ArrowRight'
        ? tabs[(i + 1) % tabs.length]
        : e.key === 'ArrowLeft'
          ? tabs[(i + tabs.length - 1) % tabs.length]
          : e.key === 'Home'
            ? tabs[0]
            : e.key === 'End'
              ? tabs[tabs.length - 1]
              : undefined;
    if (!next) return;
    e.preventDefault();
    this.tab = next;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${next}`)?.focus());
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('tab') && this.tab === 'json') this.syncGutter();
  }

  private renderProblems() {
    const ps = this.problems;
    if (!ps?.length) return nothing;
    return html`<div class="message" data-kind="error" role="alert">
      ${t(this, 'problems', ps.length)}
      <ul class="problems">
        ${ps.map(
          (p) =>
            html`<li>
              <button class="link" title=${t(this, 'goTo')} @click=${() => this.goTo(p)}>
                <span class="where">${t(this, 'at', p.line, p.column)}</span></button
              >
              <code class="path">${p.path || '/'}</code> — ${p.message}
            </li>`,
        )}
      </ul>
    </div>`;
  }

  private renderForm() {
    const value = this.parsedDraft();
    if (value === undefined) return html`<p class="message" data-kind="error">${t(this, 'notJson')}</p>`;
    const v = value as { workflow?: unknown };
    return html`<crm-config-form
      .schema=${this.schema}
      .value=${value}
      .problems=${this.problems ?? []}
      @config-change=${(e: ConfigChangeEvent) => {
        this.formInvalid = e.detail.invalid;
        this.draft = JSON.stringify(e.detail.value, null, 2);
      }}
    >
      <crm-workflow-graph slot="workflow" .workflow=${v.workflow}></crm-workflow-graph>
    </crm-config-form>`;
  }

  private renderJson() {
    const n = this.draft.split('\n').length;
    const numbers = Array.from({ length: n }, (_, i) => i + 1).join('\n');
    return html`<div class="editor">
        <pre class="gutter" aria-hidden="true" title=${t(this, 'lines')}>${numbers}</pre>
        <textarea
          id="json"
          spellcheck="false"
          wrap="off"
          aria-label=${t(this, 'jsonLabel')}
          aria-invalid=${this.problems?.length ? 'true' : 'false'}
          .value=${live(this.draft)}
          @input=${(e: Event) => {
            this.draft = (e.target as HTMLTextAreaElement).value;
            this.syncGutter();
          }}
          @scroll=${() => this.syncGutter()}
        ></textarea>
      </div>
      <div class="row actions">
        <button class="secondary" ?disabled=${this.action.busy} @click=${() => this.check()}>
          ${this.action.busy ? t(this, 'checking') : t(this, 'check')}
        </button>
      </div>`;
  }

  private renderDiff() {
    if (!this.running) return nothing;
    const lines = lineDiff(this.running.text, this.draft);
    const add = lines.filter((l) => l.kind === 'added').length;
    const del = lines.filter((l) => l.kind === 'removed').length;
    if (!add && !del) return html`<p>${t(this, 'noChanges')}</p>`;
    return html`<p>${t(this, 'diffSummary', add, del)}</p>
      <div class="diff" role="region" tabindex="0" aria-label=${t(this, 'diffLabel')}>
        ${withContext(lines).map((l) =>
          l === null
            ? html`<div class="gap" aria-hidden="true">…</div>`
            : html`<div class=${l.kind}>${l.kind === 'added' ? '+ ' : l.kind === 'removed' ? '− ' : '  '}${l.text}${
                l.kind === 'same'
                  ? nothing
                  : html`<span class="visually-hidden"> (${t(this, l.kind === 'added' ? 'added' : 'removed')})</span>`
              }</div>`,
        )}
      </div>`;
  }

  private renderVersions() {
    const lang = this.resolvedLang;
    return html`<ol class="versions" aria-label=${t(this, 'versions')}>
      ${this.versions.map((v) => {
        const kind =
          v.kind === 'edit'
            ? t(this, 'kindEdit')
            : v.kind === 'rollback'
              ? t(this, 'kindRollback', v.restoredVersion)
              : t(this, 'kindFile');
        return html`<li>
          <div class="head">
            <strong>${t(this, 'version')} ${v.version}</strong>
            <span>${kind}</span>
            ${v.running ? html`<span class="badge run">${t(this, 'isRunning')}</span>` : nothing}
            ${v.kind === 'file' ? nothing : html`<span>${this.who(v.authorName)}</span>`}
            ${v.kind === 'file' ? nothing : html`<span class="muted">${formatDateTime(v.createdAt, lang)}</span>`}
          </div>
          ${v.kind === 'file' ? nothing : html`<div class="why">${v.why}</div>`}
          ${v.running ? nothing : this.renderRestore(v.version)}
        </li>`;
      })}
    </ol>`;
  }

  private renderRestore(version: number) {
    if (this.restoring !== version)
      return html`<div>
        <button
          class="secondary"
          ?disabled=${this.action.busy}
          @click=${async () => {
            this.restoring = version;
            this.restoreWhy = '';
            await this.updateComplete;
            this.renderRoot.querySelector<HTMLInputElement>('#restore-why')?.focus();
          }}
        >
          ${t(this, 'restore')} ${version}
        </button>
      </div>`;
    return html`<form
      class="field"
      @submit=${(e: Event) => {
        e.preventDefault();
        void this.restore(version);
      }}
    >
      <p>${t(this, 'restoreAsk', version)}</p>
      <label for="restore-why">${t(this, 'restoreWhy')}</label>
      <input
        id="restore-why"
        maxlength="500"
        .value=${live(this.restoreWhy)}
        @input=${(e: Event) => (this.restoreWhy = (e.target as HTMLInputElement).value)}
      />
      <div class="row">
        <button type="submit" ?disabled=${this.action.busy}>${t(this, 'restoreDo')}</button>
        <button type="button" class="secondary" @click=${() => (this.restoring = null)}>${t(this, 'cancel')}</button>
      </div>
    </form>`;
  }

  private renderSaveBar() {
    return html`<form class="savebar" part="savebar" @submit=${(e: Event) => this.save(e)}>
      ${this.dirty ? html`<span class="unsaved" role="status">${t(this, 'unsaved')}</span>` : nothing}
      <label for="why">${t(this, 'saveWhy')}</label>
      <div class="row">
        <input
          id="why"
          maxlength="500"
          .value=${live(this.why)}
          @input=${(e: Event) => (this.why = (e.target as HTMLInputElement).value)}
        />
        <button type="submit"
          ?disabled=${this.action.busy}>${this.action.busy ? t(this, 'saving') : t(this, 'save')}</button>
        <button
          type="button"
          class="secondary"
          ?disabled=${this.action.busy || !this.dirty}
          @click=${() => {
            this.draft = this.running?.text ?? '';
            this.problems = null;
            this.error = '';
          }}
        >
          ${t(this, 'discard')}
        </button>
      </div>
    </form>`;
  }

  override render() {
    const r = this.running;
    const when = r?.createdAt ? formatDateTime(r.createdAt, this.resolvedLang) : '';
    return html`<section part="base">
      <h2>${t(this, 'title')}</h2>
      <p class="muted">${t(this, 'intro')}</p>
      ${
        r
          ? html`<p>${t(this, 'running', r.version, this.who(r.authorName), when)}</p>`
          : !this.error
            ? html`<p role="status">${t(this, 'loading')}</p>`
            : nothing
      }
      ${this.error ? html`<p class="message" data-kind="error" role="alert">${this.error}</p>` : nothing}
      ${this.message ? html`<p class="message" data-kind="ok" role="status">${this.message}</p>` : nothing}
      ${
        this.conflict
          ? html`<div class="message" data-kind="error" role="alert">
            ${t(this, 'conflict', this.conflict.version, this.conflict.who, this.conflict.when)}
            <div><button class="secondary" @click=${() => this.load()}>${t(this, 'reload')}</button></div>
          </div>`
          : nothing
      }
      ${r ? this.renderBody() : nothing}
    </section>`;
  }

  private renderPanel() {
    switch (this.tab) {
      case 'form':
        return this.renderForm();
      case 'json':
        return this.renderJson();
      case 'diff':
        return this.renderDiff();
      case 'versions':
        return this.renderVersions();
    }
  }

  private renderBody() {
    return html`<div role="tablist" part="tabs" aria-label=${t(this, 'tabs')} @keydown=${this.onTabKey}>
        ${tabs.map(
          (tab) =>
            html`<button
              role="tab"
              id=${`tab-${tab}`}
              aria-selected=${this.tab === tab ? 'true' : 'false'}
              aria-controls="panel"
              tabindex=${this.tab === tab ? 0 : -1}
              @click=${() => (this.tab = tab)}
            >
              ${t(this, tab)}
            </button>`,
        )}
      </div>
      <div id="panel" role="tabpanel" aria-labelledby=${`tab-${this.tab}`}>
        ${this.renderPanel()}
        ${this.tab === 'json' || this.tab === 'form' ? this.renderProblems() : nothing}
      </div>
      ${this.renderSaveBar()}`;
  }
}
