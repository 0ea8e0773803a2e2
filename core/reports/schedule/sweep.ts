/**
 * @module reports/schedule/sweep
 * Sending scheduled reports: for every active subscription whose last complete week or month has
 * not been sent, build the report as the subscriber (their scope today; a disabled person's
 * subscriptions are switched off), render the PDF and queue the e-mail in the notifications
 * outbox — in the same transaction that records the period as sent, so a crash sends it once
 * later and never twice. Run it from a scheduler (the server does, hourly); repeated runs send
 * nothing new, and two sweeps racing each other send one e-mail (the period is claimed by a
 * conditional update).
 */
import { DateTime } from 'luxon';
import { and, eq, isNull, lte, or } from 'drizzle-orm';
import { loadActor, systemActor } from '../../access/index.ts';
import { contextFor, inTransaction, type Ctx, type Runtime } from '../../context.ts';
import { CrmError } from '../../errors.ts';
import { enqueue } from '../../notifications/index.ts';
import { labelOf } from '../export/cells.ts';
import { renderTablePdf } from '../render/table-pdf.ts';
import type { TableColumn, TableRow } from '../render/table-document.ts';
import { scheduledReport, type ReportPeriod, type ScheduledReport, type ScheduledTable } from './scheduled-reports.ts';
import type { ReportSubscription } from './subscriptions.ts';

export const REPORT_SUBSCRIPTION_PURPOSE = 'report-subscription';

/** The last complete week (Monday to Monday) or month before `now`, in the firm's zone. */
export function lastCompletePeriod(frequency: 'weekly' | 'monthly', now: Date, zone: string): ReportPeriod {
  const end = DateTime.fromJSDate(now, { zone }).startOf(frequency === 'weekly' ? 'week' : 'month');
  return { from: end.minus(frequency === 'weekly' ? { weeks: 1 } : { months: 1 }).toJSDate(), to: end.toJSDate() };
}

const day = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toISODate()!;

/** A typed table as the table PDF: money stays grosze, fractions become basis points, numbers text. */
export async function tablePdf(
  ctx: Ctx,
  title: string,
  subtitle: string,
  table: ScheduledTable,
  locale: 'pl' | 'en',
  issuedAt: Date,
): Promise<Uint8Array> {
  const columns: TableColumn[] = table.columns.map((c) => ({
    key: c.key,
    label: labelOf(c.label, locale),
    ...(c.type === 'money' || c.type === 'date' || c.type === 'percent' ? { kind: c.type } : {}),
    ...(c.type === 'number' ? { align: 'right' as const } : {}),
  }));
  const cell = (c: ScheduledTable['columns'][number], v: unknown): string | number | null => {
    if (v === null || v === undefined) return null;
    if (c.type === 'percent') return Math.round(Number(v) * 10_000);
    if (c.type === 'money') return Number(v);
    if (c.type === 'number') return String(v);
    if (v instanceof Date) return v.toISOString();
    return String(v);
  };
  const rows: TableRow[] = table.rows.map((r) =>
    Object.fromEntries(table.columns.map((c) => [c.key, cell(c, r[c.key])])),
  );
  if (table.totals) {
    rows.push(
      Object.fromEntries(
        table.columns.map((c, i) => [
          c.key,
          i === 0 ? (locale === 'pl' ? 'Razem' : 'Total') : cell(c, table.totals![c.key]),
        ]),
      ),
    );
  }
  return renderTablePdf({
    title,
    subtitle,
    issuer: { name: ctx.config.firm.name, lines: [] },
    recipient: { name: ctx.actor.name, lines: [] },
    meta: [],
    columns,
    rows,
    locale,
    currency: 'PLN',
    issuedAt,
  });
}

async function renderFor(
  ctx: Ctx,
  report: ScheduledReport,
  sub: ReportSubscription,
  period: ReportPeriod,
): Promise<{ subject: string; text: string; pdf: Uint8Array; filename: string }> {
  const zone = ctx.config.firm.timeZone;
  const span = `${day(period.from, zone)} – ${day(new Date(period.to.getTime() - 1), zone)}`;
  const title = report.title[sub.locale];
  const pdf = report.pdf
    ? await report.pdf(ctx, period, sub.params, sub.locale)
    : await tablePdf(ctx, title, span, await report.table(ctx, period, sub.params), sub.locale, period.to);
  const text =
    sub.locale === 'pl'
      ? `${title}, okres ${span}: raport w załączniku (PDF).\n\nWysyłamy go, bo subskrybujesz ten raport w CRM.`
      : `${title}, period ${span}: the report is attached (PDF).\n\n` +
        'You get it because you subscribed to it in the CRM.';
  return { subject: `${title} ${span}`, text, pdf, filename: `${report.id}-${day(period.from, zone)}.pdf` };
}

/**
 * Queues every due subscription's report for its last complete period, once.
 * @example
 * const queued = await sendDueReportSubscriptions(crm.runtime); // hourly
 */
export async function sendDueReportSubscriptions(rt: Runtime, now: Date = rt.clock.now()): Promise<number> {
  const sys = contextFor(rt, systemActor('report-subscriptions'));
  const s = sys.t.reportSubscriptions;
  let queued = 0;
  for (const frequency of ['weekly', 'monthly'] as const) {
    const period = lastCompletePeriod(frequency, now, rt.config.firm.timeZone);
    const due = await sys.db
      .select()
      .from(s)
      .where(
        and(
          eq(s.active, true),
          eq(s.frequency, frequency),
          or(isNull(s.lastPeriodEnd), lte(s.lastPeriodEnd, period.from)),
        ),
      );
    for (const sub of due) {
      const actor = await loadActor(rt.database, rt.config, sub.userId, { at: now });
      if (!actor) {
        await sys.db.update(s).set({ active: false }).where(eq(s.id, sub.id));
        continue;
      }
      const ctx = contextFor(rt, actor);
      let mail: Awaited<ReturnType<typeof renderFor>>;
      try {
        mail = await renderFor(ctx, scheduledReport(ctx, sub.report), sub, period);
      } catch (error) {
        // A report that no longer exists or that the person may no longer run: stop it, keep going.
        if (!(error instanceof CrmError)) throw error;
        await sys.db.update(s).set({ active: false }).where(eq(s.id, sub.id));
        continue;
      }
      const sent = await inTransaction(sys, async (tx) => {
        const claimed = await tx.db
          .update(s)
          .set({ lastPeriodEnd: period.to })
          .where(and(eq(s.id, sub.id), or(isNull(s.lastPeriodEnd), lte(s.lastPeriodEnd, period.from))))
          .returning({ id: s.id });
        if (!claimed.length) return false;
        await enqueue(tx, {
          channel: 'email',
          purpose: REPORT_SUBSCRIPTION_PURPOSE,
          to: sub.emails,
          subject: `report-subscription:${sub.id}`,
          ownerId: sub.userId,
          email: {
            subject: mail.subject,
            text: mail.text,
            attachments: [{ filename: mail.filename, contentType: 'application/pdf', content: mail.pdf }],
          },
        });
        return true;
      });
      if (sent) queued++;
    }
  }
  return queued;
}
