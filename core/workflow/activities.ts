/**
 * @module workflow/activities
 * Contact history: a call, meeting, e-mail, SMS or note on a client, with its outcome and the
 * next step agreed. Types and outcomes come from the firm config. Recording a contact does not
 * change the client's version: a note must not make someone else's open status picker stale.
 */
import { requirePermission } from '../access/index.ts';
import { writeAudit } from '../audit/index.ts';
import type { Ctx } from '../context.ts';
import { invalid, type FieldProblem } from '../errors.ts';
import { newId } from '../ids/index.ts';
import type { Tables } from '../storage/index.ts';
import { scopedClient } from './client-row.ts';
import { DAY_MS, plausibleDate } from '../time/index.ts';

export type ActivityRow = Tables['activities']['$inferSelect'];

export interface ActivityInput {
  type: string;
  /** When the contact happened; default now. Not more than a day in the future. */
  at?: Date | string;
  outcome?: string | null;
  note?: string | null;
  nextStep?: { at: Date | string; note?: string | null } | null;
}

const toDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

/**
 * Record a contact with a client the actor may change (`clients:write` scope; 404 otherwise).
 * @example
 * await recordActivity(ctx, clientId, { type: 'call', outcome: 'reached', note: 'Wants 450 000 zł over 25 years',
 *   nextStep: { at: '2026-03-05T09:00:00Z', note: 'Send the offer comparison' } });
 */
export async function recordActivity(ctx: Ctx, clientId: string, input: ActivityInput): Promise<ActivityRow> {
  requirePermission(ctx.actor, 'clients:write');
  const wf = ctx.config.workflow;
  const client = await scopedClient(ctx, clientId, 'clients:write');
  const now = ctx.clock.now();
  const at = input.at === undefined ? now : toDate(input.at);
  const next = input.nextStep ? toDate(input.nextStep.at) : null;
  const problems: FieldProblem[] = [];
  if (!Object.hasOwn(wf.activityTypes, input.type))
    problems.push({
      path: '/type',
      message: `unknown activity type "${input.type}" (known: ${Object.keys(wf.activityTypes).join(', ')})`,
    });
  if (input.outcome && !Object.hasOwn(wf.outcomes, input.outcome))
    problems.push({
      path: '/outcome',
      message: `unknown outcome "${input.outcome}" (known: ${Object.keys(wf.outcomes).join(', ')})`,
    });
  if (Number.isNaN(at.getTime())) problems.push({ path: '/at', message: 'must be a date and time' });
  else if (at.getTime() > now.getTime() + DAY_MS)
    problems.push({
      path: '/at',
      message: 'a contact cannot be recorded more than a day ahead; plan it as the next step instead',
    });
  if (next && Number.isNaN(next.getTime())) problems.push({ path: '/nextStep/at', message: 'must be a date and time' });
  // A year typed wrong (0001, 9999) is refused: bounded like every entered date (core/time/plausible.ts).
  for (const [d, path] of [
    [at, '/at'],
    [next, '/nextStep/at'],
  ] as const) {
    const far = d && !Number.isNaN(d.getTime()) ? plausibleDate(d, 'activity', path, now, ctx.dateBounds) : null;
    if (far) problems.push(far);
  }
  if (problems.length) throw invalid('The activity is invalid', problems);
  const row: ActivityRow = {
    id: newId(),
    clientId: client.id,
    type: input.type,
    at,
    recordedAt: now,
    actorId: ctx.actor.userId,
    unitId: client.unitId,
    outcome: input.outcome ?? null,
    note: input.note?.trim() || null,
    nextStepAt: next,
    nextStepNote: input.nextStep?.note?.trim() || null,
  };
  await ctx.db.insert(ctx.t.activities).values(row);
  await writeAudit(ctx, {
    action: 'activity.record',
    entity: 'activity',
    entityId: row.id,
    clientId: client.id,
    data: { type: row.type, outcome: row.outcome, nextStep: row.nextStepAt !== null },
  });
  return row;
}
