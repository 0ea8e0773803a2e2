/**
 * @module clients/create-clients
 * Creating many clients at once (a spreadsheet import): the same rules as `createClient` — fields
 * validated (checksums included) and normalised, classification and owner checked, keyed hashes
 * stored, the first status-history row and one `client.create` audit entry per client — in
 * multi-row inserts inside one transaction. A row that is invalid or that shares a deduplicated
 * identifier (the config's `clients.dedupe`) with an existing client or an earlier row of the
 * batch is returned, not written. Keep the stored row in step with `create-client.ts`.
 */
import { eq, inArray } from 'drizzle-orm';
import { canAccess, requirePermission } from '../access/index.ts';
import { writeAudits } from '../audit/index.ts';
import { ajvProblems } from '../config/index.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { forbidden, invalid, type FieldProblem } from '../errors.ts';
import { newId } from '../ids/index.ts';
import { unitOfUser } from '../org/index.ts';
import { recordInitialStatuses } from '../workflow/index.ts';
import { initialStatus, type ClientInput } from './create-client.ts';
import { clientFields, type KeyKind } from './fields.ts';
import { keysOf } from './keys.ts';
import { displayNameOf, normaliseData, trimInput } from './normalize.ts';
import { storedClient } from './protect.ts';
import type { ClientRow } from './record.ts';
import { assertReferencesExist, assertValidClassification } from './validate.ts';

/** What every client of the batch shares: kind, classification and owner (as in `createClient`). */
export type BatchPlacement = Omit<ClientInput, 'data'>;

export interface BatchRow {
  /** The caller's name for the row (a spreadsheet's line number), echoed in the outcome. */
  row: number;
  data: Record<string, unknown>;
}

export interface BatchOutcome {
  created: Array<{ row: number; id: string }>;
  /** Rows sharing a deduplicated key with an existing client (`clientId`) or an earlier row (`row`). */
  duplicates: Array<{ row: number; field: string; kind: KeyKind; clientId?: string; sameAsRow?: number }>;
  /** Rows whose fields are invalid, each problem under the field's JSON path (`/pesel`). */
  invalid: Array<{ row: number; problems: FieldProblem[] }>;
}

const CHUNK = 500;

/**
 * Checks the placement once (403/422 as `createClient` would), then writes the valid, new rows in
 * the caller's transaction (or its own). `onCreated` runs in the same transaction, so what it writes
 * (an import's links) commits or rolls back with the clients.
 * @example
 * const out = await createClients(ctx, { kind: 'person', type: 'private' }, [
 *   { row: 2, data: { firstName: 'Jan', lastName: 'Kowalski', pesel: '44051401359' } },
 * ]);
 * out.created; // [{ row: 2, id: '0193…' }]
 */
