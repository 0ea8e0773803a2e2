/**
 * @module compliance/reminders
 * Reminders before an advisor's KNF registration or OC policy ends, through the outbox: an e-mail to
 * the advisor (and the addresses in `compliance.reminderEmails`) once per item, end date and
 * threshold of `compliance.remindDaysBefore`. A marker row written in the same transaction as the
 * outbox row makes the sweep idempotent; a renewed policy (another one covering the next day) gets
 * no reminder, and a late first sweep sends only the nearest threshold, marking the earlier ones.
 */
import { and, eq, gte, lte } from 'drizzle-orm';
import { systemActor } from '../access/index.ts';
import { contextFor, inTransaction, type Ctx, type Runtime } from '../context.ts';
import { newId } from '../ids/index.ts';
import { enqueue } from '../notifications/index.ts';
import { daysBetween, today } from './dates.ts';

export const COMPLIANCE_REMINDER_PURPOSE = 'compliance-reminder';

interface Item {
  key: string;
  userId: string;
  validTo: string;
  pl: string;
  en: string;
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

async function dueItems(ctx: Ctx, day: string, horizon: number): Promise<Item[]> {
  const { t } = ctx;
  const items: Item[] = [];
  for (const r of await ctx.db.select().from(t.complianceRegistrations))
    if (r.validTo && r.validTo >= day && daysBetween(day, r.validTo) <= horizon)
      items.push({
        key: `registration:${r.userId}`,
        userId: r.userId,
        validTo: r.validTo,
        pl: `wpis do rejestru pośredników kredytowych KNF nr ${r.knfNumber}`,
        en: `the KNF register entry ${r.knfNumber}`,
      });
  const p = t.compliancePolicies;
  const ending = await ctx.db.select().from(p).where(gte(p.validTo, day));
  for (const x of ending) {
    if (daysBetween(day, x.validTo) > horizon) continue;
    const after = nextDay(x.validTo);
    const [renewed] = await ctx.db
      .select({ id: p.id })
      .from(p)
      .where(and(eq(p.userId, x.userId), lte(p.validFrom, after), gte(p.validTo, after)))
      .limit(1);
    if (!renewed)
      items.push({
        key: `policy:${x.id}`,
        userId: x.userId,
        validTo: x.validTo,
        pl: `polisa OC nr ${x.policyNumber}`,
        en: `the OC policy ${x.policyNumber}`,
      });
  }
  return items;
}

/**
 * Sends the reminders due today; returns how many e-mails were queued. Safe to run often.
 * @example
 * setInterval(() => sendComplianceReminders(crm.runtime), 3_600_000);
 */
export async function sendComplianceReminders(runtime: Runtime): Promise<number> {
  const ctx = contextFor(runtime, systemActor('compliance-reminders'));
  const thresholds = [...ctx.config.compliance.remindDaysBefore].sort((a, b) => a - b);
  if (!thresholds.length) return 0;
  const day = today(ctx);
  let sent = 0;
  for (const item of await dueItems(ctx, day, thresholds.at(-1)!)) {
    const left = daysBetween(day, item.validTo);
    const reached = thresholds.filter((d) => d >= left);
    await inTransaction(ctx, async (tx) => {
      const r = tx.t.complianceReminders;
      let fresh = 0;
      for (const d of reached) {
        const marked = await tx.db
          .insert(r)
          .values({ id: newId(), item: item.key, validTo: item.validTo, thresholdDays: d, sentAt: tx.clock.now() })
          .onConflictDoNothing()
          .returning({ id: r.id });
        fresh += marked.length;
      }
      // The nearest threshold is new only if at least one marker was new; all already sent → nothing.
      if (!fresh) return;
      const [user] = await tx.db
        .select({ email: tx.t.users.email, name: tx.t.users.name })
        .from(tx.t.users)
        .where(eq(tx.t.users.id, item.userId))
        .limit(1);
      const to = [...new Set([user?.email, ...tx.config.compliance.reminderEmails].filter((e): e is string => !!e))];
      if (!to.length) return;
      await enqueue(tx, {
        channel: 'email',
        purpose: COMPLIANCE_REMINDER_PURPOSE,
        subject: `user:${item.userId}`,
        ownerId: item.userId,
        to,
        email: {
          subject: `Kończy się ${item.pl} (${item.validTo})`,
          text: [
            `${user?.name ?? ''}`.trim() ? `${user!.name},` : '',
            `${item.pl[0]!.toUpperCase()}${item.pl.slice(1)}: ostatni dzień ważności ${item.validTo} ` +
              `(${left === 0 ? 'ostatni dzień' : `zostało dni: ${left}`}).`,
            'Bez ważnego wpisu i ubezpieczenia OC nie można zawierać umów kredytu hipotecznego.',
            '',
            `${item.en[0]!.toUpperCase()}${item.en.slice(1)} is valid until ${item.validTo} ` +
              `(${left === 0 ? 'last day' : `${left} days left`}).`,
          ]
            .filter((l, i) => i > 0 || l)
            .join('\n'),
        },
      });
      sent++;
    });
  }
  return sent;
}
