/**
 * @module widgets/crm-timeline/component
 * `<crm-timeline client-id>`: one client's history, newest first — status changes (who, from, to,
 * note, the fields the move required) and contacts (type, outcome, note, next step) — paged by
 * the API's cursor, with a small form to record a contact. A contact's next step becomes a dated
 * task in the calendar (the person's own, or a colleague's they may delegate to), and the client's
 * open tasks are listed above the history ("Zadania"), each with a "done" button. Money in a move's
 * fields is shown from grosze; fields the user may not read are not in the API's answer and so not
 * here either.
 */
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiController } from '../base/api-controller.ts';
import type { ApiError } from '../base/api-error.ts';
import { loadForClient } from '../base/client-load.ts';
import { CrmElement } from '../base/crm-element.ts';
import { labelIn, workflowMeta, type WorkflowMeta } from '../base/crm-meta.ts';
import { defineTranslations, errorMessage, formatDateTime, formatMoney, t as common } from '../base/i18n.ts';
import { badgeColor } from '../base/badge.ts';
import { uiStyles } from '../base/ui-styles.ts';
import { zlotyLabel } from '../base/schema-form.ts';
import { CrmActivityAddEvent } from './events.ts';
import { timelineStyles } from './crm-timeline.styles.ts';

interface Who {
  id: string | null;
  name: string | null;
}
/** One entry of `GET /api/clients/:id/timeline`. */
export type TimelineItem =
  | {
      kind: 'status';
      id: string;
      at: string;
      actor: Who;
      from: string | null;
      to: string;
      note: string | null;
      fields: Record<string, unknown>;
      /** What the person confirmed with the move: `uncovered-sale` (a sale no commission rule covers). */
      acknowledged?: string[];
    }
  | {
      kind: 'activity';
      id: string;
      at: string;
      actor: Who;
      type: string;
      outcome: string | null;
      note: string | null;
      nextStep: { at: string; note: string | null } | null;
    };

interface Page {
  items: TimelineItem[];
  nextCursor: string | null;
}

/** One of `GET /api/clients/:id/tasks` (a calendar entry). */
interface Task {
  itemId: string;
  title: string;
  start: string;
  status: 'planned' | 'done' | 'cancelled';
  assignee: { id: string; name: string };
  overdue: boolean;
}
interface CalendarPerson {
  id: string;
  name: string;
  me: boolean;
}

const t = defineTranslations({
  pl: {
    title: 'Historia',
    add: 'Dodaj kontakt',
    type: 'Rodzaj',
    outcome: 'Wynik',
    none: '—',
    note: 'Notatka',
    nextAt: 'Następny krok (data)',
    nextTime: 'Godzina',
    nextNote: 'Następny krok',
    nextFor: 'Zadanie dla',
    tasks: 'Zadania',
    noTasks: 'Brak otwartych zadań',
    taskDone: 'Zrobione',
    markDone: (title: string) => `Oznacz jako zrobione: ${title}`,
    overdue: 'po terminie',
    addedTask: 'Kontakt zapisany; następny krok jest w kalendarzu jako zadanie',
    taskFailed: 'Nie udało się zmienić zadania',
    save: 'Zapisz kontakt',
    cancel: 'Anuluj',
    more: 'Starsze wpisy',
    empty: 'Brak wpisów',
    created: 'Klient dodany',
    next: 'Następny krok:',
    added: 'Kontakt zapisany',
    moved: (from: string, to: string) => `${from} → ${to}`,
  },
  en: {
    title: 'History',
    add: 'Add contact',
    type: 'Type',
    outcome: 'Outcome',
    none: '—',
    note: 'Note',
    nextAt: 'Next step (date)',
    nextTime: 'Time',
    nextNote: 'Next step',
    nextFor: 'Task for',
    tasks: 'Tasks',
    noTasks: 'No open tasks',
    taskDone: 'Done',
    markDone: (title: string) => `Mark as done: ${title}`,
    overdue: 'overdue',
    addedTask: 'Contact saved; the next step is in the calendar as a task',
    taskFailed: 'The task could not be changed',
    save: 'Save contact',
    cancel: 'Cancel',
    more: 'Older entries',
    empty: 'No entries yet',
    created: 'Client added',
    next: 'Next step:',
    added: 'Contact saved',
    moved: (from: string, to: string) => `${from} → ${to}`,
  },
});

const fallbackTypes = ['note', 'call', 'meeting'];

