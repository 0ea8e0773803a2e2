/**
 * @module clients/update-client
 * Editing a client with optimistic concurrency: the caller says which version it edited, and the
 * update applies only if the stored row still has that version (one conditional UPDATE), else 409
 * with the current version. Never a lost update.
 *
 * Schema evolution: `data` is a patch (null removes a field). The fields the current config
 * declares are validated as a whole after the patch, so a field made required since the client was
 * stored must be supplied on this edit; fields the config no longer declares are kept as stored,
 * neither validated nor shown.
 */
import { and, eq } from 'drizzle-orm';
import { writeAudit } from '../audit/index.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { conflict } from '../errors.ts';
import { clientFields, type ClientKind } from './fields.ts';
import { scopedClientRow } from './get-client.ts';
import { storeKeys } from './keys.ts';
import { displayNameOf, normaliseData, trimInput } from './normalize.ts';
import { openClientData, storedClient } from './protect.ts';
import { toClient, type Client } from './record.ts';
import { assertReferencesExist, assertValidClassification, assertValidData } from './validate.ts';

export interface ClientPatch {
  /** The version the caller edited (from the client, or the ETag). */
  version: number;
  type?: string;
  source?: string | null;
  partnerId?: string | null;
  referrerId?: string | null;
  /** Fields to set; `null` removes a field. */
  data?: Record<string, unknown>;
}

/**
 * @example
 * const c2 = await updateClient(ctx, c.id, { version: c.version, data: { phone: '+48 601 200 300' } });
 */
export async function updateClient(ctx: Ctx, id: string, patch: ClientPatch): Promise<Client> {
  const row = await scopedClientRow(ctx, id, 'clients:write');
  const kf = clientFields(ctx.config)[row.kind as ClientKind];
  const cls = {
    type: patch.type ?? row.type,
    source: patch.source !== undefined ? patch.source : row.source,
    partnerId: patch.partnerId !== undefined ? patch.partnerId : row.partnerId,
    referrerId: patch.referrerId !== undefined ? patch.referrerId : row.referrerId,
  };
  assertValidClassification(ctx, cls);
  await assertReferencesExist(ctx, {
    partnerId: cls.partnerId !== row.partnerId ? cls.partnerId : null,
    referrerId: cls.referrerId !== row.referrerId ? cls.referrerId : null,
  });
  const merged: Record<string, unknown> = { ...openClientData(ctx, row.id, row.data) };
  for (const [k, v] of Object.entries(trimInput(kf, patch.data ?? {}))) {
    if (v === null) delete merged[k];
    else merged[k] = v;
  }
  // Validate only what the config declares now; removed fields ride along untouched.
  const declared = Object.fromEntries(Object.entries(merged).filter(([k]) => kf.fields.has(k)));
  const undeclaredInPatch = Object.keys(patch.data ?? {}).filter((k) => !kf.fields.has(k));
  assertValidData(
    kf,
    undeclaredInPatch.length
      ? { ...declared, ...Object.fromEntries(undeclaredInPatch.map((k) => [k, merged[k]])) }
      : declared,
  );
  const data = { ...merged, ...normaliseData(kf, declared) };
  const displayName = displayNameOf(kf, data);
  const stored = storedClient(ctx, kf, id, data, displayName);
  return inTransaction(ctx, async (tx) => {
    const { t } = tx;
    const [updated] = await tx.db
      .update(t.clients)
      .set({
        ...cls,
        data: stored.data,
        displayName,
        searchText: stored.searchText,
        version: patch.version + 1,
        updatedAt: tx.clock.now(),
      })
      .where(and(eq(t.clients.id, id), eq(t.clients.version, patch.version)))
      .returning();
    if (!updated) {
      const [cur] = await tx.db
        .select({ version: t.clients.version })
        .from(t.clients)
        .where(eq(t.clients.id, id))
        .limit(1);
      throw conflict('Someone else changed this client since you opened it; reload and apply your change again', {
        currentVersion: cur?.version ?? null,
        yourVersion: patch.version,
      });
    }
    await storeKeys(tx, id, stored.keys);
    await writeAudit(tx, {
      action: 'client.update',
      entity: 'client',
      entityId: id,
      data: { fields: Object.keys(patch.data ?? {}), version: updated.version },
    });
    return toClient(ctx, updated);
  });
}