export async function createClients(
  ctx: Ctx,
  placement: BatchPlacement,
  rows: readonly BatchRow[],
  options: {
    onCreated?: (tx: Ctx, created: BatchOutcome['created']) => Promise<void>;
    audit?: Record<string, unknown>;
    /** What authorises the batch, within its scope: `clients:write` (default) or `clients:import`. */
    permission?: 'clients:write' | 'clients:import';
  } = {},
): Promise<BatchOutcome> {
  const permission = options.permission ?? 'clients:write';
  requirePermission(ctx.actor, permission);
  const kf = clientFields(ctx.config)[placement.kind];
  if (!kf) throw invalid('Unknown kind of client', [{ path: '/kind', message: 'must be "person" or "company"' }]);
  const cls = {
    type: placement.type,
    source: placement.source ?? null,
    partnerId: placement.partnerId ?? null,
    referrerId: placement.referrerId ?? null,
  };
  assertValidClassification(ctx, cls);
  const ownerId = placement.ownerId === undefined ? ctx.actor.userId : placement.ownerId;
  if (ownerId) {
    const [owner] = await ctx.db
      .select({ id: ctx.t.users.id, disabledAt: ctx.t.users.disabledAt })
      .from(ctx.t.users)
      .where(eq(ctx.t.users.id, ownerId))
      .limit(1);
    if (!owner || owner.disabledAt)
      throw invalid('Unknown owner', [{ path: '/ownerId', message: 'no active user with this id' }]);
  }
  const unitId = placement.unitId !== undefined ? placement.unitId : ownerId ? await unitOfUser(ctx, ownerId) : null;
  await assertReferencesExist(ctx, { unitId, partnerId: cls.partnerId, referrerId: cls.referrerId });
  if (!canAccess(ctx.actor, permission, { ownerId, unitId, partnerId: cls.partnerId })) {
    throw forbidden('You may not create a client for this owner or unit', { permission });
  }

  const out: BatchOutcome = { created: [], duplicates: [], invalid: [] };
  const dedupe = new Set<string>(ctx.config.clients.dedupe);
  const candidates: Array<{ row: number; data: Record<string, unknown>; keys: ReturnType<typeof keysOf> }> = [];
  for (const r of rows) {
    const input = trimInput(kf, r.data);
    if (!kf.validate(input)) {
      out.invalid.push({ row: r.row, problems: ajvProblems(kf.validate.errors, input) });
      continue;
    }
    const data = normaliseData(kf, input);
    candidates.push({ row: r.row, data, keys: keysOf(ctx.secret, kf, data) });
  }
  const hashes = [...new Set(candidates.flatMap((c) => c.keys.filter((k) => dedupe.has(k.kind)).map((k) => k.hash)))];
  const existing = new Map<string, string>(); // hash → a client holding it
  for (let i = 0; i < hashes.length; i += CHUNK) {
    const found = await ctx.db
      .select({ hash: ctx.t.clientKeys.hash, clientId: ctx.t.clientKeys.clientId })
      .from(ctx.t.clientKeys)
      .where(inArray(ctx.t.clientKeys.hash, hashes.slice(i, i + CHUNK)));
    for (const f of found) existing.set(f.hash, f.clientId);
  }
  const seen = new Map<string, number>(); // hash → row of the batch that holds it
  const now = ctx.clock.now();
  const status = initialStatus(ctx);
  const fresh: Array<{ row: ClientRow; line: number; keys: ReturnType<typeof keysOf> }> = [];
  for (const c of candidates) {
    const dup = c.keys.find((k) => dedupe.has(k.kind) && (existing.has(k.hash) || seen.has(k.hash)));
    if (dup) {
      const clientId = existing.get(dup.hash);
      out.duplicates.push({
        row: c.row,
        field: dup.field,
        kind: dup.kind,
        ...(clientId ? { clientId } : { sameAsRow: seen.get(dup.hash)! }),
      });
      continue;
    }
    for (const k of c.keys) if (dedupe.has(k.kind)) seen.set(k.hash, c.row);
    const displayName = displayNameOf(kf, c.data);
    const id = newId(now.getTime());
    // The storage mapping every writer uses: encrypted fields sealed, hashed search words (protect.ts).
    const stored = storedClient(ctx, kf, id, c.data, displayName);
    const row: ClientRow = {
      id,
      kind: placement.kind,
      ...cls,
      displayName,
      ownerId,
      unitId,
      status,
      data: stored.data,
      searchText: stored.searchText,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    fresh.push({ row, line: c.row, keys: c.keys });
  }
  if (!fresh.length) return out;
  out.created = fresh.map((f) => ({ row: f.line, id: f.row.id }));
  await inTransaction(ctx, async (tx) => {
    for (let i = 0; i < fresh.length; i += CHUNK) {
      await tx.db.insert(tx.t.clients).values(fresh.slice(i, i + CHUNK).map((f) => f.row));
    }
    const keys = fresh.flatMap((f) => f.keys.map((k) => ({ clientId: f.row.id, ...k })));
    for (let i = 0; i < keys.length; i += CHUNK) await tx.db.insert(tx.t.clientKeys).values(keys.slice(i, i + CHUNK));
    await recordInitialStatuses(
      tx,
      fresh.map((f) => f.row),
    );
    await writeAudits(
      tx,
      fresh.map((f) => ({
        action: 'client.create',
        entity: 'client',
        entityId: f.row.id,
        data: { kind: placement.kind, type: cls.type, source: cls.source, ownerId, unitId, ...options.audit },
      })),
    );
    await options.onCreated?.(tx, out.created);
  });
  return out;
}
