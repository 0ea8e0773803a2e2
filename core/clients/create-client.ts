/**
 * @module clients/create-client
 * Creating a client: fields validated (identifier checksums included) and normalised, classified
 * by type and source, owned by the acting advisor unless another owner is named, and placed in the
 * owner's current unit. Starts in the workflow's initial status.
 */
import { eq } from 'drizzle-orm';
import { canAccess, requirePermission } from '../access/index.ts';
import { writeAudit } from '../audit/index.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { forbidden, invalid } from '../errors.ts';
import { newId } from '../ids/index.ts';
import { unitOfUser } from '../org/index.ts';
import { recordInitialStatus } from '../workflow/index.ts';
import { clientFields, type ClientKind } from './fields.ts';
import { storeKeys } from './keys.ts';
import { displayNameOf, normaliseData, trimInput } from './normalize.ts';
import { storedClient } from './protect.ts';
import { toClient, type Client } from './record.ts';
import { assertReferencesExist, assertValidClassification, assertValidData } from './validate.ts';

export interface ClientInput {
  kind: ClientKind;
  type: string;
  source?: string | null;
  /** Default: the acting user. */
  ownerId?: string | null;
  /** Default: the owner's current unit. */
  unitId?: string | null;
  partnerId?: string | null;
  referrerId?: string | null;
  data: Record<string, unknown>;
}

/** The workflow's initial status (`workflow.statuses.*.initial`), else "new". */
export function initialStatus(ctx: Ctx): string {
  const statuses =
    (ctx.config as { workflow?: { statuses?: Record<string, { initial?: boolean }> } }).workflow?.statuses ?? {};
  return Object.entries(statuses).find(([, s]) => s.initial)?.[0] ?? 'new';
}

/**
 * @example
 * const c = await createClient(ctx, { kind: 'person', type: 'private', source: 'recommendation',
 *   data: { firstName: 'Jan', lastName: 'Kowalski', pesel: '44051401359', phone: '600 100 200' } });
 */
export async function createClient(ctx: Ctx, input: ClientInput): Promise<Client> {
  requirePermission(ctx.actor, 'clients:write');
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
  const ownerId = input.ownerId === undefined ? ctx.actor.userId : input.ownerId;
  if (ownerId) {
    const [owner] = await ctx.db
      .select({ id: ctx.t.users.id, disabledAt: ctx.t.users.disabledAt })
      .from(ctx.t.users)
      .where(eq(ctx.t.users.id, ownerId))
      .limit(1);
    if (!owner || owner.disabledAt)
      throw invalid('Unknown owner', [{ path: '/ownerId', message: 'no active user with this id' }]);
  }
  const unitId = input.unitId !== undefined ? input.unitId : ownerId ? await unitOfUser(ctx, ownerId) : null;
  await assertReferencesExist(ctx, { unitId, partnerId: cls.partnerId, referrerId: cls.referrerId });
  if (!canAccess(ctx.actor, 'clients:write', { ownerId, unitId, partnerId: cls.partnerId })) {
    throw forbidden('You may not create a client for this owner or unit', { permission: 'clients:write' });
  }
  const data = normaliseData(kf, input0);
  const displayName = displayNameOf(kf, data);
  const now = ctx.clock.now();
  return inTransaction(ctx, async (tx) => {
    const id = newId(now.getTime());
    const stored = storedClient(ctx, kf, id, data, displayName);
    const [row] = await tx.db
      .insert(tx.t.clients)
      .values({
        id,
        kind: input.kind,
        ...cls,
        displayName,
        ownerId,
        unitId,
        status: initialStatus(ctx),
        data: stored.data,
        searchText: stored.searchText,
        version: 1,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await storeKeys(tx, id, stored.keys);
    // Every client's history starts with "created in status X" (the timeline's first entry).
    await recordInitialStatus(tx, row!);
    await writeAudit(tx, {
      action: 'client.create',
      entity: 'client',
      entityId: id,
      data: { kind: input.kind, type: cls.type, source: cls.source, ownerId, unitId },
    });
    return toClient(ctx, row!);
  });
}
