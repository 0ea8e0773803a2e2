/**
 * @module reports/export/sources/calendar
 * A calendar window as an export, read through `listCalendar` itself: the same window rules (at most
 * 93 days), the same "whose calendar" choices (one's own, a person's, a unit's, everyone in scope),
 * recurring items expanded and double bookings marked, exactly as on screen.
 */
import { listCalendar, type CalendarQuery } from '../../../calendar/index.ts';
import type { Ctx } from '../../../context.ts';
import type { ExportColumn, ExportLocale, ExportRow } from '../cells.ts';
import type { ListSource } from './source.ts';

const kinds = {
  meeting: { pl: 'Spotkanie', en: 'Meeting' },
  call: { pl: 'Telefon', en: 'Call' },
  task: { pl: 'Zadanie', en: 'Task' },
  block: { pl: 'Blokada', en: 'Block' },
} as Record<string, { pl: string; en: string }>;
const statuses = {
  planned: { pl: 'Zaplanowane', en: 'Planned' },
  done: { pl: 'Wykonane', en: 'Done' },
  cancelled: { pl: 'Odwołane', en: 'Cancelled' },
} as Record<string, { pl: string; en: string }>;
const outcomes = {
  held: { pl: 'Odbyło się', en: 'Held' },
  'no-show': { pl: 'Klient nie przyszedł', en: 'No-show' },
  rescheduled: { pl: 'Przełożone', en: 'Rescheduled' },
} as Record<string, { pl: string; en: string }>;

const columns: ExportColumn[] = [
  { key: 'start', label: { pl: 'Początek', en: 'Start' }, type: 'datetime' },
  { key: 'end', label: { pl: 'Koniec', en: 'End' }, type: 'datetime' },
  { key: 'kind', label: { pl: 'Rodzaj', en: 'Kind' }, width: 12 },
  { key: 'title', label: { pl: 'Tytuł', en: 'Title' }, width: 30 },
  { key: 'status', label: { pl: 'Stan', en: 'Status' }, width: 12 },
  { key: 'outcome', label: { pl: 'Wynik', en: 'Outcome' } },
  { key: 'assignee', label: { pl: 'Osoba', en: 'Person' } },
  { key: 'delegatedBy', label: { pl: 'Zlecił', en: 'Delegated by' } },
  { key: 'clientId', label: { pl: 'Identyfikator klienta', en: 'Client id' }, width: 38 },
  { key: 'place', label: { pl: 'Miejsce', en: 'Place' } },
  { key: 'note', label: { pl: 'Notatka', en: 'Note' }, width: 30 },
  { key: 'recurring', label: { pl: 'Cykliczne', en: 'Recurring' }, width: 10 },
  { key: 'conflict', label: { pl: 'Kolizja', en: 'Double booking' }, width: 10 },
  { key: 'overdue', label: { pl: 'Po terminie', en: 'Overdue' }, width: 10 },
];

async function* calendarRows(ctx: Ctx, q: CalendarQuery, locale: ExportLocale): AsyncIterable<ExportRow> {
  const label = (m: Record<string, { pl: string; en: string }>, k: string | null) => (k ? (m[k]?.[locale] ?? k) : null);
  for (const e of await listCalendar(ctx, q)) {
    yield {
      start: e.start,
      end: e.end,
      kind: label(kinds, e.kind),
      title: e.title,
      status: label(statuses, e.status),
      outcome: label(outcomes, e.outcome),
      assignee: e.assignee.name,
      delegatedBy: e.delegatedBy?.name ?? null,
      clientId: e.clientId,
      place: e.place,
      note: e.note,
      recurring: e.recurring,
      conflict: e.conflict,
      overdue: e.overdue,
    };
  }
}

export const calendarSource: ListSource<CalendarQuery> = {
  resource: 'calendar',
  read: 'calendar:read',
  export: 'calendar:export',
  title: { pl: 'Kalendarz', en: 'Calendar' },
  columns: async () => columns,
  count: async (ctx, q) => (await listCalendar(ctx, q)).length,
  rows: calendarRows,
};
