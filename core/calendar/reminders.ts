/**
 * @module calendar/reminders
 * The adapter between the pure reminder plan and the notifications outbox. `syncReminders` runs in
 * the transaction that creates, moves, edits or cancels a meeting, so its reminders are created,
 * moved or cancelled with it — or not at all. Each rule is one outbox subject
 * (`meeting:<itemId>:<ruleId>`, purpose `meeting-reminder`), so a rule's row is found, moved or
 * cancelled without touching the others.
 */
import { and, eq, like } from 'drizzle-orm';
import { openClientRow } from '../clients/index.ts';
import { sendVerdict } from '../consents/index.ts';
import type { Ctx } from '../context.ts';
import { cancel, enqueue, OPEN_STATUSES, openRecipient, reschedule } from '../notifications/index.ts';
import type { CalendarItemRow } from './access.ts';
import { planReminders, reminderSettings, type PlannedReminder } from './reminder-plan.ts';

export const REMINDER_PURPOSE = 'meeting-reminder';
export const reminderSubject = (itemId: string, ruleId: string) => `meeting:${itemId}:${ruleId}`;
const open = (s: string) => (OPEN_STATUSES as readonly string[]).includes(s);

/** The reminder plan of a stored item (empty for what is not a client meeting). */
export async function planFor(ctx: Ctx, item: CalendarItemRow, now?: Date): Promise<PlannedReminder[]> {
  if (item.kind !== 'meeting' || !item.clientId) return [];
  const { t } = ctx;
  const [client] = await ctx.db
    .select({ id: t.clients.id, data: t.clients.data })
    .from(t.clients)
    .where(eq(t.clients.id, item.clientId))
    .limit(1);
  const [advisor] = await ctx.db
    .select({ name: t.users.name })
    .from(t.users)
    .where(eq(t.users.id, item.assigneeId))
    .limit(1);
  // A purpose gating meeting reminders (core/consents) decides from the ledger; else the client field.
  const verdict = client ? await sendVerdict(ctx, client.id, REMINDER_PURPOSE) : null;
  return planReminders({
    meeting: item,
    clientData: client ? openClientRow(ctx, client).data : {},
    advisorName: advisor?.name ?? '',
    config: ctx.config,
    ...(now ? { now } : {}),
    ...(verdict?.governed
      ? { consent: { allowed: verdict.allowed, ...(verdict.source !== 'field' ? { reason: verdict.reason } : {}) } }
      : {}),
  });
}

async function rowsOf(ctx: Ctx, itemId: string) {
  const o = ctx.t.outbox;
  const rows = await ctx.db
    .select({
      id: o.id,
      subject: o.subject,
      status: o.status,
      dueAt: o.dueAt,
      recipient: o.recipient,
      payload: o.payload,
      sentAt: o.sentAt,
      lastError: o.lastError,
      skipReason: o.skipReason,
    })
    .from(o)
    .where(and(eq(o.purpose, REMINDER_PURPOSE), like(o.subject, `meeting:${itemId}:%`)));
  return rows.map((r) => openRecipient(ctx, r));
}

/**
 * Bring the outbox in line with the item: enqueue what is newly planned, move what moved, cancel
 * what is no longer wanted (cancelled meeting, consent withdrawn, rule removed). A reminder already
 * sent for the same time is not sent again. Call it inside the item's transaction.
 * @example
 * await inTransaction(ctx, async (tx) => { await tx.db.update(…); await syncReminders(tx, item); });
 */
export async function syncReminders(ctx: Ctx, item: CalendarItemRow): Promise<PlannedReminder[]> {
  const plan = await planFor(ctx, item, ctx.clock.now());
  const rows = await rowsOf(ctx, item.id);
  const sender = reminderSettings(ctx.config).sender;
  const wanted = new Set<string>();
  for (const p of plan) {
    const subject = reminderSubject(item.id, p.ruleId);
    const mine = rows.filter((r) => r.subject === subject);
    if (p.status !== 'planned' || !p.to) {
      if (mine.some((r) => open(r.status))) await cancel(ctx, { subject, purpose: REMINDER_PURPOSE });
      continue;
    }
    wanted.add(subject);
    const pending = mine.filter((r) => open(r.status));
    if (pending.length && pending.every((r) => r.recipient === p.to)) {
      const same = pending.every(
        (r) => r.dueAt.getTime() === p.sendAt.getTime() && r.payload.kind === 'sms' && r.payload.text === p.text,
      );
      if (!same) await reschedule(ctx, { subject, purpose: REMINDER_PURPOSE, dueAt: p.sendAt, text: p.text });
      continue;
    }
    if (pending.length) await cancel(ctx, { subject, purpose: REMINDER_PURPOSE });
    // Already handed to the gateway for this very time: sending it again would double it.
    if (mine.some((r) => (r.status === 'sent' || r.status === 'sending') && r.dueAt.getTime() === p.sendAt.getTime()))
      continue;
    await enqueue(ctx, {
      channel: 'sms',
      purpose: REMINDER_PURPOSE,
      to: p.to,
      text: p.text,
      subject,
      dueAt: p.sendAt,
      ownerId: item.assigneeId,
      ...(item.unitId ? { unitId: item.unitId } : {}),
      ...(sender ? { sender } : {}),
    });
  }
  for (const subject of new Set(rows.map((r) => r.subject))) {
    if (subject && !wanted.has(subject) && rows.some((r) => r.subject === subject && open(r.status)))
      await cancel(ctx, { subject, purpose: REMINDER_PURPOSE });
  }
  return plan;
}

/** A planned reminder as the calendar shows it, with what the outbox did with it. */
export interface ReminderStatus extends Omit<PlannedReminder, 'to'> {
  /** The number with all but the last three digits hidden. */
  to: string | null;
  outbox: {
    id: string;
    status: string;
    sentAt: Date | null;
    lastError: string | null;
    skipReason: string | null;
  } | null;
}

const maskPhone = (p: string | null) =>
  p ? `${p.slice(0, 3)}${'•'.repeat(Math.max(0, p.length - 6))}${p.slice(-3)}` : null;

/**
 * The reminders of a meeting for display: the plan and, per rule, its latest outbox row.
 * @example
 * const reminders = await reminderStatus(ctx, item);
 * // [{ ruleId: '24h', status: 'planned', sendAt, segments, outbox: { status: 'pending' } }, …]
 */
export async function reminderStatus(ctx: Ctx, item: CalendarItemRow): Promise<ReminderStatus[]> {
  const plan = await planFor(ctx, item);
  const rows = await rowsOf(ctx, item.id);
  return plan.map((p) => {
    const mine = rows.filter((r) => r.subject === reminderSubject(item.id, p.ruleId));
    const row = mine.find((r) => r.status !== 'cancelled') ?? mine.at(-1);
    // A reminder whose time passed before the meeting was booked was never enqueued: say so.
    const tooLate = !row && p.status === 'planned' && p.sendAt.getTime() <= item.createdAt.getTime();
    return {
      ...p,
      to: maskPhone(p.to),
      ...(tooLate ? { status: 'skipped' as const, reason: 'too-late' as const } : {}),
      outbox: row
        ? { id: row.id, status: row.status, sentAt: row.sentAt, lastError: row.lastError, skipReason: row.skipReason }
        : null,
    };
  });
}
