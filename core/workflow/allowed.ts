/**
 * @module workflow/allowed
 * The moves this actor may make for one client now: what the status picker offers, and what a
 * refused move lists in its error so that the person sees what they can do instead.
 */
import { canAccess, type Actor } from '../access/index.ts';
import type { Ctx } from '../context.ts';
import { scopedClient, type ClientRow } from './client-row.ts';
import { lastFieldValues } from './last-values.ts';
import { fieldsSchema, mayMake, movesFrom, type FieldsSchema, type WorkflowConfig } from './rules.ts';

export interface AllowedMove {
  to: string;
  kind: 'transition' | 'reopen';
  label: { pl: string; en: string };
  sale: boolean;
  terminal: boolean;
  noteRequired: boolean;
  /** JSON Schema of the fields to ask for (empty `properties` when none). */
  fields: FieldsSchema;
}

/** Moves from the client's status that the actor's roles allow (no scope check: see `allowedTransitions`). */
export function allowedMoves(wf: WorkflowConfig, actor: Actor, status: string): AllowedMove[] {
  return movesFrom(wf, status)
    .filter((m) => mayMake(actor, m))
    .map((m) => ({
      to: m.to,
      kind: m.kind,
      label: m.label,
      sale: m.sale,
      terminal: m.terminal,
      noteRequired: m.noteRequired,
      fields: fieldsSchema(wf, m),
    }));
}

/** Allowed moves for a loaded client: none when the actor may see but not change it. */
export function allowedFor(ctx: Ctx, client: ClientRow): AllowedMove[] {
  return canAccess(ctx.actor, 'clients:write', client)
    ? allowedMoves(ctx.config.workflow, ctx.actor, client.status)
    : [];
}

/**
 * For the status picker: the client's status, version, the moves this user may make from it, and
 * the values earlier moves carried (`lastValues`, to pre-fill the same fields of a later move; empty
 * when the user may make no move). 404 when the client is outside the actor's `clients:read` scope.
 * @example
 * const { status, version, transitions, lastValues } = await allowedTransitions(ctx, clientId);
 */
export async function allowedTransitions(
  ctx: Ctx,
  clientId: string,
): Promise<{ status: string; version: number; transitions: AllowedMove[]; lastValues: Record<string, unknown> }> {
  const client = await scopedClient(ctx, clientId, 'clients:read');
  const transitions = allowedFor(ctx, client);
  const lastValues = transitions.length ? await lastFieldValues(ctx, client) : {};
  return { status: client.status, version: client.version, transitions, lastValues };
}