/**
 * @summary A client's status history and contacts, newest first, with a form to record a contact.
 *
 * @event crm-activity-add - A contact was recorded (its next step is a task); `event.clientId`, `event.activityType`.
 * @event crm-error - Loading the history failed; `event.error` is the `ApiError`.
 * @csspart base - The panel.
 * @csspart header - Title and the "add contact" button.
 * @csspart item - One entry (also `status` or `activity`).
 * @csspart form - The "add contact" form.
 * @csspart button - Buttons.
 * @csspart more - The "older entries" button.
 * @csspart message - A success or error message.
 * @csspart empty - Shown when there are no entries.
 * @csspart tasks - The client's open tasks ("Zadania"), for those who may see calendars.
 * @csspart task - One open task with its "done" button.
 * @cssproperty --crm-color-border - The timeline rule.
 * @cssproperty --crm-color-warning - The "next step" line.
 */
export class CrmTimeline extends CrmElement {
  static override styles = [...CrmElement.styles, uiStyles, timelineStyles];

  /** Id of the client whose history to show. */
  @property({ attribute: 'client-id', reflect: true }) clientId = '';
  /** Entries per page. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;

  @state() private items: TimelineItem[] = [];
  @state() private nextCursor: string | null = null;
  @state() private adding = false;
  @state() private draft = {
    type: 'note',
    outcome: '',
    note: '',
    nextAt: '',
    nextTime: '09:00',
    nextNote: '',
    nextFor: '',
  };
  /** The client's tasks; null when the person may not see calendars (the list is then not shown). */
  @state() private tasks: Task[] | null = null;
  @state() private people: CalendarPerson[] = [];
  @state() private message: { kind: 'ok' | 'error'; text: string; list?: string[] } | undefined;
  @state() private sending = false;
  @state() private workflow: WorkflowMeta | undefined;

  private readonly api = new ApiController<Page>(this);
  private readonly side = new ApiController<unknown>(this);

