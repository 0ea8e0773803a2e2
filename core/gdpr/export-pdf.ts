/**
 * @module gdpr/export-pdf
 * The person export as a readable A4 PDF (Polish or English), through the reports' table renderer
 * (pdf-lib with the bundled DejaVu faces, so Polish letters are real text): one table, grouped by
 * section — the record's fields, history, contacts, meetings, consents, messages, leads, sales and
 * commission lines, disclosures, requests, and who read or changed the data. The JSON download is
 * the complete, machine-readable copy (Art. 20); a very long text is shortened in the PDF only.
 */
import { renderTablePdf, type TableRow } from '../reports/index.ts';
import { utcToZoned } from '../time/index.ts';
import type { PersonExport } from './export-data.ts';

type Lang = 'pl' | 'en';
type Row = Record<string, unknown>;

const sections = {
  client: { pl: 'Dane klienta', en: 'Client record' },
  statusHistory: { pl: 'Historia statusów', en: 'Status history' },
  activities: { pl: 'Kontakty', en: 'Contacts' },
  calendarItems: { pl: 'Kalendarz', en: 'Calendar' },
  consents: { pl: 'Zgody', en: 'Consents' },
  messages: { pl: 'Wiadomości', en: 'Messages' },
  leads: { pl: 'Zgłoszenia (leady)', en: 'Leads' },
  sales: { pl: 'Sprzedaż', en: 'Sales' },
  commissionLines: { pl: 'Prowizje od sprzedaży', en: 'Commission on sales' },
  disclosures: { pl: 'Informacje przedumowne', en: 'Pre-contract disclosures' },
  imports: { pl: 'Import z pliku', en: 'Imported from a file' },
  requests: { pl: 'Żądania RODO', en: 'GDPR requests' },
  restrictions: { pl: 'Ograniczenia', en: 'Restrictions' },
  accessLog: { pl: 'Kto przeglądał lub zmieniał dane', en: 'Who read or changed the data' },
} as const;

const when = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const d = new Date(v as string);
  if (Number.isNaN(d.getTime())) return String(v);
  const z = utcToZoned(d);
  return `${z.date} ${z.time}`;
};
const str = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
const join = (...parts: unknown[]) =>
  parts
    .map(str)
    .filter((p) => p.trim())
    .join(' · ');
const money = (minor: unknown, lang: Lang) =>
  typeof minor === 'number'
    ? new Intl.NumberFormat(lang === 'pl' ? 'pl-PL' : 'en-GB', {
        style: 'currency',
        currency: 'PLN',
        useGrouping: 'always',
      } as Intl.NumberFormatOptions).format(minor / 100)
    : '';

function rowsOf(data: PersonExport, lang: Lang): TableRow[] {
  const out: TableRow[] = [];
  const add = (section: keyof typeof sections, at: unknown, item: string, detail: string) =>
    out.push({ section: sections[section][lang], at: when(at), item, detail });
  const c = data.client;
  add('client', c.createdAt, lang === 'pl' ? 'Imię i nazwisko / nazwa' : 'Name', str(c.displayName));
  add('client', null, lang === 'pl' ? 'Status, typ, źródło' : 'Status, type, source', join(c.status, c.type, c.source));
  add('client', null, lang === 'pl' ? 'Doradca' : 'Advisor', str(c.advisor));
  for (const [k, v] of Object.entries((c.data ?? {}) as Row))
    add('client', null, data.fieldLabels[k]?.[lang] ?? k, str(v));
  for (const s of data.statusHistory)
    add('statusHistory', s.at, join(s.fromStatus, '→', s.toStatus), join(s.actor, s.note, fieldsOf(s.fields)));
  for (const a of data.activities)
    add('activities', a.at, join(a.type, a.outcome), join(a.actor, a.note, a.nextStepNote));
  for (const i of data.calendarItems) add('calendarItems', i.startAt, str(i.title), join(i.place, i.note, i.assignee));
  for (const k of data.consents) add('consents', k.givenAt, str(k.purpose), join(`v${str(k.version)}`, k.origin));
  for (const m of data.messages)
    add('messages', m.sentAt ?? m.dueAt, join(m.channel, m.to), join(m.subject, m.text, m.status, m.skipReason));
  for (const l of data.leads) add('leads', l.createdAt, str(l.reference), join(l.source, l.outcome));
  for (const s of data.sales)
    add('sales', s.saleDate, join(s.provider, s.product), join(money(s.amountMinor, lang), s.status));
  for (const l of data.commissionLines)
    add('commissionLines', null, join(l.period, l.ledger, l.kind), join(money(l.amountMinor, lang), l.status));
  for (const d of data.disclosures) add('disclosures', d.createdAt, str(d.id), join(d.deliveryMethod, d.deliveredAt));
  for (const i of data.imports) add('imports', null, str(i.fileName), join(lang === 'pl' ? 'wiersz' : 'row', i.row));
  for (const r of data.requests) add('requests', r.receivedOn, str(r.kind), join(r.status, r.decision, r.basis));
  for (const r of data.restrictions) add('restrictions', r.since, str(r.kind), str(r.reason));
  for (const a of data.accessLog) add('accessLog', a.at, str(a.who ?? 'system'), str(a.action));
  return out;
}

function fieldsOf(v: unknown): string {
  if (!v || typeof v !== 'object' || !Object.keys(v).length) return '';
  return Object.entries(v as Row)
    .map(([k, x]) => `${k}: ${str(x)}`)
    .join(', ');
}

/**
 * @example
 * const bytes = await personExportPdf(await exportPerson(ctx, clientId), 'pl');
 */
export function personExportPdf(data: PersonExport, lang: Lang = 'pl'): Promise<Uint8Array> {
  const pl = lang === 'pl';
  return renderTablePdf({
    title: pl ? 'Dane osobowe — kopia (art. 15 RODO)' : 'Personal data — copy (GDPR Art. 15)',
    subtitle: pl
      ? 'Wszystko, co administrator przechowuje o osobie, według stanu na dzień sporządzenia'
      : 'Everything the controller holds about the person, as of the date below',
    issuer: { name: data.firm, lines: [pl ? 'Administrator danych' : 'Controller'] },
    recipient: { name: str(data.client.displayName), lines: [`ID: ${str(data.client.id)}`] },
    meta: [[pl ? 'Sporządzono' : 'Generated', when(data.generatedAt)]],
    columns: [
      { key: 'section', label: pl ? 'Zakres' : 'Section', width: 1.2 },
      { key: 'at', label: pl ? 'Kiedy' : 'When', width: 1 },
      { key: 'item', label: pl ? 'Pozycja' : 'Item', width: 1.5 },
      { key: 'detail', label: pl ? 'Treść' : 'Details', width: 3.3 },
    ],
    rows: rowsOf(data, lang),
    footer: pl
      ? 'Pełna kopia w formacie JSON (art. 20 RODO) jest dostępna do pobrania. Pytania: inspektor ochrony danych.'
      : 'The complete copy in JSON (GDPR Art. 20) is available for download. Questions: the data protection officer.',
    locale: lang,
    currency: 'PLN',
    issuedAt: new Date(data.generatedAt),
  });
}
