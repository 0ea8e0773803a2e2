/**
 * @module partners/report
 * Automatic partner reports: for a period, what happened to the clients a partner referred —
 * new referrals, status changes, sales — as an e-mail with a PDF table attached, queued in the
 * notifications outbox. Built only from the portal's fixed columns (reference, status, dates,
 * advisor, branch), so a report can carry no personal or financial field.
 */
import { DateTime } from 'luxon';
import { and, eq, lte, or, isNull } from 'drizzle-orm';
import { systemActor } from '../access/index.ts';
import { sendVerdicts } from '../consents/index.ts';
import { writeAudit } from '../audit/index.ts';
import { contextFor, inTransaction, type Ctx, type Runtime } from '../context.ts';
import { plausibleDate } from '../time/index.ts';
import { invalid } from '../errors.ts';
import { enqueue } from '../notifications/index.ts';
import { renderTablePdf, type TableRow } from '../reports/index.ts';
import { getPartner, updatePartner } from './partners.ts';
import { referredClientsOf } from './portal.ts';

export interface Period {
  from: Date;
  to: Date;
}
export interface PartnerReport {
  partner: { id: string; name: string };
  period: Period;
  counts: { referred: number; newReferrals: number; statusChanges: number; sales: number };
  rows: TableRow[];
  /** Referred clients left out because a purpose does not allow sharing them with this partner. */
  withheld: number;
}

/** The outbox purpose of partner reports: a purpose with `sends: ["partner-report"]` gates it. */
export const PARTNER_REPORT_PURPOSE = 'partner-report';

const words = {
  pl: {
    title: 'Raport partnera',
    ref: 'Referencja',
    status: 'Status',
    changes: 'Zmiany w okresie',
    advisor: 'Doradca',
    branch: 'Oddział',
    referred: 'Poleceni klienci',
    fresh: 'Nowe polecenia',
    moves: 'Zmiany statusu',
    sales: 'Sprzedaże',
    period: 'Okres',
  },
  en: {
    title: 'Partner report',
    ref: 'Reference',
    status: 'Status',
    changes: 'Changes in the period',
    advisor: 'Advisor',
    branch: 'Branch',
    referred: 'Referred clients',
    fresh: 'New referrals',
    moves: 'Status changes',
    sales: 'Sales',
    period: 'Period',
  },
} as const;

const day = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toISODate()!;

/**
 * The report's data for a partner and period (as the system: the caller checked who asks).
 * @example
 * const r = await buildPartnerReport(crm.system(), agency.id, { from, to }, 'pl');
 */
export async function buildPartnerReport(
  ctx: Ctx,
  partnerId: string,
  period: Period,
  locale: 'pl' | 'en' = 'pl',
): Promise<PartnerReport> {
  const partner = await getPartner(ctx, partnerId);
  const zone = ctx.config.firm.timeZone;
  const statuses = (ctx.config.workflow?.statuses ?? {}) as Record<
    string,
    { label?: { pl: string; en: string }; sale?: boolean }
  >;
  const label = (s: string) => statuses[s]?.label?.[locale] ?? s;
  const inPeriod = (d: Date) => d >= period.from && d < period.to;
  const referred = (await referredClientsOf(ctx, partnerId)).filter((c) => c.referredAt < period.to);
  // Only clients whose purposes allow sharing with this partner (core/consents; checked again at send time).
  const verdicts = await sendVerdicts(
    ctx,
    referred.map((c) => c.id),
    PARTNER_REPORT_PURPOSE,
    { partnerId },
  );
  const all = referred.filter((c) => verdicts.get(c.id)?.allowed !== false);
  const counts = { referred: all.length, newReferrals: 0, statusChanges: 0, sales: 0 };
  const rows: TableRow[] = [];
  for (const c of all) {
    const changes = c.statusChanges.filter((h) => inPeriod(h.at) && h !== c.statusChanges[0]);
    const isNew = inPeriod(c.referredAt);
    if (isNew) counts.newReferrals++;
    counts.statusChanges += changes.length;
    counts.sales += changes.filter((h) => statuses[h.status]?.sale).length;
    if (!isNew && !changes.length) continue;
    rows.push({
      reference: c.reference,
      status: label(c.status),
      changes: changes.map((h) => `${day(h.at, zone)} ${label(h.status)}`).join('; ') || '—',
      advisor: c.advisor?.name ?? '—',
      branch: c.branch?.name ?? '—',
    });
  }
  return {
    partner: { id: partner.id, name: partner.name },
    period,
    counts,
    rows,
    withheld: referred.length - all.length,
  };
}

