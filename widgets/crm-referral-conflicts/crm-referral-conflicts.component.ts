/**
 * @module widgets/crm-referral-conflicts/component
 * `<crm-referral-conflicts>`: for a manager, the referral conflicts within their scope — two
 * partners referred the same person within the protection window. Each conflict shows the client
 * (a link to the card; the name only when the manager may read the client), the advisor, and the
 * two referrals side by side: partner, representative, date referred, protection end, source, who
 * registered it. The manager picks the winning referral and writes why; the decision shows as
 * resolved with who and when. Over `GET /api/referral-conflicts` and
 * `POST /api/referral-conflicts/:id/resolve` (`clients:assign`) and `/api/clients/schema` (source labels).
 */
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { ActionRunner } from '../base/action-runner.ts';
import { ApiController } from '../base/api-controller.ts';
import type { ApiError } from '../base/api-error.ts';
import { CrmElement } from '../base/crm-element.ts';
import { errorMessage, formatDate, formatDateTime } from '../base/i18n.ts';
import { uiStyles } from '../base/ui-styles.ts';
import { t } from './words.ts';

type Label = { pl: string; en: string };
interface Named {
  id: string;
  name: string;
}
interface Referral {
  leadId: string | null;
  partner: Named;
  representative: Named | null;
  referredAt: string;
  protectionEndsAt: string;
  source: string | null;
  registeredBy: (Named & { kind: 'user' | 'api-key' | 'form-key' }) | null;
}
/** One conflict as `GET /api/referral-conflicts` answers it. */
export interface Conflict {
  id: string;
  clientId: string;
  at: string;
  status: 'open' | 'resolved';
  client: { id: string; name: string | null };
  owner: Named | null;
  referrals: [Referral, Referral];
  note: string | null;
  decision: { winner: 'first' | 'second' | null; partner: Named | null; by: Named | null; at: string } | null;
}

/**
 * @summary Referral conflicts for a manager: two referrals side by side, pick the winner with a reason.
 *
 * @event crm-error - A request failed; `event.error` is the `ApiError`.
 * @csspart conflict - One conflict.
 * @csspart message - The result of the last decision.
 */
export class CrmReferralConflicts extends CrmElement {
  static override styles = [
    ...CrmElement.styles,
    uiStyles,
    css`
      article { border: 1px solid var(--crm-color-border, #e2e8f0); border-radius: var(--crm-radius, 6px);
        padding: .75rem; margin: .75rem 0; }
      article h3 { margin: 0 0 .25rem; }
      .scroll { overflow-x: auto; }
      table { border-collapse: collapse; width: 100%; table-layout: fixed; }
      th, td { padding: .3rem .4rem; border-bottom: 1px solid var(--crm-color-border, #e2e8f0); text-align: left;
        vertical-align: top; overflow-wrap: anywhere; }
      thead th { width: 40%; }
      thead th:first-child, tbody th { width: 20%; font-weight: normal; color: var(--crm-color-text-muted, #475569); }
      fieldset { border: 0; padding: 0; margin: .5rem 0; }
      legend { font-weight: 600; margin-bottom: .25rem; }
      .choice { display: flex; gap: .4rem; align-items: flex-start; margin: .2rem 0; }
      textarea { width: 100%; min-height: 3rem; box-sizing: border-box; }
      .won { font-weight: 600; }
      /* A phone: the row names keep their words whole; the two referrals share the rest. */
      @media (max-width: 560px) {
        tbody th { overflow-wrap: normal; hyphens: auto; width: 26%; font-size: .85rem; }
        thead th:first-child { width: 26%; }
        thead th { width: 37%; }
      }
    `,
  ];