  override connectedCallback(): void {
    super.connectedCallback();
    workflowMeta(this.side, this.apiConfig.baseUrl).then(
      (w) => (this.workflow = w),
      () => undefined,
    );
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('clientId')) {
      this.items = [];
      this.nextCursor = null;
      this.adding = false;
      this.message = undefined;
      this.tasks = null;
      if (this.clientId) void this.reload();
    }
  }

  /** Loads the newest page and the client's tasks again (e.g. after a status change elsewhere on the page). */
  async reload(): Promise<void> {
    const [page] = await Promise.all([
      loadForClient(this, this.api, '/timeline', { limit: this.pageSize }),
      this.loadTasks(),
    ]);
    if (page) {
      this.items = page.items;
      this.nextCursor = page.nextCursor;
    }
    await this.updateComplete;
  }

  private async loadTasks(): Promise<void> {
    const id = this.clientId;
    try {
      const r = await this.side.get<{ items: Task[] }>(`/api/clients/${encodeURIComponent(id)}/tasks`);
      if (this.clientId === id) this.tasks = r.items;
    } catch {
      if (this.clientId === id) this.tasks = null; // no calendar for this person: no list
    }
  }

  private async completeTask(task: Task): Promise<void> {
    try {
      await this.side.post(`/api/calendar/items/${encodeURIComponent(task.itemId)}/complete`, {});
      await this.loadTasks();
    } catch (error) {
      this.message = { kind: 'error', text: `${t(this, 'taskFailed')}: ${errorMessage(this, error as ApiError)}` };
    }
  }

  private openForm(): void {
    this.adding = true;
    this.message = undefined;
    if (!this.people.length)
      this.side.get<{ items: CalendarPerson[] }>('/api/calendar/people').then(
        (r) => (this.people = r.items),
        () => undefined, // no calendar: the step is recorded on the contact only
      );
  }

  private async older(): Promise<void> {
    if (!this.nextCursor) return;
    const page = await loadForClient(this, this.api, '/timeline', { limit: this.pageSize, cursor: this.nextCursor });
    if (page) {
      this.items = [...this.items, ...page.items];
      this.nextCursor = page.nextCursor;
    }
  }

  private async add(e: Event): Promise<void> {
    e.preventDefault();
    if (this.sending) return; // a double click records one contact
    const d = this.draft;
    const me = this.people.find((p) => p.me)?.id;
    const body = {
      type: d.type,
      outcome: d.outcome || null,
      note: d.note.trim() || null,
      // The date and time as typed, in the firm's zone (the server resolves DST); it becomes a task.
      nextStep: d.nextAt
        ? {
            at: `${d.nextAt}T${d.nextTime || '09:00'}`,
            note: d.nextNote.trim() || null,
            ...(d.nextFor && d.nextFor !== me ? { assigneeId: d.nextFor } : {}),
          }
        : null,
    };
    this.sending = true;
    try {
      const made = await this.api.post<{ id: string; taskId?: string | null }>(
        `/api/clients/${encodeURIComponent(this.clientId)}/activities`,
        body,
      );
      this.adding = false;
      this.draft = { ...d, outcome: '', note: '', nextAt: '', nextTime: '09:00', nextNote: '' };
      this.message = { kind: 'ok', text: t(this, made.taskId ? 'addedTask' : 'added') };
      this.dispatchEvent(new CrmActivityAddEvent(this.clientId, body.type));
      await this.reload();
    } catch (error) {
      const err = error as ApiError;
      this.message = {
        kind: 'error',
        text: err.status === 422 || err.status === 400 ? err.message : errorMessage(this, err),
        list: err.problems.map((p) => p.message),
      };
    } finally {
      this.sending = false;
    }
  }

  private fieldValue(name: string, v: unknown): string {
    if (/Minor$/.test(name) && typeof v === 'number') return formatMoney(v, this.resolvedLang);
    // A pick-list value by its configured label (workflow.fields.<name>.enumLabels), e.g. a cancellation kind.
    const labels = (this.workflow?.fields[name] as { enumLabels?: Record<string, { pl?: string; en?: string }> })
      ?.enumLabels;
    const label = typeof v === 'string' && labels && Object.hasOwn(labels, v) ? labels[v] : undefined;
    if (label) return label[this.resolvedLang] ?? label.pl ?? String(v);
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }

  private renderItem(item: TimelineItem) {
    const lang = this.resolvedLang;
    const when = html`<div class="when">${formatDateTime(item.at, lang)}${
      item.actor.name ? html` · ${item.actor.name}` : nothing
    }</div>`;
    if (item.kind === 'status') {
      const color = this.workflow?.statuses[item.to]?.color;
      const to = labelIn(this.workflow?.statuses, item.to, lang);
      const fields = Object.entries(item.fields ?? {});
      return html`<li part="item status" data-kind="status" ${badgeColor(color)}>
        ${when}
        <div class="what">${
          item.from
            ? t(this, 'moved', labelIn(this.workflow?.statuses, item.from, lang), to)
            : html`${t(this, 'created')} · ${to}`
        }</div>
        ${
          fields.length
            ? html`<div class="muted">${fields.map(
                ([k, v], i) =>
                  html`${i ? ' · ' : ''}${
                    /Minor$/.test(k)
                      ? zlotyLabel(labelIn(this.workflow?.fields, k, lang))
                      : labelIn(this.workflow?.fields, k, lang)
                  }: ${this.fieldValue(k, v)}`,
              )}</div>`
            : nothing
        }
        ${
          item.acknowledged?.includes('uncovered-sale')
            ? html`<p class="muted" part="acknowledged">${acknowledgedText(this, 'uncovered')}</p>`
            : nothing
        }
        ${item.note ? html`<p class="note">${item.note}</p>` : nothing}
      </li>`;
    }
    return html`<li part="item activity" data-kind="activity">
      ${when}
      <div class="what">${labelIn(this.workflow?.activityTypes, item.type, lang)}${
        item.outcome
          ? html` · <span class="muted">${labelIn(this.workflow?.outcomes, item.outcome, lang)}</span>`
          : nothing
      }</div>
      ${item.note ? html`<p class="note">${item.note}</p>` : nothing}
      ${
        item.nextStep
          ? html`<div class="next">${t(this, 'next')} ${formatDateTime(item.nextStep.at, lang)}${
              item.nextStep.note ? html` — ${item.nextStep.note}` : nothing
            }</div>`
          : nothing
      }
    </li>`;
  }

  private renderForm() {
    const lang = this.resolvedLang;
    const types = Object.keys(this.workflow?.activityTypes ?? {});
    const outcomes = Object.keys(this.workflow?.outcomes ?? {});
    const set = (k: keyof CrmTimeline['draft']) => (e: Event) =>
      (this.draft = { ...this.draft, [k]: (e.target as HTMLInputElement).value });
    return html`<form part="form" @submit=${this.add}>
      <div class="row">
        <div class="field"><label for="tl-type">${t(this, 'type')}</label>
          <select id="tl-type" @change=${set('type')}>${(types.length ? types : fallbackTypes).map(
            (id) =>
              html`<option value=${id} ?selected=${id === this.draft.type}>${labelIn(
                this.workflow?.activityTypes,
                id,
                lang,
              )}</option>`,
          )}</select></div>
        <div class="field"><label for="tl-outcome">${t(this, 'outcome')}</label>
          <select id="tl-outcome" @change=${set('outcome')}><option value=""
            ?selected=${!this.draft.outcome}>${t(this, 'none')}</option>
            ${outcomes.map(
              (id) =>
                html`<option value=${id} ?selected=${id === this.draft.outcome}>${labelIn(
                  this.workflow?.outcomes,
                  id,
                  lang,
                )}</option>`,
            )}</select></div>
      </div>
      <div class="field"><label for="tl-note">${t(this, 'note')}</label><textarea id="tl-note" .value=${this.draft.note}
        @input=${set('note')}></textarea></div>
      <div class="row">
        <div class="field"><label for="tl-next-at">${t(this, 'nextAt')}</label><input id="tl-next-at" type="date"
          .value=${this.draft.nextAt} @input=${set('nextAt')}></div>
        <div class="field"><label for="tl-next-time">${t(this, 'nextTime')}</label><input id="tl-next-time"
          type="time" .value=${this.draft.nextTime} @input=${set('nextTime')}></div>
      </div>
      <div class="row">
        <div class="field"><label for="tl-next-note">${t(this, 'nextNote')}</label><input id="tl-next-note"
          .value=${this.draft.nextNote} @input=${set('nextNote')}></div>
        ${
          this.people.length > 1
            ? html`<div class="field"><label for="tl-next-for">${t(this, 'nextFor')}</label>
              <select id="tl-next-for" @change=${set('nextFor')}>${this.people.map(
                (p) =>
                  html`<option value=${p.id} ?selected=${
                    this.draft.nextFor ? p.id === this.draft.nextFor : p.me
                  }>${p.name}</option>`,
              )}</select></div>`
            : nothing
        }
      </div>
      <div class="row">
        <button part="button" type="submit" ?disabled=${this.sending}>${
          this.sending ? common(this, 'loading') : t(this, 'save')
        }</button>
        <button part="button" type="button" class="secondary"
          @click=${() => (this.adding = false)}>${t(this, 'cancel')}</button>
      </div>
    </form>`;
  }

  private renderTasks() {
    if (!this.tasks) return nothing;
    const lang = this.resolvedLang;
    const open = this.tasks.filter((x) => x.status === 'planned');
    return html`<section part="tasks" class="tasks" aria-labelledby="tl-tasks">
      <h4 id="tl-tasks">${t(this, 'tasks')}</h4>
      ${
        open.length
          ? html`<ul>${open.map(
              (x) => html`<li part="task" data-id=${x.itemId} ?data-overdue=${x.overdue}>
                <span class="due">${formatDateTime(x.start, lang)}</span>
                <span class="title">${x.title}</span>
                <span class="muted">${x.assignee.name}</span>
                ${x.overdue ? html`<span class="late">${t(this, 'overdue')}</span>` : nothing}
                <button part="button" class="secondary" aria-label=${t(this, 'markDone', x.title)}
                  @click=${() => this.completeTask(x)}>${t(this, 'taskDone')}</button>
              </li>`,
            )}</ul>`
          : html`<p class="muted">${t(this, 'noTasks')}</p>`
      }
    </section>`;
  }

  override render() {
    if (!this.clientId) return nothing;
    const { loading, error } = this.api;
    const msg = this.message;
    return html`<section part="base" aria-busy=${loading ? 'true' : 'false'}>
      <div part="header" class="row"><h3 class="inline">${t(this, 'title')}</h3><span class="spacer"></span>
        ${
          this.adding
            ? nothing
            : html`<button part="button" class="secondary" @click=${() => this.openForm()}>${t(this, 'add')}</button>`
        }</div>
      <div aria-live="polite">${
        msg
          ? html`<div part="message" class="message" data-kind=${msg.kind} role=${
              msg.kind === 'error' ? 'alert' : 'status'
            }>${msg.text}
        ${msg.list?.length ? html`<ul>${msg.list.map((m) => html`<li>${m}</li>`)}</ul>` : nothing}</div>`
          : nothing
      }</div>
      ${this.adding ? this.renderForm() : nothing}
      ${this.renderTasks()}
      ${
        error
          ? html`<p class="message" data-kind="error" role="alert">${errorMessage(this, error)} <button class="link"
            @click=${() => this.reload()}>${common(this, 'retry')}</button></p>`
          : nothing
      }
      <ol aria-label=${t(this, 'title')}>${this.items.map((i) => this.renderItem(i))}</ol>
      ${
        !loading && !error && !this.items.length ? html`<p part="empty" class="muted">${t(this, 'empty')}</p>` : nothing
      }
      ${
        this.nextCursor
          ? html`<button part="more" class="secondary" ?disabled=${loading}
            @click=${() => this.older()}>${t(this, 'more')}</button>`
          : nothing
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-timeline': CrmTimeline;
  }
}

/** What a person confirmed with a status move, as the history shows it. */
const acknowledgedText = defineTranslations({
  pl: { uncovered: 'Potwierdzono sprzedaż, której nie obejmuje żadna reguła prowizyjna.' },
  en: { uncovered: 'Confirmed a sale no commission rule covers.' },
});
