/**
 * @module workflow/prepare
 * Everything a move checks before it writes: the version the person saw, the target status, the
 * move's existence and roles, the `workflow.beforeTransition` hooks, the required fields and note.
 * `transition` runs it inside its transaction; `previewMove` runs it alone, so a dry run (the sale
 * form's proposed commissions) refuses exactly what the move itself would refuse.
 */
import { requirePermission } from '../access/index.ts';
import { ajvProblems, createAjv } from '../config/index.ts';
import type { Ctx } from '../context.ts';
import { conflict, forbidden, invalid, type FieldProblem } from '../errors.ts';
import { allowedMoves, type AllowedMove } from './allowed.ts';
import { scopedClient, type ClientRow } from './client-row.ts';
import { fieldsSchema, movesFrom, mayMake, type FieldsSchema, type Move } from './rules.ts';
import type { BeforeTransitionPayload, TransitionInput } from './transition-types.ts';

const ajv = createAjv();
const validators = new Map<string, ReturnType<typeof ajv.compile>>();
function validatorFor(schema: FieldsSchema) {
  // Keyed by content: a handful of distinct moves per firm, compiled once each.
  const key = JSON.stringify(schema);
  let v = validators.get(key);
  if (!v) validators.set(key, (v = ajv.compile(schema)));
  return v;
}

const moveList = (moves: AllowedMove[]) =>
  moves.map((m) => ({
    to: m.to,
    kind: m.kind,
    label: m.label,
    fields: m.fields.required,
    noteRequired: m.noteRequired,
  }));

/** A move that passed every check: what `transition` writes, or what a preview computes from. */
export interface PreparedMove {
  client: ClientRow;
  move: Move;
  /** The fields after the `workflow.beforeTransition` hooks, valid for the move. */
  fields: Record<string, unknown>;
  note: string | null;
}

/**
 * The checks of a move of a loaded client (in `ctx`'s transaction when there is one).
 * - 409: no move from the current status to `to`, or `expectedVersion` is stale;
 * - 403: the move exists but the actor's roles may not make it;
 * - 422: required fields or note missing or invalid (`details.problems` lists them).
 * Refusals list the moves this user may make in `details.allowed`.
 */
export async function prepareMove(ctx: Ctx, client: ClientRow, input: TransitionInput): Promise<PreparedMove> {
  const wf = ctx.config.workflow;
  const from = client.status;
  if (input.expectedVersion !== undefined && input.expectedVersion !== client.version) {
    throw conflict(
      `The client was changed by someone else (version ${client.version}, you saw ${input.expectedVersion}); ` +
        `reload and try again`,
      { currentVersion: client.version, currentStatus: from },
    );
  }
  if (!wf.statuses[input.to])
    throw invalid(`Unknown status "${input.to}"`, [
      { path: '/to', message: `unknown status (known: ${Object.keys(wf.statuses).join(', ')})` },
    ]);
  const allowed = allowedMoves(wf, ctx.actor, from);
  const move = movesFrom(wf, from).find((m) => m.to === input.to);
  if (!move)
    throw conflict(`A client in status "${from}" cannot be moved to "${input.to}"`, {
      from,
      to: input.to,
      allowed: moveList(allowed),
    });
  if (!mayMake(ctx.actor, move))
    throw forbidden(`Your role may not move a client from "${from}" to "${input.to}"`, {
      from,
      to: input.to,
      roles: move.roles,
      allowed: moveList(allowed),
    });

  const before = await ctx.plugins.run<BeforeTransitionPayload>('workflow.beforeTransition', {
    ctx,
    client,
    from,
    to: move.to,
    fields: { ...(input.fields ?? {}) },
    note: input.note?.trim() || null,
    isSale: move.sale,
    acknowledgeUncovered: input.acknowledgeUncovered === true,
  });
  const fields = before.fields;
  const note = before.note?.trim() || null;
  const validate = validatorFor(fieldsSchema(wf, move));
  const problems: FieldProblem[] = validate(fields)
    ? []
    : ajvProblems(validate.errors, fields).map((p) => ({ ...p, path: `/fields${p.path}` }));
  if (move.noteRequired && !note)
    problems.push({ path: '/note', message: 'a note is required for this move', keyword: 'required' });
  if (problems.length) throw invalid(`The move to "${move.to}" needs more information`, problems);
  return { client, move, fields, note };
}

/**
 * A dry run of a move: the same checks as `transition` (404 outside the actor's `clients:write`
 * scope, 409, 403, 422), nothing written. The caller computes what the move would cause (the
 * proposed commissions of a sale) from the answer.
 * @example
 * const { client, move, fields } = await previewMove(ctx, clientId, { to: 'disbursed', fields });
 */
export async function previewMove(ctx: Ctx, clientId: string, input: TransitionInput): Promise<PreparedMove> {
  requirePermission(ctx.actor, 'clients:write');
  const client = await scopedClient(ctx, clientId, 'clients:write');
  return prepareMove(ctx, client, input);
}