  @state() private items: Conflict[] = [];
  @state() private sources: Record<string, Label> = {};
  @state() private withResolved = false;
  /** The last decision's client and winner: the message is worded in the language of the moment. */
  @state() private decided: [string, string] | null = null;
  @state() private error = '';
  @state() private problems: Record<string, string> = {};
  private readonly api = new ApiController<unknown>(this);
  /** One decision at a time (a double click records one); the list reloads before the decision is said. */
  private readonly action = new ActionRunner<Conflict>(this, {
    start: () => {
      this.error = '';
      this.decided = null;
    },
    refresh: () => this.load(),
    done: (c) => (this.decided = [this.clientName(c), c.decision?.partner?.name ?? '']),
    fail: async (e) => {
      // Reload first (it clears the error), then say why: a refused decision (another manager was
      // quicker) shows the conflict as it now is, with the reason above it.
      const why = e.status === 409 ? t(this, 'alreadyDecided') : errorMessage(this, e);
      await this.load();
      this.error = this.error ? `${why} ${this.error}` : why;
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** Reload the conflicts. */
  async reload(): Promise<void> {
    await this.load();
  }

  private async load(): Promise<void> {
    this.error = '';
    try {
      const [list, schema] = await Promise.all([
        this.api.get<{ items: Conflict[] }>(`/api/referral-conflicts?includeResolved=${this.withResolved}`),
        this.api.get<{ types: Record<string, { sources: Record<string, { label: Label }> }> }>('/api/clients/schema'),
      ]);
      this.items = list.items;
      const sources: Record<string, Label> = {};
      for (const type of Object.values(schema.types))
        for (const [id, s] of Object.entries(type.sources)) sources[id] ??= s.label;
      this.sources = sources;
    } catch (e) {
      this.error = errorMessage(this, e as ApiError);
    }
  }

  private clientName(c: Conflict): string {
    return c.client.name ?? t(this, 'clientHidden');
  }

  private decide(e: SubmitEvent, c: Conflict): Promise<unknown> | void {
    e.preventDefault();
    if (this.action.busy) return; // a double click records one decision
    const data = new FormData(e.target as HTMLFormElement);
    const winner = String(data.get('winner') ?? '');
    const note = String(data.get('note') ?? '').trim();
    const problems: Record<string, string> = {};
    if (winner !== 'first' && winner !== 'second') problems[`${c.id}:winner`] = t(this, 'needWinner');
    if (!note) problems[`${c.id}:note`] = t(this, 'needNote');
    this.problems = problems;
    if (Object.keys(problems).length) return;
    return this.action.run(async () => {
      const done = await this.api.post<Conflict>(`/api/referral-conflicts/${encodeURIComponent(c.id)}/resolve`, {
        winner,
        note,
      });
      this.withResolved = true; // the decision stays on screen, shown as resolved
      return done;
    });
  }

  private registeredBy(r: Referral): string {
    const by = r.registeredBy;
    if (!by) return '—';
    if (by.kind === 'api-key') return t(this, 'viaApiKey', by.name);
    if (by.kind === 'form-key') return t(this, 'viaFormKey', by.name);
    return by.name;
  }

  private renderSideBySide(c: Conflict) {
    const lang = this.resolvedLang;
    const [a, b] = c.referrals;
    const row = (head: string, cell: (r: Referral) => unknown) =>
      html`<tr><th scope="row">${head}</th><td>${cell(a)}</td><td>${cell(b)}</td></tr>`;
    const won = (which: 'first' | 'second') => c.decision?.winner === which;
    const region = `${t(this, 'title')}: ${this.clientName(c)}`;
    return html`<div class="scroll" tabindex="0" role="region" aria-label=${region}>
      <table><thead><tr><th scope="col"><span class="visually-hidden">${t(this, 'partner')}</span></th>
        <th scope="col" class=${won('first') ? 'won' : ''}>${t(this, 'first')}</th>
        <th scope="col" class=${won('second') ? 'won' : ''}>${t(this, 'second')}</th></tr></thead>
      <tbody>
        ${row(t(this, 'partner'), (r) => html`<strong>${r.partner.name}</strong>`)}
        ${row(t(this, 'representative'), (r) => r.representative?.name ?? '—')}
        ${row(t(this, 'referredAt'), (r) => formatDateTime(r.referredAt, lang))}
        ${row(t(this, 'protectionEnds'), (r) => formatDate(r.protectionEndsAt, lang))}
        ${row(t(this, 'source'), (r) => (r.source ? (this.sources[r.source]?.[lang] ?? r.source) : '—'))}
        ${row(t(this, 'registeredBy'), (r) => this.registeredBy(r))}
      </tbody></table></div>`;
  }

  private renderDecision(c: Conflict) {
    const lang = this.resolvedLang;
    if (c.decision)
      return html`<p><span class="badge">${t(this, 'resolved')}</span>
          ${
            c.decision.winner && c.decision.partner
              ? html`<strong>${t(this, 'won', c.decision.partner.name)}</strong>`
              : t(this, 'keptOld')
          }</p>
        <p class="muted">${t(this, 'resolvedBy', c.decision.by?.name ?? '—', formatDateTime(c.decision.at, lang))}</p>
        ${c.note ? html`<p><span class="muted">${t(this, 'noteLabel')}:</span> ${c.note}</p>` : nothing}`;
    const [a, b] = c.referrals;
    const winErr = this.problems[`${c.id}:winner`];
    const noteErr = this.problems[`${c.id}:note`];
    const noteId = `note-${c.id}`;
    return html`<form novalidate @submit=${(e: SubmitEvent) => this.decide(e, c)}>
      <fieldset aria-describedby=${winErr ? `winner-err-${c.id}` : nothing}>
        <legend>${t(this, 'winner')}</legend>
        <label class="choice"><input type="radio" name="winner" value="first">
          ${t(this, 'winnerOf', t(this, 'first'), a.partner.name)}</label>
        <label class="choice"><input type="radio" name="winner" value="second">
          ${t(this, 'winnerOf', t(this, 'second'), b.partner.name)}</label>
        ${winErr ? html`<p class="field-error" id=${`winner-err-${c.id}`}>${winErr}</p>` : nothing}
      </fieldset>
      <div class="field"><label for=${noteId}>${t(this, 'note')}</label>
        <textarea id=${noteId} name="note" maxlength="2000" aria-invalid=${noteErr ? 'true' : 'false'}
          aria-describedby=${noteErr ? `note-err-${c.id}` : nothing}></textarea>
        ${noteErr ? html`<p class="field-error" id=${`note-err-${c.id}`}>${noteErr}</p>` : nothing}</div>
      <div class="actions"><button type="submit" ?disabled=${this.action.busy}>${t(this, 'decide')}</button></div>
    </form>`;
  }

  private renderConflict(c: Conflict) {
    const lang = this.resolvedLang;
    return html`<article part="conflict" data-id=${c.id} data-status=${c.status}>
      <h3>${
        c.client.name
          ? html`<a href=${`#client=${encodeURIComponent(c.client.id)}`} title=${t(this, 'openCard')}
              >${c.client.name}</a>`
          : t(this, 'clientHidden')
      }</h3>
      <p class="muted">${t(this, 'advisor')}: ${c.owner?.name ?? t(this, 'noAdvisor')} ·
        ${t(this, 'recorded', formatDate(c.at, lang))} ·
        ${c.status === 'open' ? t(this, 'open') : t(this, 'resolved')}</p>
      ${this.renderSideBySide(c)}
      ${this.renderDecision(c)}
    </article>`;
  }

  override render() {
    return html`<section part="base"><h2>${t(this, 'title')}</h2>
      <p class="muted">${t(this, 'intro')}</p>
      <label><input type="checkbox" .checked=${this.withResolved} @change=${(e: Event) => {
        this.withResolved = (e.target as HTMLInputElement).checked;
        void this.load();
      }}> ${t(this, 'showResolved')}</label>
      <div aria-live="polite">${
        this.decided
          ? html`<p part="message" class="message" data-kind="ok">${t(this, 'decided', ...this.decided)}</p>`
          : nothing
      }</div>
      ${this.error ? html`<p class="message" data-kind="error" role="alert">${this.error}</p>` : nothing}
      ${
        this.items.length
          ? this.items.map((c) => this.renderConflict(c))
          : html`<p class="muted">${t(this, 'none')}</p>`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-referral-conflicts': CrmReferralConflicts;
  }
}
