/**
 * @module clients/duplicate-check
 * The new-client form's live warning: is a person or firm with this PESEL, NIP or REGON already a
 * client anywhere in the firm? The lookup is firm-wide by keyed hash (a duplicate in another branch
 * is the one that matters), but the answer says only what the asker may know: that one exists and
 * the name of its branch; the client's id and name only when it is within the asker's
 * `clients:read` (and, for the name, `pii:read`) scope. Each check is counted per user against a
 * per-minute limit, so the endpoint cannot be used to sweep identifiers, and is written to the audit
 * log as a read, buffered like the others (the identifier itself is not logged).
 */
import { eq, inArray } from 'drizzle-orm';
import { canAccess, requirePermission } from '../access/index.ts';
import { bufferAudit } from '../audit/index.ts';
import { keyedHash } from '../auth/index.ts';
import { sharedCounter } from '../bus/index.ts';
import type { Ctx } from '../context.ts';
import { CrmError, invalid } from '../errors.ts';
import { identifierValidators } from '../ids/index.ts';
import { toClient } from './record.ts';

export type DuplicateKind = 'pesel' | 'nip' | 'regon';
export const duplicateKinds: readonly DuplicateKind[] = ['pesel', 'nip', 'regon'];

/** Checks one user may make per minute (a person typing identifiers needs a handful). */
export const DUPLICATE_CHECKS_PER_MINUTE = 30;

export interface DuplicateCheck {
  exists: boolean;
  /** The branch (unit) of the existing client; null when it has none or none exists. */
  unitName: string | null;
  /** Only when the existing client is within the asker's `clients:read` scope. */
  clientId?: string;
  /** Only when the asker may also read the client's personal data. */
  displayName?: string;
}

/**
 * @example
 * await checkDuplicate(ctx, { pesel: '44051401359' });
 * // { exists: true, unitName: 'Kraków Kazimierz' }   (another branch's client: no id, no name)
 */
export async function checkDuplicate(ctx: Ctx, probe: Partial<Record<DuplicateKind, string>>): Promise<DuplicateCheck> {
  requirePermission(ctx.actor, 'clients:write');
  const given = duplicateKinds.filter((k) => typeof probe[k] === 'string');
  if (given.length !== 1)
    throw invalid('Name exactly one identifier', [{ path: '/', message: 'send one of pesel, nip or regon' }]);
  const kind = given[0]!;
  const value = probe[kind]!;
  const parsed = identifierValidators[kind](value);
  if (!parsed.ok)
    throw new CrmError('invalid', parsed.message, {
      problems: [{ path: `/${kind}`, message: parsed.message, keyword: 'x-crm-identifier' }],
      messageKey: parsed.messageKey,
    });
  const nowMs = ctx.clock.now().getTime();
  const counter = sharedCounter(ctx.database, 'client-duplicate-check', 60_000);
  if ((await counter.hit(ctx.actor.userId ?? ctx.actor.kind, nowMs)) > DUPLICATE_CHECKS_PER_MINUTE)
    throw new CrmError('rate_limited', 'Too many identifier checks; try again in a minute', {
      retryAfterSeconds: Math.ceil((counter.windowEnd(nowMs) - nowMs) / 1000),
    });
  const { t } = ctx;
  const rows = await ctx.db
    .select()
    .from(t.clients)
    .where(
      inArray(
        t.clients.id,
        ctx.db
          .select({ id: t.clientKeys.clientId })
          .from(t.clientKeys)
          .where(eq(t.clientKeys.hash, keyedHash(ctx.secret, kind, value))),
      ),
    )
    .limit(20);
  // One in the asker's reach is the most useful answer: it can be opened.
  const mine = rows.find((r) => canAccess(ctx.actor, 'clients:read', r));
  const hit = mine ?? rows[0];
  let unitName: string | null = null;
  if (hit?.unitId) {
    const [u] = await ctx.db.select({ name: t.units.name }).from(t.units).where(eq(t.units.id, hit.unitId)).limit(1);
    unitName = u?.name ?? null;
  }
  const shown = mine ? toClient(ctx, mine) : undefined;
  // A read: buffered like the other reads of personal data (no round trip on the form's path).
  bufferAudit(ctx, {
    action: 'client.duplicate-check',
    entity: 'client',
    entityId: mine?.id ?? null,
    data: { kind, exists: !!hit, inScope: !!mine },
  });
  return {
    exists: !!hit,
    unitName,
    ...(shown ? { clientId: shown.id } : {}),
    ...(shown?.displayName !== undefined ? { displayName: shown.displayName } : {}),
  };
}
