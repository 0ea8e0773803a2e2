/**
 * @module calendar/next-step
 * A contact's agreed next step becomes a dated task: in the advisor's own calendar, or a
 * delegate's within the actor's `calendar:write` scope. The contact and its task are written in one
 * transaction, so a refused task (a delegate outside one's scope) records no contact either. The
 * step's time may be an instant, a local time in the firm's zone (`2026-03-05T09:00`) or a bare
 * date (09:00 that day). An actor who keeps no calendar (no `calendar:write`) still records the
 * contact with its next step, without a task.
 */
import { scopesOf } from '../access/index.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { invalid } from '../errors.ts';
import { utcToZoned } from '../time/index.ts';
import { recordActivity, type ActivityInput } from '../workflow/index.ts';
import { createItem } from './items.ts';
import { resolveLocal } from './local-time.ts';

export interface NextStepInput {
  at: Date | string;
  note?: string | null;
  /** Whose task: default the actor. Someone else = delegation (write scope over them, else 403). */
  assigneeId?: string | null;
  /** false: record the step on the contact only, no task. Default true. */
  task?: boolean;
}

export interface ContactInput extends Omit<ActivityInput, 'nextStep'> {
  nextStep?: NextStepInput | null;
}

export interface ContactResult {
  /** The recorded contact. */
  id: string;
  /** The task made from the next step, or null. */
  taskId: string | null;
}

/** The title of a task without a note. */
export const NEXT_STEP_TITLE = 'Następny krok';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** The step's time as the instant and the local time (firm zone) a task is planned at. */
function stepTime(at: Date | string, zone: string): { instant: Date; local: string } {
  if (typeof at === 'string' && (DATE.test(at) || LOCAL.test(at))) {
    const local = DATE.test(at) ? `${at}T09:00` : at;
    return { instant: resolveLocal(local, zone, '/nextStep/at').instant, local };
  }
  const instant = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(instant.getTime()))
    throw invalid('The next step needs a date', [{ path: '/nextStep/at', message: 'must be a date and time' }]);
  const z = utcToZoned(instant, zone);
  return { instant, local: `${z.date}T${z.time}` };
}

/**
 * @example
 * await recordContact(ctx, clientId, { type: 'call', outcome: 'reached', note: 'Chce ofertę',
 *   nextStep: { at: '2026-03-05T10:00', note: 'Wysłać porównanie ofert' } });
 * // { id: '…', taskId: '…' }: a task "Wysłać porównanie ofert" due 5 March 10:00 in the caller's calendar
 */
export async function recordContact(ctx: Ctx, clientId: string, input: ContactInput): Promise<ContactResult> {
  const { nextStep, ...contact } = input;
  const zone = ctx.config.firm.timeZone ?? 'Europe/Warsaw';
  const step = nextStep ? stepTime(nextStep.at, zone) : undefined;
  const note = nextStep?.note?.trim() || null;
  return inTransaction(ctx, async (tx) => {
    const row = await recordActivity(tx, clientId, {
      ...contact,
      nextStep: step ? { at: step.instant, note } : null,
    });
    if (!step || nextStep?.task === false) return { id: row.id, taskId: null };
    const delegate = nextStep?.assigneeId && nextStep.assigneeId !== ctx.actor.userId ? nextStep.assigneeId : null;
    // Without a calendar of one's own there is nowhere to put the task: the contact keeps the step.
    const ownCalendar = !!ctx.actor.userId && !ctx.actor.partnerId && scopesOf(ctx.actor, 'calendar:write').length > 0;
    if (!delegate && !ownCalendar) return { id: row.id, taskId: null };
    const { item } = await createItem(tx, {
      kind: 'task',
      title: (note ?? NEXT_STEP_TITLE).slice(0, 200),
      start: step.local,
      zone,
      clientId,
      ...(delegate ? { assigneeId: delegate } : {}),
    });
    return { id: row.id, taskId: item.id };
  });
}
