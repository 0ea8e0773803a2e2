/**
 * @module access/restriction
 * Limits on processing a client's data that come from the person, not from a role: a restriction
 * (GDPR Art. 18: kept, not used), an objection (Art. 21: no marketing) and an erasure (Art. 17: the
 * record is pseudonymised and stays so). They live in `client_restrictions` (written by `core/gdpr`);
 * every write path on a client asks `assertClientWritable` here, so no module above needs to know
 * about the GDPR module, and the outbox's send-time checks ask `processingLimits`.
 */
import { eq } from 'drizzle-orm';
import { CrmError } from '../errors.ts';
import type { Db, Tables } from '../storage/index.ts';

export type ProcessingLimit = 'restriction' | 'objection' | 'erased';

/**
 * The limits in force on a client (empty when none).
 * @example
 * await processingLimits(ctx, clientId) // ['restriction']
 */
export async function processingLimits(
  ctx: { db: Db; t: Tables },
  clientId: string,
): Promise<Array<{ kind: ProcessingLimit; since: Date }>> {
  const r = ctx.t.clientRestrictions;
  return ctx.db.select({ kind: r.kind, since: r.since }).from(r).where(eq(r.clientId, clientId));
}

/**
 * Refuses a change to a restricted or erased client with 423 (`locked`) and a message saying why and
 * what to do. Reads stay allowed: the data is kept, only not used.
 * @example
 * await assertClientWritable(ctx, clientId); // before any update, status move, activity or meeting
 */
export async function assertClientWritable(ctx: { db: Db; t: Tables }, clientId: string): Promise<void> {
  const limits = await processingLimits(ctx, clientId);
  const erased = limits.find((l) => l.kind === 'erased');
  if (erased)
    throw new CrmError('locked', "This client's personal data was erased (GDPR Art. 17); the record cannot change", {
      clientId,
      limit: 'erased',
      since: erased.since.toISOString(),
    });
  const restricted = limits.find((l) => l.kind === 'restriction');
  if (restricted)
    throw new CrmError(
      'locked',
      "Processing of this client's data is restricted (GDPR Art. 18): the record is read-only until the data " +
        'protection officer lifts the restriction',
      { clientId, limit: 'restriction', since: restricted.since.toISOString() },
    );
}
