/**
 * @module widgets/crm-calendar/component
 * `<crm-calendar>`: day, week and month views of one's own calendar and, for supervisors, a team
 * member's or the whole team's; create items, delegate tasks, move items by drag or keyboard,
 * complete or cancel them, and see a meeting's planned SMS reminders with their send times.
 * Entries are grouped by the LOCAL start the server sends, so DST needs no code here.
 */
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiController } from '../base/api-controller.ts';
import type { ApiError } from '../base/api-error.ts';
import { CrmElement } from '../base/crm-element.ts';
import { CrmEvent } from '../base/events.ts';
import { errorMessage, t as common } from '../base/i18n.ts';
// The item form chooses its client with the picker (registered here, so the calendar's own bundle has it).
import '../crm-client-picker/index.ts';
import type { CrmClientPicker } from '../crm-client-picker/index.ts';
import { calendarStyles } from './crm-calendar.styles.ts';
import { addDays, addMinutes, daysOf, step, todayIn, type View } from './dates.ts';
import { t } from './i18n.ts';
import type { Entry, ItemResult, Person, Reminder } from './types.ts';

/** Fired when a person opens an entry (a click, not the re-opening after a save or move); `entry` is it. */
export class CrmCalendarSelectEvent extends CrmEvent {
  constructor(readonly entry: Entry) {
    super('crm-calendar-select');
  }
}

type Detail = { entry: Entry; reminders: Reminder[] | null };

/**
 * @summary A calendar with day/week/month views, delegation, moves and meeting reminders.
 *
 * @event crm-calendar-select - A person opened an entry (not fired when a saved or moved entry is re-opened);
 * `event.entry` is it.
 * @event crm-error - A request failed; `event.error` is the `ApiError`.
 * @csspart toolbar - The bar with navigation, views and the person picker.
 * @csspart range - The text naming the shown dates.
 * @csspart grid - The days.
 * @csspart day - One day's cell.
 * @csspart item - One entry (a button).
 * @csspart detail - The opened entry with its actions and reminders.
 * @csspart reminders - The list of a meeting's SMS reminders.
 * @csspart reminder - One reminder.
 * @csspart form - The form for a new item.
 * @cssproperty --crm-color-primary - Meetings and the selected view.
 * @cssproperty --crm-color-warning - Tasks.
 * @cssproperty --crm-color-danger - Double bookings and overdue tasks.
 */
export class CrmCalendar extends CrmElement {
  static override styles = [...CrmElement.styles, calendarStyles];

  /** `day`, `week` or `month`. */
  @property() view: View = 'week';
  /** A date inside the shown range, `YYYY-MM-DD`; default today in `zone`. */
  @property() date = '';
  /** Whose calendar: a user id, `team` for everyone in scope, empty for one's own. */
  @property({ attribute: 'user-id' }) userId = '';
  /** The firm's zone, for "today" and reminder times. */
  @property() zone = 'Europe/Warsaw';

