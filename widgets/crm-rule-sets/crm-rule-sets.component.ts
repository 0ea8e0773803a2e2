/**
 * @module widgets/crm-rule-sets/component
 * `<crm-rule-sets>`: commission rule sets for the people who keep the firm's rates
 * (`commissions:rules`). The published versions; one open draft, made from a copy of the current
 * version or from a file or pasted JSON, edited as JSON with line numbers, with every problem at its
 * line and column (a click puts the caret there); the draft rule by rule against the published
 * version (old → new values); a simulation over a period's sales (default last month) per recipient,
 * expandable to the changed lines; publishing from a chosen first day with the reason. Over
 * `/api/commission-rule-sets` and `/api/commission-rule-draft`.
 */
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { ActionRunner } from '../base/action-runner.ts';
import { ApiController } from '../base/api-controller.ts';
import type { ApiError } from '../base/api-error.ts';
import { CrmElement } from '../base/crm-element.ts';
import { errorMessage, formatDateTime, formatMoney } from '../base/i18n.ts';
import { uiStyles } from '../base/ui-styles.ts';
import { problemPl, t } from './words.ts';

interface Problem {
  path: string;
  message: string;
  line?: number;
  column?: number;
}
interface Draft {
  id: string;
  text: string;
  baseVersion: number | null;
  revision: number;
  problems: Problem[];
  warnings: Problem[];
  latestVersion: number | null;
}
interface DraftState {
  draft: Draft | null;
  publishFrom: string;
  earliestFrom: string | null;
  period: { from: string; to: string };
  published: { version: number; from: string; reason: string | null }[];
}
interface Version {
  version: number;
  uploadedAt: string;
  ruleCount: number;
  description?: string | null;
}
interface Texts {
  pl: string;
  en: string;
}
interface Change {
  kind: 'added' | 'removed' | 'changed';
  ruleId: string;
  label: string | null;
  summary: Texts;
  fields: { field: string; oldText: Texts; newText: Texts }[];
}
interface Recipient {
  kind: string;
  id: string;
  name: string | null;
  oldMinor: number;
  newMinor: number;
  diffMinor: number;
  changedLines: number;
}
interface SimLine {
  saleId: string;
  saleDate: string;
  product: string;
  ledger: string;
  recipient: { kind: string; id: string; name: string | null };
  oldMinor: number;
  newMinor: number;
  diffMinor: number;
  newRuleId: string | null;
}
interface Simulation {
  from: string;
  to: string;
  salesTotal: number;
  salesSimulated: number;
  totals: { oldMinor: number; newMinor: number; diffMinor: number };
  recipients: Recipient[];
  lines: SimLine[];
  linesTotal: number;
}

/**
 * @summary Commission rule sets: versions, a draft with its problems at their lines, the diff, a
 * simulation over last month's sales and publishing from a date.
 *
 * @event crm-error - A request failed; `event.error` is the `ApiError`.
 * @event crm-rule-set-published - A draft became a version; `event.detail` is `{ version, from }`.
 * @csspart editor - The draft's JSON editor.
 * @csspart problems - The list of the draft's problems.
 * @csspart diff - The table of changed rules.
 * @csspart simulation - The table of recipients.
 * @csspart message - The result of the last action.
 */