/** The e-mail text and PDF of a report. */
export async function renderPartnerReport(
  ctx: Ctx,
  r: PartnerReport,
  locale: 'pl' | 'en',
): Promise<{ subject: string; text: string; pdf: Uint8Array }> {
  const w = words[locale];
  const zone = ctx.config.firm.timeZone;
  const span = `${day(r.period.from, zone)} – ${day(new Date(r.period.to.getTime() - 1), zone)}`;
  const pdf = await renderTablePdf({
    title: w.title,
    subtitle: r.partner.name,
    issuer: { name: ctx.config.firm.name, lines: [] },
    recipient: { name: r.partner.name, lines: [] },
    meta: [
      [w.period, span],
      [w.referred, String(r.counts.referred)],
      [w.fresh, String(r.counts.newReferrals)],
      [w.moves, String(r.counts.statusChanges)],
      [w.sales, String(r.counts.sales)],
    ],
    columns: [
      { key: 'reference', label: w.ref, width: 1.2 },
      { key: 'status', label: w.status, width: 1.4 },
      { key: 'changes', label: w.changes, width: 3 },
      { key: 'advisor', label: w.advisor, width: 1.4 },
      { key: 'branch', label: w.branch, width: 1.4 },
    ],
    rows: r.rows,
    locale,
    currency: 'PLN',
    issuedAt: r.period.to,
  });
  const lines = r.rows.map((x) => `- ${x.reference}: ${x.status} (${x.changes}) — ${x.advisor}, ${x.branch}`);
  const text = [
    `${w.title}: ${r.partner.name}`,
    `${w.period}: ${span}`,
    '',
    `${w.referred}: ${r.counts.referred}`,
    `${w.fresh}: ${r.counts.newReferrals}`,
    `${w.moves}: ${r.counts.statusChanges}`,
    `${w.sales}: ${r.counts.sales}`,
    '',
    ...lines,
  ].join('\n');
  return { subject: `${w.title} ${span} — ${r.partner.name}`, text, pdf };
}

async function queueReport(
  ctx: Ctx,
  partnerId: string,
  period: Period,
  emails: string[],
  locale: 'pl' | 'en',
): Promise<string> {
  const sys = contextFor(ctx, systemActor('partner-report'));
  const report = await buildPartnerReport({ ...sys, db: ctx.db }, partnerId, period, locale);
  const { subject, text, pdf } = await renderPartnerReport(sys, report, locale);
  const filename = `raport-${day(period.from, ctx.config.firm.timeZone)}.pdf`;
  return enqueue(ctx, {
    channel: 'email',
    purpose: PARTNER_REPORT_PURPOSE,
    to: emails,
    subject: `partner:${partnerId}`,
    email: { subject, text, attachments: [{ filename, contentType: 'application/pdf', content: pdf }] },
  });
}

/**
 * Queue one report now (`partners:write` on the partner), to the given addresses or the partner's contacts.
 * @example
 * await sendPartnerReportNow(ctx, agency.id, { from: new Date('2026-03-01T00:00:00+01:00'),
 *   to: new Date('2026-04-01T00:00:00+02:00') });
 */
export async function sendPartnerReportNow(
  ctx: Ctx,
  partnerId: string,
  input: Period & { emails?: string[] },
): Promise<string> {
  const partner = await updatePartner(ctx, partnerId, {});
  const emails = input.emails ?? partner.contactEmails;
  if (!emails.length)
    throw invalid('The partner has no contact e-mails; give the addresses', [{ path: '/emails', message: 'required' }]);
  if (!(input.from < input.to))
    throw invalid('The period must end after it starts', [{ path: '/to', message: 'before from' }]);
  // 0001–9999 is a typo, not a period: both ends within the report bounds (core/time/plausible.ts).
  const now = ctx.clock.now();
  const far = [
    plausibleDate(input.from, 'report', '/from', now, ctx.dateBounds),
    plausibleDate(input.to, 'report', '/to', now, ctx.dateBounds),
  ].filter((p) => p !== null);
  if (far.length) throw invalid('The period is not plausible', far);
  return inTransaction(ctx, async (tx) => {
    const outboxId = await queueReport(tx, partnerId, input, emails, tx.config.partners.reports.locale);
    await writeAudit(tx, {
      action: 'partner.report.send',
      entity: 'partner',
      entityId: partnerId,
      data: { outboxId, from: input.from.toISOString(), to: input.to.toISOString(), recipients: emails.length },
    });
    return outboxId;
  });
}

/** The last complete week (Monday to Monday) or month before `now`, in the firm's zone. */
export function lastCompletePeriod(frequency: 'weekly' | 'monthly', now: Date, zone: string): Period {
  const end = DateTime.fromJSDate(now, { zone }).startOf(frequency === 'weekly' ? 'week' : 'month');
  return { from: end.minus(frequency === 'weekly' ? { weeks: 1 } : { months: 1 }).toJSDate(), to: end.toJSDate() };
}

/**
 * Queue every subscription's report for its last complete period, once: a subscription remembers
 * the end of the period it last sent, in the same transaction as the outbox row. Run it from a
 * scheduler (e.g. hourly); repeated runs send nothing new.
 * @example
 * const queued = await sendDuePartnerReports(crm.runtime);
 */
export async function sendDuePartnerReports(rt: Runtime, now: Date = rt.clock.now()): Promise<number> {
  const ctx = contextFor(rt, systemActor('partner-reports'));
  const s = ctx.t.partnerReportSubscriptions;
  let queued = 0;
  for (const freq of ['weekly', 'monthly'] as const) {
    const period = lastCompletePeriod(freq, now, rt.config.firm.timeZone);
    const due = await ctx.db
      .select()
      .from(s)
      .where(
        and(eq(s.active, true), eq(s.frequency, freq), or(isNull(s.lastPeriodEnd), lte(s.lastPeriodEnd, period.from))),
      );
    for (const sub of due) {
      await inTransaction(ctx, async (tx) => {
        await queueReport(tx, sub.partnerId, period, sub.emails, sub.locale);
        await tx.db.update(s).set({ lastPeriodEnd: period.to }).where(eq(s.id, sub.id));
      });
      queued++;
    }
  }
  return queued;
}