  @state() private entries: Entry[] = [];
  @state() private people: Person[] = [];
  @state() private detail: Detail | null = null;
  @state() private formOpen = false;
  @state() private notice = '';
  @state() private failure = '';
  @state() private dropDay = '';
  private readonly api = new ApiController<Entry[]>(this);

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.date) this.date = todayIn(this.zone);
    void this.api.get<{ items: Person[] }>('/api/calendar/people').then(
      (r) => {
        this.people = r.items;
      },
      () => {},
    );
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('view') || changed.has('date') || changed.has('userId')) void this.reload();
  }

  /** Loads the shown range again; resolves when it is on screen. */
  async reload(): Promise<void> {
    const days = daysOf(this.view, this.date);
    // A day's margin either side: entries are then placed by their local date.
    const q = new URLSearchParams({
      from: `${addDays(days[0]!, -1)}T00:00:00Z`,
      to: `${addDays(days.at(-1)!, 2)}T00:00:00Z`,
    });
    if (this.userId === 'team') q.set('everyone', 'true');
    else if (this.userId) q.set('userId', this.userId);
    const got = await this.api.run((signal) =>
      this.api.get<{ items: Entry[] }>(`/api/calendar?${q}`, { signal }).then((r) => r.items),
    );
    if (got) this.entries = got;
    await this.updateComplete;
  }

  private async act(fn: () => Promise<unknown>, done?: string): Promise<boolean> {
    this.failure = '';
    try {
      await fn();
      this.notice = done ?? t(this, 'saved');
      await this.reload();
      return true;
    } catch (error) {
      this.failure = errorMessage(this, error as never);
      return false;
    }
  }

  /**
   * Shows an entry's detail. Only a person's own click announces it: re-opening what was just saved or moved must not
   * make the page navigate away.
   */
  private async open(entry: Entry, byPerson = true): Promise<void> {
    this.detail = { entry, reminders: null };
    if (byPerson) this.dispatchEvent(new CrmCalendarSelectEvent(entry));
    if (entry.kind === 'meeting' && entry.clientId) {
      const r = await this.api
        .get<{ items: Reminder[] }>(`/api/calendar/items/${entry.itemId}/reminders`)
        .catch(() => ({ items: [] }));
      if (this.detail?.entry.key === entry.key) this.detail = { entry, reminders: r.items };
    }
  }

  private async move(entry: Entry, start: string): Promise<void> {
    if (entry.recurring && start.slice(0, 10) !== entry.localStart.slice(0, 10)) return;
    await this.act(
      async () => {
        const r = await this.api.post<ItemResult>(`/api/calendar/items/${entry.itemId}/move`, {
          start: entry.recurring ? `${entry.localStart.slice(0, 10)}${start.slice(10)}` : start,
        });
        if (r.conflicts.length) this.notice = `${t(this, 'conflicts')} ${r.conflicts.map((c) => c.title).join(', ')}`;
      },
      `${t(this, 'saved')}: ${start.replace('T', ' ')}`,
    );
    const moved = this.entries.find((e) => e.itemId === entry.itemId);
    if (moved) {
      await this.open(moved, false);
      this.focusItem(moved.key);
    }
  }

  private focusItem(key: string): void {
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`[part=item][data-key="${CSS.escape(key)}"]`)?.focus(),
    );
  }

  private onItemKey(e: KeyboardEvent, entry: Entry): void {
    if (!e.altKey || entry.status !== 'planned') return;
    const delta = { ArrowLeft: -1440, ArrowRight: 1440, ArrowUp: -30, ArrowDown: 30 }[e.key];
    if (delta === undefined) return;
    e.preventDefault();
    void this.move(entry, addMinutes(entry.localStart, delta));
  }

  private onDrop(e: DragEvent, day: string): void {
    e.preventDefault();
    this.dropDay = '';
    const entry = this.entries.find((x) => x.key === e.dataTransfer?.getData('text/plain'));
    if (entry && entry.localStart.slice(0, 10) !== day) void this.move(entry, `${day}${entry.localStart.slice(10)}`);
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const val = (k: string) => String(f.get(k) ?? '').trim();
    const kind = val('kind');
    const assigneeId = val('assigneeId');
    const me = this.people.find((p) => p.me)?.id;
    const body = {
      kind,
      title: val('title'),
      start: val('start'),
      ...(kind !== 'task' ? { end: val('end') } : {}),
      ...(val('clientId') ? { clientId: val('clientId') } : {}),
      ...(val('place') ? { place: val('place') } : {}),
      ...(val('onlineUrl') ? { onlineUrl: val('onlineUrl') } : {}),
      ...(assigneeId && assigneeId !== me ? { assigneeId } : {}),
    };
    let made: ItemResult | undefined;
    let gone = false;
    const ok = await this.act(async () => {
      try {
        made = await this.api.post<ItemResult>(
          body.assigneeId ? '/api/calendar/delegate' : '/api/calendar/items',
          body,
        );
      } catch (error) {
        // The client was deleted or given to someone else since it was picked: say so, not "not found".
        gone = !!body.clientId && (error as ApiError).status === 404;
        throw error;
      }
    });
    if (gone) {
      this.failure = t(this, 'clientGone');
      this.renderRoot.querySelector<CrmClientPicker>('crm-client-picker')?.markGone();
    }
    if (!ok || !made) return;
    this.formOpen = false;
    if (made.conflicts.length) this.notice = `${t(this, 'conflicts')} ${made.conflicts.map((c) => c.title).join(', ')}`;
    const entry = this.entries.find((x) => x.itemId === made!.item.id);
    if (entry) await this.open(entry, false);
  }

  private time(iso: string): string {
    return new Intl.DateTimeFormat(this.resolvedLang === 'pl' ? 'pl-PL' : 'en-GB', {
      timeZone: this.zone,
      day: '2-digit',
      month: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(iso));
  }

  private renderItem(e: Entry) {
    // The name starts with the visible text (WCAG 2.5.3, label in name), then says what the symbols mean.
    const label = [
      `${e.localStart.slice(11)} ${e.title}${this.userId === 'team' ? ` · ${e.assignee.name}` : ''}`,
      `— ${t(this, e.kind)}`,
      e.conflict ? `— ${t(this, 'conflict')}` : '',
      e.overdue ? `— ${t(this, 'overdue')}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    return html`<button part="item" data-key=${e.key} data-kind=${e.kind} data-status=${e.status}
      ?data-conflict=${e.conflict} ?data-overdue=${e.overdue}
      draggable=${e.status === 'planned' ? 'true' : 'false'} aria-label=${label} title=${label}
      @dragstart=${(ev: DragEvent) => ev.dataTransfer?.setData('text/plain', e.key)}
      @click=${() => this.open(e)} @keydown=${(ev: KeyboardEvent) => this.onItemKey(ev, e)}>
      ${e.kind === 'task' ? html`<span aria-hidden="true">☐ </span>` : ''}${e.localStart.slice(11)} ${e.title}${
        this.userId === 'team' ? ` · ${e.assignee.name}` : ''
      }
      ${
        e.conflict ? html`<span class="flag" aria-hidden="true">⚠</span>` : nothing
      }${e.overdue ? html`<span class="flag" aria-hidden="true">!</span>` : nothing}
    </button>`;
  }

  private renderDetail(d: Detail) {
    const e = d.entry;
    const lang = this.resolvedLang;
    return html`<section part="detail" aria-label=${e.title}>
      <div class="row"><strong>${t(this, e.kind)}: ${e.title}</strong><span class="muted">${e.localStart.replace(
        'T',
        ' ',
      )}–${this.time(e.end).slice(-5)}</span>
        <button @click=${() => {
          this.detail = null;
        }}>${t(this, 'close')}</button></div>
      <div class="muted">${e.assignee.name}${
        e.delegatedBy ? html` · ${t(this, 'delegatedBy')}: <span data-delegated>${e.delegatedBy.name}</span>` : nothing
      }
        ${e.place ? html` · ${e.place}` : nothing}${
          e.onlineUrl ? html` · <a href=${e.onlineUrl} target="_blank" rel="noopener">${t(this, 'link')}</a>` : nothing
        }
        · ${t(
          this,
          e.status === 'planned' ? (e.overdue ? 'overdue' : 'planned') : e.status,
        )}${e.outcome ? ` (${t(this, e.outcome as 'held')})` : ''}</div>
      ${e.conflict ? html`<div class="flag">${t(this, 'conflict')}</div>` : nothing}
      ${
        d.reminders
          ? html`<div>${t(this, 'reminders')}</div><ul part="reminders">${d.reminders.map(
              (r) => html`<li part="reminder" data-status=${r.status}>
          ${r.ruleId}: ${t(this, 'sendAt')} <time datetime=${r.sendAt}>${this.time(r.sendAt)}</time>
          — ${
            r.status === 'skipped'
              ? `${t(this, 'skipped')} (${t(this, (r.reason ?? 'skipped') as 'skipped')})`
              : r.outbox
                ? t(
                    this,
                    (r.outbox.status === 'cancelled'
                      ? 'out-cancelled'
                      : r.outbox.status === 'skipped'
                        ? 'skipped'
                        : r.outbox.status) as 'pending',
                  )
                : t(this, 'planned')
          }
          ${r.movedForQuietHours ? html`<span class="muted">· ${t(this, 'movedQuiet')}</span>` : nothing}
          <span class="muted">· ${r.segments.segments} ${t(this, 'segments')} (${
            r.segments.encoding
          }, ${r.segments.length})</span>
          <div class="muted" lang="pl">${r.text}</div></li>`,
            )}</ul>`
          : nothing
      }
      ${
        e.status === 'planned'
          ? html`<div class="row">
        <label>${t(this, 'move')} <input type="datetime-local" .value=${e.localStart} @change=${(ev: Event) =>
          this.move(e, (ev.target as HTMLInputElement).value)}></label>
        ${
          e.kind === 'meeting' || e.kind === 'call'
            ? (['held', 'no-show', 'rescheduled'] as const).map(
                (o) =>
                  html`<button @click=${() =>
                    this.act(() =>
                      this.api.post(`/api/calendar/items/${e.itemId}/complete`, { outcome: o }),
                    )}>${t(this, o)}</button>`,
              )
            : html`<button @click=${() =>
                this.act(() =>
                  this.api.post(`/api/calendar/items/${e.itemId}/complete`, {}),
                )}>${t(this, 'complete')}</button>`
        }
        <button @click=${() =>
          this.act(() => this.api.post(`/api/calendar/items/${e.itemId}/cancel`))}>${t(this, 'cancel')}</button>
      </div><div class="muted">${t(this, 'keys')}</div>`
          : nothing
      }
      <span hidden>${lang}</span>
    </section>`;
  }

  private renderForm() {
    const start = `${this.date}T09:00`;
    return html`<form part="form" @submit=${this.submit}>
      <label>${t(this, 'kind')} <select name="kind">${(['meeting', 'call', 'task', 'block'] as const).map(
        (k) => html`<option value=${k}>${t(this, k)}</option>`,
      )}</select></label>
      <label>${t(this, 'title')} <input name="title" required maxlength="200"></label>
      <label>${t(this, 'start')} <input name="start" type="datetime-local" required .value=${start}></label>
      <label>${t(this, 'end')} <input name="end" type="datetime-local" .value=${addMinutes(start, 60)}></label>
      <crm-client-picker name="clientId" label=${t(this, 'client')}></crm-client-picker>
      <label>${t(this, 'place')} <input name="place"></label>
      <label>${t(this, 'link')} <input name="onlineUrl" type="url" placeholder="https://"></label>
      ${
        this.people.length > 1
          ? html`<label>${t(this, 'assignee')} <select name="assigneeId">${this.people.map(
              (p) => html`<option value=${p.id}>${p.name}</option>`,
            )}</select></label>`
          : nothing
      }
      <div class="row"><button class="primary" type="submit">${t(this, 'save')}</button><button type="button"
        @click=${() => {
          this.formOpen = false;
        }}>${t(this, 'close')}</button></div>
    </form>`;
  }

  override render() {
    const days = daysOf(this.view, this.date);
    const today = todayIn(this.zone);
    const month = this.date.slice(0, 7);
    const byDay = new Map<string, Entry[]>();
    for (const e of this.entries)
      byDay.set(e.localStart.slice(0, 10), [...(byDay.get(e.localStart.slice(0, 10)) ?? []), e]);
    const locale = this.resolvedLang === 'pl' ? 'pl-PL' : 'en-GB';
    const dayLabel = (d: string) =>
      new Intl.DateTimeFormat(locale, {
        timeZone: 'UTC',
        weekday: 'short',
        day: 'numeric',
        month: this.view === 'month' ? undefined : 'short',
      }).format(new Date(`${d}T12:00:00Z`));
    const { loading, error } = this.api;
    return html`<div part="toolbar" role="toolbar" aria-label=${t(this, 'calendar')}>
        <button @click=${() => {
          this.date = step(this.view, this.date, -1);
        }} aria-label=${t(this, 'prev')}>‹</button>
        <button @click=${() => {
          this.date = today;
        }}>${t(this, 'today')}</button>
        <button @click=${() => {
          this.date = step(this.view, this.date, 1);
        }} aria-label=${t(this, 'next')}>›</button>
        <span part="range" aria-live="polite">${days[0]} – ${days.at(-1)}${
          loading ? ` · ${common(this, 'loading')}` : ''
        }</span>
        ${(['day', 'week', 'month'] as const).map(
          (v) =>
            html`<button aria-pressed=${this.view === v ? 'true' : 'false'} @click=${() => {
              this.view = v;
            }}>${t(this, v)}</button>`,
        )}
        ${
          this.people.length > 1
            ? html`<label>${t(this, 'person')} <select @change=${(e: Event) => {
                this.userId = (e.target as HTMLSelectElement).value;
              }}>
          ${this.people.map(
            (p) =>
              html`<option value=${p.me ? '' : p.id} ?selected=${
                (p.me && !this.userId) || this.userId === p.id
              }>${p.name}</option>`,
          )}
          <option value="team" ?selected=${this.userId === 'team'}>${t(this, 'everyone')}</option></select></label>`
            : nothing
        }
        <button class="primary" @click=${() => {
          this.formOpen = true;
        }}>${t(this, 'add')}</button>
      </div>
      ${error ? html`<div role="alert">${errorMessage(this, error)}</div>` : nothing}
      ${this.failure ? html`<div role="alert">${this.failure}</div>` : nothing}
      ${this.notice ? html`<div role="status">${this.notice}</div>` : nothing}
      ${this.formOpen ? this.renderForm() : nothing}
      <div part="grid" data-view=${this.view}>${days.map(
        (d) => html`<div part="day" role="group" aria-label=${d} ?data-other=${
          this.view === 'month' && d.slice(0, 7) !== month
        } ?data-drop=${this.dropDay === d}
          @dragover=${(e: DragEvent) => {
            e.preventDefault();
            this.dropDay = d;
          }} @dragleave=${() => {
            if (this.dropDay === d) this.dropDay = '';
          }} @drop=${(e: DragEvent) => this.onDrop(e, d)}>
          <span class="date" ?data-today=${d === today}>${dayLabel(d)}</span>
          ${(byDay.get(d) ?? []).map((e) => this.renderItem(e))}
          ${
            this.view !== 'month' && !(byDay.get(d) ?? []).length
              ? html`<span class="muted">${t(this, 'empty')}</span>`
              : nothing
          }
        </div>`,
      )}</div>
      ${this.detail ? this.renderDetail(this.detail) : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-calendar': CrmCalendar;
  }
}