export class CrmRuleSets extends CrmElement {
  static override styles = [
    ...CrmElement.styles,
    uiStyles,
    css`
      section.part { margin-top: 1rem; }
      .scroll { overflow-x: auto; }
      table { border-collapse: collapse; width: 100%; }
      td, th { padding: .35rem .5rem; border-bottom: 1px solid var(--crm-color-border, #e2e8f0);
        text-align: left; vertical-align: top; }
      td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
      .up { color: var(--crm-color-success, #166534); }
      .down { color: var(--crm-color-danger, #b91c1c); }
      .editor { display: grid; grid-template-columns: auto 1fr; border: 1px solid var(--crm-color-border, #cbd5e1);
        border-radius: 4px; max-height: 28rem; overflow: hidden; }
      .editor pre, .editor textarea { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .85rem;
        line-height: 1.35; margin: 0; padding: .4rem; }
      .editor pre, .editor textarea { box-sizing: border-box; height: 28rem; }
      .editor pre { text-align: right; color: #475569; background: #f1f5f9; user-select: none; overflow: hidden;
        min-width: 2.5rem; }
      .editor textarea { border: 0; border-radius: 0; min-height: 20rem; height: 28rem; resize: none;
        white-space: pre; overflow: auto; }
      ul.problems { padding-left: 1.2rem; margin: .4rem 0; }
      ul.problems li { margin: .2rem 0; }
      ul.problems button.link { font-weight: 600; }
      .path { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .8rem; color: #475569; }
      tr.lines > td { background: #f8fafc; }
      @media (max-width: 640px) {
        table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
        table.stack tr { display: block; border-bottom: 1px solid var(--crm-color-border, #e2e8f0); padding: .3rem 0; }
        table.stack td { display: flex; justify-content: space-between; gap: .5rem; border: 0; padding: .15rem .3rem;
          text-align: right; }
        table.stack td::before { content: attr(data-label); font-weight: 600; text-align: left; }
        table.stack td.num { white-space: normal; }
        table.stack tr.lines td { display: block; text-align: left; }
        table.stack tr.lines td::before { content: none; }
      }
    `,
  ];

