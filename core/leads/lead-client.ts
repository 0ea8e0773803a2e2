/**
 * @module leads/lead-client
 * The client a new lead creates, written the way `createClient` writes one (same validation,
 * normalisation, keyed hashes, initial status and `client.create` audit entry, built from the same
 * helpers), minus what intake already knows: the owner was just picked from the unit's active
 * members in this transaction (no second look-up), the unit comes with the assignment, the client
 * is new (no old keys to delete), and the audit entry goes with the batch's held-back rows. What
 * needs no database (validation, normalisation, sealing, keyed hashes) is done by
 * `prepareLeadClient` before the lead joins a batch, so it does not hold the write lock.
 */
import { canAccess, requirePermission } from '../access/index.ts';
import { writeAudit } from '../audit/index.ts';
import {
  initialStatus,
  type ClientInput,
  clientFields,
  displayNameOf,
  normaliseData,
  storedClient,
  trimInput,
  toClient,
  type Client,
  assertValidClassification,
  assertValidData,
} from '../clients/index.ts';
import type { Ctx } from '../context.ts';
import { forbidden, invalid } from '../errors.ts';
import { newId } from '../ids/index.ts';
import type { Batch } from './group-commit.ts';

/** A lead's client made ready before the batch: validated, normalised, sealed and hashed; or why it cannot be. */
export type PreparedClient =
  | {
      ok: true;
      id: string;
      kind: ClientInput['kind'];
      cls: { type: string; source: string | null; partnerId: string | null; referrerId: string | null };
      displayName: string;
      /** The normalised data as given (what `stored.data` opens to): the returned client is built from it. */
      data: Record<string, unknown>;
      stored: ReturnType<typeof storedClient>;
    }
  | { ok: false; error: unknown };

/**
 * Everything about a lead's client that needs no database, done before the lead joins a batch (so
 * none of it holds the write lock). A problem is kept, not thrown: it matters only if the lead
 * creates a client (a lead for a known person records an activity instead).
 * @example
 * const prepared = prepareLeadClient(ctx, { kind: 'person', type: 'company-acquired', source: 'website-form',
 *   partnerId: null, referrerId: null, data: { firstName: 'Jan', lastName: 'Kowalski' } });
 */
export function prepareLeadClient(ctx: Ctx, input: ClientInput): PreparedClient {
  try {
    const kf = clientFields(ctx.config)[input.kind];
    if (!kf) throw invalid('Unknown kind of client', [{ path: '/kind', message: 'must be "person" or "company"' }]);
    const cls = {
      type: input.type,
      source: input.source ?? null,
      partnerId: input.partnerId ?? null,
      referrerId: input.referrerId ?? null,
    };
    assertValidClassification(ctx, cls);
    const input0 = trimInput(kf, input.data);
    assertValidData(kf, input0);
    const data = normaliseData(kf, input0);
    const displayName = displayNameOf(kf, data);
    const id = newId(ctx.clock.now().getTime());
    const stored = storedClient(ctx, kf, id, data, displayName);
    return { ok: true, id, kind: input.kind, cls, displayName, data, stored };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * Insert a lead's new client (prepared by `prepareLeadClient`) inside the intake transaction.
 * `ownerId` must be an active user read in this transaction (the assignment's pick) or null;
 * `unitId` is taken as given. Intake passes a held-back context: the rows go with the batch's.
 * @example
 * const client = await insertLeadClient(batch.later(tx), batch, prepared, { ownerId: a.ownerId, unitId: a.unitId });
 */
export async function insertLeadClient(
  tx: Ctx,
  batch: Batch,
  prepared: PreparedClient,
  placement: { ownerId: string | null; unitId: string | null },
): Promise<Client> {
  requirePermission(tx.actor, 'clients:write');
  if (!prepared.ok) throw prepared.error;
  const { id, cls, displayName, stored } = prepared;
  const { ownerId, unitId } = placement;
  if (!canAccess(tx.actor, 'clients:write', { ownerId, unitId, partnerId: cls.partnerId })) {
    throw forbidden('You may not create a client for this owner or unit', { permission: 'clients:write' });
  }
  const now = tx.clock.now();
  const row = {
    id,
    kind: prepared.kind,
    ...cls,
    displayName,
    ownerId,
    unitId,
    status: initialStatus(tx),
    data: stored.data,
    searchText: stored.searchText,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await tx.db.insert(tx.t.clients).values(row);
  const keys = stored.keys;
  if (keys.length) await tx.db.insert(tx.t.clientKeys).values(keys.map((k) => ({ clientId: id, ...k })));
  await writeAudit(batch.later(tx), {
    action: 'client.create',
    entity: 'client',
    entityId: id,
    data: { kind: prepared.kind, type: cls.type, source: cls.source, ownerId, unitId },
  });
  // From the plain data this process sealed a moment ago: opening the sealed values again (AES-GCM per
  // encrypted field, 1.5–3% of a lead's CPU) would give the same values back.
  return toClient(tx, { ...row, data: prepared.data });
}
