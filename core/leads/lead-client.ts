/**
 * @module leads/lead-client
 * The client a new lead creates, written the way `createClient` writes one (same validation,
 * normalisation, keyed hashes, initial status and `client.create` audit entry, built from the same
 * helpers), minus what intake already knows: the owner was just picked from the unit's active
 * members in this transaction (no second look-up), the unit comes with the assignment, the client
 * is new (no old keys to delete), and the audit entry goes with the batch's held-back rows. About
 * half the statements of `createClient`, which is what a lead costs most of.
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

/**
 * Insert a lead's new client inside the intake transaction. `ownerId` must be an active user read
 * in this transaction (the assignment's pick) or null; `unitId` is taken as given.
 * @example
 * const client = await insertLeadClient(tx, batch, { kind: 'person', type: 'company-acquired', source: 'website-form',
 *   ownerId: a.ownerId, unitId: a.unitId, partnerId: null, referrerId: null,
 *   data: { firstName: 'Jan', lastName: 'Kowalski' } });
 */
export async function insertLeadClient(
  tx: Ctx,
  batch: Batch,
  input: ClientInput & { ownerId: string | null; unitId: string | null },
): Promise<Client> {
  requirePermission(tx.actor, 'clients:write');
  const kf = clientFields(tx.config)[input.kind];
  if (!kf) throw invalid('Unknown kind of client', [{ path: '/kind', message: 'must be "person" or "company"' }]);
  const cls = {
    type: input.type,
    source: input.source ?? null,
    partnerId: input.partnerId ?? null,
    referrerId: input.referrerId ?? null,
  };
  assertValidClassification(tx, cls);
  const input0 = trimInput(kf, input.data);
  assertValidData(kf, input0);
  const { ownerId, unitId } = input;
  if (!canAccess(tx.actor, 'clients:write', { ownerId, unitId, partnerId: cls.partnerId })) {
    throw forbidden('You may not create a client for this owner or unit', { permission: 'clients:write' });
  }
  const data = normaliseData(kf, input0);
  const displayName = displayNameOf(kf, data);
  const now = tx.clock.now();
  const id = newId(now.getTime());
  const stored = storedClient(tx, kf, id, data, displayName);
  const row = {
    id,
    kind: input.kind,
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
  // The client and its keys now: a later lead of the same batch must find it as a duplicate.
  await tx.db.insert(tx.t.clients).values(row);
  const keys = stored.keys;
  if (keys.length) await tx.db.insert(tx.t.clientKeys).values(keys.map((k) => ({ clientId: id, ...k })));
  await writeAudit(batch.later(tx), {
    action: 'client.create',
    entity: 'client',
    entityId: id,
    data: { kind: input.kind, type: cls.type, source: cls.source, ownerId, unitId },
  });
  return toClient(tx, row);
}
