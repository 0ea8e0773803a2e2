/**
 * @module calendar/task-notices
 * Telling a supervisor what became of a task they delegated: an e-mail through the outbox when the
 * task is done (written in the completing transaction, so a completion that rolls back tells no
 * one) and one e-mail per task when it runs past its due time (a sweep the worker loop runs; the
 * task is marked in the same transaction, so a second sweep sends nothing new). The e-mails carry
 * the task's title, the assignee's name and the times — never a client's name, phone or record:
 * e-mail leaves the CRM, and the supervisor opens the calendar for the rest.
 */
import { and, asc, eq, isNotNull, isNull, lt } from 'drizzle-orm';
import { systemActor } from '../access/index.ts';
import { contextFor, inTransaction, type Ctx, type Runtime } from '../context.ts';
import { enqueue } from '../notifications/index.ts';
import { unitOfUser } from '../org/index.ts';
import { formatLocal } from '../time/index.ts';
import type { CalendarItemRow } from './access.ts';

export const TASK_DONE_PURPOSE = 'task-done';
export const TASK_OVERDUE_PURPOSE = 'task-overdue';
export const taskSubject = (itemId: string) => `task:${itemId}`;

/** Tasks looked at per query of the sweep; the sweep goes on until none is left. */
const SWEEP_BATCH = 200;

async function person(
  ctx: Ctx,
  id: string | null,
): Promise<{ id: string; name: string; email: string; disabledAt: Date | null } | undefined> {
  if (!id) return undefined;
  const u = ctx.t.users;
  const [row] = await ctx.db
    .select({ id: u.id, name: u.name, email: u.email, disabledAt: u.disabledAt })
    .from(u)
    .where(eq(u.id, id))
    .limit(1);
  return row;
}

async function mailDelegator(
  ctx: Ctx,
  item: CalendarItemRow,
  purpose: string,
  subject: string,
  lines: string[],
): Promise<string | null> {
  const boss = await person(ctx, item.delegatedById);
  if (!boss || boss.disabledAt) return null;
  const unitId = await unitOfUser(ctx, boss.id);
  return enqueue(ctx, {
    channel: 'email',
    purpose,
    to: [boss.email],
    subject: taskSubject(item.id),
    ownerId: boss.id,
    ...(unitId ? { unitId } : {}),
    email: {
      subject,
      text: [`Dzień dobry ${boss.name},`, '', ...lines, '', `${ctx.config.firm.name} — CRM, zakładka Kalendarz`].join(
        '\n',
      ),
    },
  });
}

const when = (at: Date, zone: string) => formatLocal(at, zone, 'pl', 'datetime');

/**
 * Inside the completing transaction: e-mail the delegator that their task is done (not when they
 * complete it themselves). Returns the outbox row id, or null when no one is told.
 * @example
 * await inTransaction(ctx, async (tx) => { …; await noticeTaskDone(tx, doneItem); });
 */
export async function noticeTaskDone(ctx: Ctx, item: CalendarItemRow): Promise<string | null> {
  if (item.kind !== 'task' || !item.delegatedById || item.delegatedById === ctx.actor.userId) return null;
  const assignee = await person(ctx, item.assigneeId);
  const doneAt = item.completedAt ?? ctx.clock.now();
  return mailDelegator(ctx, item, TASK_DONE_PURPOSE, `Zadanie wykonane: ${item.title}`, [
    `Zadanie „${item.title}”, zlecone: ${assignee?.name ?? '—'}, zostało wykonane.`,
    `Termin: ${when(item.endAt, item.zone)}. Wykonano: ${when(doneAt, item.zone)}.`,
  ]);
}

/**
 * Send one `task-overdue` e-mail per delegated task that is still planned past its due time and
 * has not been reported yet, marking it in the same transaction (a conditional update: two sweeps
 * at once still report a task once). Returns how many e-mails were queued.
 * @example
 * setInterval(() => notifyOverdueTasks(crm.runtime, new Date()), 60_000);
 */
export async function notifyOverdueTasks(runtime: Runtime, now: Date): Promise<number> {
  const ctx = contextFor(runtime, systemActor('overdue-tasks'));
  const c = ctx.t.calendarItems;
  const due = and(
    eq(c.kind, 'task'),
    eq(c.status, 'planned'),
    isNotNull(c.delegatedById),
    isNull(c.overdueNotifiedAt),
    lt(c.endAt, now),
  );
  let sent = 0;
  for (;;) {
    const batch = await ctx.db.select().from(c).where(due).orderBy(asc(c.endAt), asc(c.id)).limit(SWEEP_BATCH);
    for (const item of batch) {
      await inTransaction(ctx, async (tx) => {
        const marked = await tx.db
          .update(c)
          .set({ overdueNotifiedAt: now })
          .where(and(eq(c.id, item.id), due))
          .returning({ id: c.id });
        if (!marked.length) return; // done, moved or reported meanwhile
        const assignee = await person(tx, item.assigneeId);
        const id = await mailDelegator(tx, item, TASK_OVERDUE_PURPOSE, `Zadanie po terminie: ${item.title}`, [
          `Zadanie „${item.title}”, zlecone: ${assignee?.name ?? '—'}, nie zostało wykonane w terminie.`,
          `Termin minął: ${when(item.endAt, item.zone)}.`,
        ]);
        if (id) sent++;
      });
    }
    if (batch.length < SWEEP_BATCH) return sent;
  }
}