  @state() private versions: Version[] = [];
  @state() private st: DraftState | null = null;
  @state() private text = '';
  @state() private pasted = '';
  @state() private changes: Change[] | null = null;
  @state() private sim: Simulation | null = null;
  @state() private simFrom = '';
  @state() private simTo = '';
  @state() private pubFrom = '';
  @state() private reason = '';
  @state() private expanded = new Set<string>();
  @state() private confirmDiscard = false;
  @state() private message = '';
  @state() private error = '';
  @state() private fieldErrors: Record<string, string> = {};
  private readonly api = new ApiController<unknown>(this);
  /** One step at a time (a double click does nothing twice); `running` names it ('simulate' shows progress). */
  private readonly action = new ActionRunner<void>(this, {
    start: () => {
      this.error = '';
      this.message = '';
      this.fieldErrors = {};
    },
    done: () => {},
    fail: (e) => this.refused('', e),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** Reload the versions and the open draft. */
  async reload(): Promise<void> {
    await this.load();
  }

  private get draft(): Draft | null {
    return this.st?.draft ?? null;
  }

  private async load(): Promise<void> {
    this.error = '';
    try {
      const [versions, st] = await Promise.all([
        this.api.get<{ items: Version[] }>('/api/commission-rule-sets'),
        this.api.get<DraftState>('/api/commission-rule-draft'),
      ]);
      this.versions = versions.items;
      this.setState(st);
    } catch (e) {
      this.error = errorMessage(this, e as ApiError);
    }
  }

  private setState(st: DraftState): void {
    this.st = st;
    this.text = st.draft?.text ?? '';
    this.simFrom ||= st.period.from;
    this.simTo ||= st.period.to;
    this.pubFrom ||= st.publishFrom;
    this.sim = null;
    this.changes = null;
    if (st.draft && !st.draft.problems.length) void this.loadDiff();
  }

  private setDraft(draft: Draft | null): void {
    if (this.st) this.setState({ ...this.st, draft });
  }

  private async loadDiff(): Promise<void> {
    try {
      this.changes = (await this.api.get<{ changes: Change[] }>('/api/commission-rule-draft/diff')).changes;
    } catch (e) {
      this.error = errorMessage(this, e as ApiError);
    }
  }

  private run(name: string, fn: () => Promise<void>): Promise<unknown> {
    return this.action.run(fn, { name, fail: (e) => this.refused(name, e) });
  }

  /** A refused step in the page's language; a stale save reloads the draft first. */
  private async refused(name: string, err: ApiError): Promise<void> {
    if (err.status === 409 && name === 'save') {
      await this.load();
      this.error = t(this, 'stale');
    } else if (err.status === 422 && err.problems?.length) {
      this.fieldErrors = Object.fromEntries(err.problems.map((p) => [p.path, this.problemText(p)]));
      this.error = err.problems.map((p) => this.problemText(p)).join(' ');
    } else this.error = errorMessage(this, err);
  }

  private problemText(p: { path: string; message: string }): string {
    if (p.path === '/from' && this.st?.earliestFrom) return t(this, 'earliest', this.st.earliestFrom);
    if (p.path === '/reason') return t(this, 'needReason');
    return this.resolvedLang === 'pl' ? problemPl(p.message) : p.message;
  }

  private create(body: { text?: string; copyCurrent?: boolean }) {
    return this.run('create', async () => {
      this.setDraft(await this.api.post<Draft>('/api/commission-rule-draft', body));
      this.message = t(this, 'created');
    });
  }

  private async fromFile(e: Event): Promise<void> {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) await this.create({ text: await file.text() });
  }

  private save() {
    return this.run('save', async () => {
      const draft = await this.api.put<Draft>('/api/commission-rule-draft', {
        text: this.text,
        baseRevision: this.draft!.revision,
      });
      this.setDraft(draft);
      this.message = t(this, 'saved');
    });
  }

  private discard() {
    return this.run('discard', async () => {
      await this.api.post('/api/commission-rule-draft/discard', {});
      this.confirmDiscard = false;
      this.setDraft(null);
      this.message = t(this, 'discarded');
    });
  }

  private simulate() {
    return this.run('simulate', async () => {
      this.sim = await this.api.get<Simulation>('/api/commission-rule-draft/simulation', {
        query: { from: this.simFrom, to: this.simTo },
      });
      this.expanded = new Set();
    });
  }

  private publish() {
    if (!this.reason.trim()) {
      this.fieldErrors = { '/reason': t(this, 'needReason') };
      return;
    }
    return this.run('publish', async () => {
      const r = await this.api.post<{ version: number; from: string }>('/api/commission-rule-draft/publish', {
        from: this.pubFrom,
        reason: this.reason.trim(),
        revision: this.draft!.revision,
      });
      this.reason = '';
      await this.load();
      this.message = t(this, 'published', r.version, r.from);
      this.dispatchEvent(new CustomEvent('crm-rule-set-published', { detail: r, bubbles: true, composed: true }));
    });
  }

  /** Puts the caret at a problem's line and column. */
  private goTo(p: Problem): void {
    const area = this.renderRoot.querySelector<HTMLTextAreaElement>('textarea#draft-text');
    if (!area || !p.line) return;
    const lines = area.value.split('\n');
    const offset = lines.slice(0, p.line - 1).reduce((n, l) => n + l.length + 1, 0) + (p.column ?? 1) - 1;
    area.focus();
    area.setSelectionRange(offset, offset);
    const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 16;
    area.scrollTop = Math.max(0, (p.line - 5) * lineHeight);
    this.syncGutter();
  }

  /** Keeps the line numbers level with the text (on scroll, and after a render moved either). */
  private syncGutter(): void {
    const gutter = this.renderRoot.querySelector<HTMLElement>('.editor pre');
    const area = this.renderRoot.querySelector<HTMLTextAreaElement>('textarea#draft-text');
    if (gutter && area) gutter.scrollTop = area.scrollTop;
  }

  override updated(): void {
    this.syncGutter();
  }

  private money = (minor: number) => formatMoney(minor, this.resolvedLang);
  private signed = (minor: number) => `${minor > 0 ? '+' : ''}${this.money(minor)}`;
  private tx = (x: Texts) => (this.resolvedLang === 'pl' ? x.pl : x.en);

  private renderVersions() {
    const lang = this.resolvedLang;
    const pub = new Map((this.st?.published ?? []).map((p) => [p.version, p]));
    return html`<section class="part"><h3>${t(this, 'versions')}</h3>
      <div class="scroll" tabindex="0" role="region" aria-label=${t(this, 'versions')}>
      <table class="stack" part="versions"><thead><tr><th scope="col">${t(this, 'version')}</th>
        <th scope="col">${t(this, 'uploadedAt')}</th><th scope="col" class="num">${t(this, 'rules')}</th>
        <th scope="col">${t(this, 'inForce')}</th><th scope="col">${t(this, 'why')}</th>
        <th scope="col">${t(this, 'description')}</th></tr></thead>
      <tbody>${this.versions.map(
        (v) => html`<tr data-version=${v.version}><td data-label=${t(this, 'version')}>${v.version}</td>
          <td data-label=${t(this, 'uploadedAt')}>${formatDateTime(v.uploadedAt, lang)}</td>
          <td class="num" data-label=${t(this, 'rules')}>${v.ruleCount}</td>
          <td class="from" data-label=${t(this, 'inForce')}>${pub.get(v.version)?.from ?? ''}</td>
          <td class="why" data-label=${t(this, 'why')}>${pub.get(v.version)?.reason ?? ''}</td>
          <td data-label=${t(this, 'description')}>${v.description ?? ''}</td></tr>`,
      )}</tbody></table></div></section>`;
  }

  private renderProblems(list: Problem[], warn: boolean) {
    return html`<ul class="problems" part=${warn ? 'warnings' : 'problems'}>${list.map(
      (p) =>
        html`<li>${
          p.line
            ? html`<button class="link" title=${t(this, 'goTo')} @click=${() => this.goTo(p)}>${t(
                this,
                'at',
                p.line,
                p.column ?? 1,
              )}</button>: `
            : nothing
        }${this.problemText(p)} <span class="path">${p.path || '/'}</span></li>`,
    )}</ul>`;
  }

  private renderNoDraft() {
    const busy = this.action.busy;
    return html`<p class="muted">${t(this, 'noDraft')}</p>
      <div class="row"><button ?disabled=${busy} @click=${() => this.create({ copyCurrent: true })}>${t(
        this,
        'copyCurrent',
      )}</button>
      <label class="field">${t(this, 'file')}<input type="file" accept="application/json,.json"
        ?disabled=${busy} @change=${(e: Event) => this.fromFile(e)}></label></div>
      <div class="field"><label for="paste">${t(this, 'paste')}</label>
        <textarea id="paste" rows="6" .value=${this.pasted}
          @input=${(e: Event) => (this.pasted = (e.target as HTMLTextAreaElement).value)}></textarea></div>
      <div class="actions"><button class="secondary" ?disabled=${busy || !this.pasted.trim()}
        @click=${() => this.create({ text: this.pasted })}>${t(this, 'createDraft')}</button></div>`;
  }

  private renderEditor(d: Draft) {
    const n = this.text.split('\n').length;
    const busy = this.action.busy;
    return html`<p class="muted">${t(this, 'revision', d.revision, d.baseVersion)}</p>
      <label for="draft-text">${t(this, 'editor')}</label>
      <div class="editor" part="editor">
        <pre aria-hidden="true">${Array.from({ length: n }, (_, i) => `${i + 1}\n`).join('')}</pre>
        <textarea id="draft-text" wrap="off" spellcheck="false" autocomplete="off" .value=${this.text}
          aria-invalid=${d.problems.length ? 'true' : 'false'} aria-describedby="draft-problems"
          @input=${(e: Event) => (this.text = (e.target as HTMLTextAreaElement).value)}
          @scroll=${() => this.syncGutter()}></textarea>
      </div>
      <div class="row actions">
        <button ?disabled=${busy || this.text === d.text} @click=${() => this.save()}>${t(this, 'save')}</button>
        ${
          this.confirmDiscard
            ? html`<span>${t(this, 'discardAsk')}</span>
              <button ?disabled=${busy} @click=${() => this.discard()}>${t(this, 'discardYes')}</button>
              <button class="secondary" @click=${() => (this.confirmDiscard = false)}>${t(this, 'keep')}</button>`
            : html`<button class="secondary" ?disabled=${busy} @click=${() => (this.confirmDiscard = true)}>${t(
                this,
                'discard',
              )}</button>`
        }
      </div>
      <div id="draft-problems">${
        d.problems.length
          ? html`<h4>${t(this, 'problems', d.problems.length)}</h4>${this.renderProblems(d.problems, false)}`
          : html`<p class="muted">${t(this, 'noProblems')}</p>`
      }${
        d.warnings.length ? html`<h4>${t(this, 'warnings')}</h4>${this.renderProblems(d.warnings, true)}` : nothing
      }</div>`;
  }

  private renderDiff(d: Draft) {
    if (!this.changes) return nothing;
    return html`<section class="part"><h3>${t(this, 'diff', d.latestVersion)}</h3>${
      !this.changes.length
        ? html`<p class="muted">${t(this, 'noChanges')}</p>`
        : html`<div class="scroll" tabindex="0" role="region" aria-label=${t(this, 'diff', d.latestVersion)}>
          <table class="stack" part="diff"><thead><tr><th scope="col">${t(this, 'rule')}</th>
          <th scope="col">${t(this, 'change')}</th><th scope="col">${t(this, 'details')}</th></tr></thead>
          <tbody>${this.changes.map(
            (c) => html`<tr data-rule=${c.ruleId} data-kind=${c.kind}>
              <td data-label=${t(this, 'rule')}><strong>${c.ruleId}</strong>${
                c.label ? html`<br><span class="muted">${c.label}</span>` : nothing
              }</td>
              <td data-label=${t(this, 'change')}>${t(this, c.kind)}</td>
              <td data-label=${t(this, 'details')}>${
                c.kind === 'changed'
                  ? c.fields.map(
                      (f) =>
                        html`<div class="field-change">${t(this, 'field', f.field)}: ${this.tx(f.oldText)} → ${this.tx(
                          f.newText,
                        )}</div>`,
                    )
                  : this.tx(c.summary)
              }</td></tr>`,
          )}</tbody></table></div>`
    }</section>`;
  }

  private renderLines(r: Recipient) {
    const lines = this.sim!.lines.filter((l) => l.recipient.kind === r.kind && l.recipient.id === r.id);
    return html`<table class="stack lines-of"><thead><tr><th scope="col">${t(this, 'sale')}</th>
      <th scope="col">${t(this, 'product')}</th><th scope="col">${t(this, 'ledger')}</th>
      <th scope="col" class="num">${t(this, 'oldTotal')}</th><th scope="col" class="num">${t(this, 'newTotal')}</th>
      <th scope="col">${t(this, 'ruleNow')}</th></tr></thead><tbody>${lines.map(
        (l) => html`<tr data-sale=${l.saleId}><td data-label=${t(this, 'sale')}>${l.saleDate}</td>
          <td data-label=${t(this, 'product')}>${l.product}</td><td data-label=${t(this, 'ledger')}>${l.ledger}</td>
          <td class="num" data-label=${t(this, 'oldTotal')}>${this.money(l.oldMinor)}</td>
          <td class="num" data-label=${t(this, 'newTotal')}>${this.money(l.newMinor)}</td>
          <td data-label=${t(this, 'ruleNow')}>${l.newRuleId ?? '—'}</td></tr>`,
      )}</tbody></table>`;
  }

  private toggle(key: string): void {
    const next = new Set(this.expanded);
    if (!next.delete(key)) next.add(key);
    this.expanded = next;
  }

  private renderSimulation() {
    const busy = this.action.busy;
    const s = this.sim;
    const cls = (n: number) => (n > 0 ? 'up' : n < 0 ? 'down' : '');
    return html`<section class="part"><h3>${t(this, 'simulation')}</h3><p class="muted">${t(this, 'simIntro')}</p>
      <div class="row"><label class="field">${t(this, 'from')}<input type="date" .value=${this.simFrom}
          @change=${(e: Event) => (this.simFrom = (e.target as HTMLInputElement).value)}></label>
        <label class="field">${t(this, 'to')}<input type="date" .value=${this.simTo}
          @change=${(e: Event) => (this.simTo = (e.target as HTMLInputElement).value)}></label>
        <button ?disabled=${busy} @click=${() => this.simulate()}>${
          this.action.running === 'simulate' ? t(this, 'simulating') : t(this, 'simulate')
        }</button></div>
      ${
        !s
          ? nothing
          : html`<p class="muted" part="sim-count">${t(this, 'simSales', s.salesSimulated, s.salesTotal)}</p>${
              !s.recipients.length
                ? html`<p class="muted">${t(this, 'noSales')}</p>`
                : html`<div class="scroll" tabindex="0" role="region" aria-label=${t(this, 'simulation')}>
                <table class="stack" part="simulation"><thead><tr><th scope="col">${t(this, 'recipient')}</th>
                <th scope="col" class="num">${t(this, 'oldTotal')}</th><th scope="col" class="num">${t(
                  this,
                  'newTotal',
                )}</th><th scope="col" class="num">${t(this, 'difference')}</th><th scope="col"></th></tr></thead>
                <tbody>${s.recipients.map((r) => {
                  const key = `${r.kind}:${r.id}`;
                  const open = this.expanded.has(key);
                  const id = `lines-${r.kind}-${r.id}`;
                  return html`<tr data-recipient=${key}>
                      <td data-label=${t(this, 'recipient')}>${r.name ?? r.id} <span class="muted">(${t(
                        this,
                        'kind',
                        r.kind,
                      )})</span></td>
                      <td class="num old" data-label=${t(this, 'oldTotal')}>${this.money(r.oldMinor)}</td>
                      <td class="num new" data-label=${t(this, 'newTotal')}>${this.money(r.newMinor)}</td>
                      <td class="num diff ${cls(r.diffMinor)}" data-label=${t(this, 'difference')}>${this.signed(
                        r.diffMinor,
                      )}</td>
                      <td data-label="">${
                        r.changedLines
                          ? html`<button class="link" aria-expanded=${String(open)} aria-controls=${id}
                              @click=${() => this.toggle(key)}>${t(this, 'showLines', r.changedLines)}</button>`
                          : nothing
                      }</td></tr>${
                        open
                          ? html`<tr class="lines" id=${id}><td colspan="5">${this.renderLines(r)}</td></tr>`
                          : nothing
                      }`;
                })}<tr class="total"><th scope="row">${t(this, 'total')}</th>
                  <td class="num" data-label=${t(this, 'oldTotal')}>${this.money(s.totals.oldMinor)}</td>
                  <td class="num" data-label=${t(this, 'newTotal')}>${this.money(s.totals.newMinor)}</td>
                  <td class="num ${cls(s.totals.diffMinor)}" data-label=${t(this, 'difference')}>${this.signed(
                    s.totals.diffMinor,
                  )}</td><td></td></tr></tbody></table></div>${
                    s.linesTotal > s.lines.length
                      ? html`<p class="muted">${t(this, 'linesCapped', s.lines.length, s.linesTotal)}</p>`
                      : nothing
                  }`
            }`
      }</section>`;
  }

  private renderPublish() {
    const busy = this.action.busy;
    const st = this.st!;
    const reasonError = this.fieldErrors['/reason'];
    const fromError = this.fieldErrors['/from'];
    return html`<section class="part"><h3>${t(this, 'publish')}</h3><p class="muted">${t(this, 'publishHint')}</p>
      <div class="grid"><div class="field"><label for="pub-from">${t(this, 'publishFrom')}</label>
        <input id="pub-from" type="date" .value=${this.pubFrom} min=${st.earliestFrom ?? nothing}
          aria-invalid=${fromError ? 'true' : 'false'} aria-describedby="pub-from-note"
          @change=${(e: Event) => (this.pubFrom = (e.target as HTMLInputElement).value)}>
        <span id="pub-from-note" class=${fromError ? 'field-error' : 'muted'}>${
          fromError ?? (st.earliestFrom ? t(this, 'earliest', st.earliestFrom) : '')
        }</span></div></div>
      <div class="field"><label for="pub-reason">${t(this, 'reason')}</label>
        <textarea id="pub-reason" rows="2" maxlength="1000" .value=${this.reason}
          aria-invalid=${reasonError ? 'true' : 'false'} aria-describedby="pub-reason-error"
          @input=${(e: Event) => (this.reason = (e.target as HTMLTextAreaElement).value)}></textarea>
        <span id="pub-reason-error" class="field-error">${reasonError ?? ''}</span></div>
      <div class="actions"><button ?disabled=${busy || this.text !== this.draft?.text} @click=${() =>
        this.publish()}>${t(this, 'publishBtn')}</button></div></section>`;
  }

  override render() {
    const d = this.draft;
    return html`<section part="base"><h2>${t(this, 'title')}</h2>
      <div aria-live="polite">${
        this.message ? html`<p part="message" class="message" data-kind="ok">${this.message}</p>` : nothing
      }</div>
      ${this.error ? html`<p class="message" data-kind="error" role="alert">${this.error}</p>` : nothing}
      ${
        !this.st
          ? html`<p class="muted">${t(this, 'loading')}</p>`
          : html`<section class="part"><h3>${t(this, 'draft')}</h3>${
              d ? this.renderEditor(d) : this.renderNoDraft()
            }</section>
            ${
              d && !d.problems.length
                ? html`${this.renderDiff(d)}${this.renderSimulation()}${this.renderPublish()}`
                : d
                  ? html`<p class="muted">${t(this, 'fixFirst')}</p>`
                  : nothing
            }
            ${this.renderVersions()}`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-rule-sets': CrmRuleSets;
  }
}
