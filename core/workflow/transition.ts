/**
 * @module workflow/transition
 * Moving a client to another status. Everything a move changes happens in one transaction: the
 * client's status and version, a status-history row, an audit row, and whatever the
 * `workflow.afterTransition` hooks write (the commission engine proposes its lines there). A hook
 * that throws rolls the whole move back.
 */
import { and, eq } from 'drizzle-orm';
import { requirePermission } from '../access/index.ts';
import { writeAudit } from '../audit/index.ts';
import { ajvProblems, createAjv } from '../config/index.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { conflict, CrmError, forbidden, invalid, type FieldProblem } from '../errors.ts';
import { newId } from '../ids/index.ts';
import type { Tables } from '../storage/index.ts';
import { allowedMoves, type AllowedMove } from './allowed.ts';
import { scopedClient, type ClientRow } from './client-row.ts';
import { fieldsSchema, movesFrom, mayMake, type FieldsSchema } from './rules.ts';

export type StatusHistoryRow = Tables['statusHistory']['$inferSelect'];

export interface TransitionInput {
  to: string;
  fields?: Record<string, unknown>;
  note?: string | null;
  /** The client's version the person saw; a different current version is a 409 (no lost updates). */
  expectedVersion?: number;
}

/** What `workflow.beforeTransition` hooks receive and may return changed (`fields`, `note`). */
export interface BeforeTransitionPayload {
  ctx: Ctx;
  client: ClientRow;
  from: string;
  to: string;
  fields: Record<string, unknown>;
  note: string | null;
  isSale: boolean;
}
/** What `workflow.afterTransition` hooks receive: `ctx` is the open transaction; `client` is already updated. */
export interface AfterTransitionPayload extends BeforeTransitionPayload {
  historyId: string;
  history: StatusHistoryRow;
}

export interface TransitionResult {
  client: { id: string; status: string; version: number; updatedAt: Date };
  history: StatusHistoryRow;
  isSale: boolean;
  /** The moves this user may make from the new status, for the UI. */
  allowedNext: AllowedMove[];
}

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

/**
 * Move a client to status `to`.
 * - 404: the client is outside the actor's `clients:write` scope;
 * - 409: no move from the current status to `to`, or `expectedVersion` is stale;
 * - 403: the move exists but the actor's roles may not make it;
 * - 422: required fields or note missing or invalid (`details.problems` lists them).
 * Refusals list the moves this user may make in `details.allowed`.
 * @example
 * const r = await transition(ctx, clientId, { to: 'disbursed', expectedVersion: 3,
 *   fields: { provider: 'pko-bp', product: 'mortgage', amountMinor: 45_000_000, saleDate: '2026-03-02' } });
 * r.client.status // 'disbursed'
 */
export async function transition(ctx: Ctx, clientId: string, input: TransitionInput): Promise<TransitionResult> {
  requirePermission(ctx.actor, 'clients:write');
  const wf = ctx.config.workflow;
  return inTransaction(ctx, async (tx) => {
    const client = await scopedClient(tx, clientId, 'clients:write');
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
    const allowed = allowedMoves(wf, tx.actor, from);
    const move = movesFrom(wf, from).find((m) => m.to === input.to);
    if (!move)
      throw conflict(`A client in status "${from}" cannot be moved to "${input.to}"`, {
        from,
        to: input.to,
        allowed: moveList(allowed),
      });
    if (!mayMake(tx.actor, move))
      throw forbidden(`Your role may not move a client from "${from}" to "${input.to}"`, {
        from,
        to: input.to,
        roles: move.roles,
        allowed: moveList(allowed),
      });

    const before = await runHook<BeforeTransitionPayload>('workflow.beforeTransition', tx, {
      ctx: tx,
      client,
      from,
      to: move.to,
      fields: { ...(input.fields ?? {}) },
      note: input.note?.trim() || null,
      isSale: move.sale,
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

    const now = tx.clock.now();
    const { t } = tx;
    const [updated] = await tx.db
      .update(t.clients)
      .set({ status: move.to, version: client.version + 1, updatedAt: now })
      .where(and(eq(t.clients.id, client.id), eq(t.clients.version, client.version)))
      .returning();
    if (!updated)
      throw conflict('The client was changed by someone else at the same time; reload and try again', {
        currentStatus: from,
      });
    const history: StatusHistoryRow = {
      id: newId(),
      clientId: client.id,
      at: now,
      actorId: tx.actor.userId,
      unitId: client.unitId,
      fromStatus: from,
      toStatus: move.to,
      kind: move.kind,
      note,
      fields,
      clientVersion: updated.version,
    };
    await tx.db.insert(t.statusHistory).values(history);
    await writeAudit(tx, {
      action: `client.${move.kind}`,
      entity: 'client',
      entityId: client.id,
      data: { from, to: move.to, historyId: history.id, version: updated.version },
    });
    await runHook<AfterTransitionPayload>('workflow.afterTransition', tx, {
      ctx: tx,
      client: updated,
      from,
      to: move.to,
      fields,
      note,
      isSale: move.sale,
      historyId: history.id,
      history,
    });
    return {
      client: { id: updated.id, status: updated.status, version: updated.version, updatedAt: updated.updatedAt },
      history,
      isSale: move.sale,
      allowedNext: allowedMoves(wf, tx.actor, updated.status),
    };
  });
}

/** Run a hook; a plugin's CrmError (e.g. a 422 from the commission engine) reaches the caller as itself. */
function runHook<P>(hook: string, ctx: Ctx, payload: P): Promise<P> {
  return ctx.plugins.run(hook, payload); // the registry passes a plugin's CrmError through unchanged
}
