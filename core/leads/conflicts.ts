/**
 * @module leads/conflicts
 * Referral conflicts for a manager: two partners referred the same person within the protection
 * window; the first kept the referral. Listed within the manager's `clients:assign` scope (through
 * the client) with the two referrals side by side, and closed with a decision: which referral wins.
 * When the second wins, the client's partner and referrer become the second referral's, so sales
 * recorded from then on credit that partner (commission lines already recorded stay as they are).
 */
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { canAccess, clientScope, scopesOf, type Actor } from '../access/index.ts';
import { writeAudit } from '../audit/index.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import type { Tables } from '../storage/index.ts';
import { DAY_MS } from '../time/index.ts';

export type ReferralConflictRow = Tables['referralConflicts']['$inferSelect'];

/** Someone named by id and name (a user, a partner firm, a representative, a key). */
export interface Named {
  id: string;
  name: string;
}

/** One of the two referrals of a conflict. */
export interface ConflictReferral {
  /** The lead that carried it; null when the client was registered by staff with the partner set. */
  leadId: string | null;
  partner: Named;
  /** The partner's representative; null when none was named or the actor may not see partners. */
  representative: Named | null;
  referredAt: Date;
  /** When the partner's protection of this referral ends (`leads.protectionDays` after it). */
  protectionEndsAt: Date;
  /** The lead's source (a configured source key), if any. */
  source: string | null;
  /** Who registered it: a user (staff, a partner login, an API key's service user) or a lead-form key. */
  registeredBy: (Named & { kind: 'user' | 'api-key' | 'form-key' }) | null;
}

/** What a manager needs to decide a conflict (within scope; no identifiers, no contact data). */
export interface ReferralConflict {
  id: string;
  clientId: string;
  keptPartnerId: string;
  claimingPartnerId: string;
  leadId: string;
  unitId: string | null;
  at: Date;
  status: 'open' | 'resolved';
  /** The client: the name only when the actor may read the client (`clients:read` scope). */
  client: { id: string; name: string | null };
  /** The client's current advisor. */
  owner: Named | null;
  /** `[first, second]`: the kept referral, then the claim. */
  referrals: [ConflictReferral, ConflictReferral];
  resolvedAt: Date | null;
  resolvedBy: string | null;
  note: string | null;
  /** The decision, once resolved (null for conflicts closed with a note only, before decisions). */
  decision: { winner: 'first' | 'second' | null; partner: Named | null; by: Named | null; at: Date } | null;
}

/**
 * @example
 * const open = await listReferralConflicts(managerCtx); // unresolved, newest first
 * open[0].referrals.map((r) => r.partner.name); // ['Bursztyn Nieruchomości', 'Osiedle Zielone']
 */
export async function listReferralConflicts(
  ctx: Ctx,
  options: { includeResolved?: boolean; id?: string } = {},
): Promise<ReferralConflict[]> {
  const { t } = ctx;
  const rows = await ctx.db
    .select({
      c: t.referralConflicts,
      client: {
        id: t.clients.id,
        name: t.clients.displayName,
        ownerId: t.clients.ownerId,
        unitId: t.clients.unitId,
        partnerId: t.clients.partnerId,
        createdAt: t.clients.createdAt,
      },
    })
    .from(t.referralConflicts)
    .innerJoin(t.clients, eq(t.clients.id, t.referralConflicts.clientId))
    .where(
      and(
        clientScope(ctx, 'clients:assign'),
        options.id ? eq(t.referralConflicts.id, options.id) : undefined,
        options.includeResolved || options.id ? undefined : isNull(t.referralConflicts.resolvedAt),
      ),
    )
    .orderBy(desc(t.referralConflicts.at))
    .limit(500);
  if (!rows.length) return [];
  const firsts = await firstReferrals(
    ctx,
    rows.map((r) => ({ clientId: r.c.clientId, partnerId: r.c.keptPartnerId })),
  );
  const claimIds = rows.map((r) => r.c.leadId);
  const claims = new Map(
    (await ctx.db.select().from(t.leads).where(inArray(t.leads.id, claimIds))).map((l) => [l.id, l]),
  );
  const names = await namesOf(ctx, [
    ...rows.flatMap((r) => [r.c.keptPartnerId, r.c.claimingPartnerId, r.c.winnerPartnerId]),
    ...rows.flatMap((r) => [r.client.ownerId, r.c.resolvedBy]),
    ...[...firsts.values(), ...claims.values()].flatMap((l) => [l.partnerPersonId, viaId(l.via)]),
  ]);
  const named = (id: string | null | undefined): Named | null => (id ? { id, name: names.get(id) ?? id } : null);
  const window = ctx.config.leads.protectionDays * DAY_MS;
  const referral = (partnerId: string, lead: LeadRow | undefined, fallbackAt: Date): ConflictReferral => {
    const at = lead?.createdAt ?? fallbackAt;
    const via = lead ? viaOf(lead.via) : null;
    return {
      leadId: lead?.id ?? null,
      partner: named(partnerId)!,
      representative: seesPartner(ctx.actor, partnerId) ? named(lead?.partnerPersonId) : null,
      referredAt: at,
      protectionEndsAt: new Date(at.getTime() + window),
      source: lead?.source ?? null,
      registeredBy: via ? { ...named(via.id)!, kind: via.kind } : null,
    };
  };
  return rows.map(({ c, client }) => {
    const first = firsts.get(`${c.clientId}:${c.keptPartnerId}`);
    return {
      id: c.id,
      clientId: c.clientId,
      keptPartnerId: c.keptPartnerId,
      claimingPartnerId: c.claimingPartnerId,
      leadId: c.leadId,
      unitId: c.unitId,
      at: c.at,
      status: c.resolvedAt ? 'resolved' : 'open',
      client: { id: client.id, name: canAccess(ctx.actor, 'clients:read', client) ? client.name : null },
      owner: named(client.ownerId),
      referrals: [
        referral(c.keptPartnerId, first, client.createdAt),
        referral(c.claimingPartnerId, claims.get(c.leadId), c.at),
      ],
      resolvedAt: c.resolvedAt,
      resolvedBy: c.resolvedBy,
      note: c.note,
      decision: c.resolvedAt
        ? { winner: c.winner, partner: named(c.winnerPartnerId), by: named(c.resolvedBy), at: c.resolvedAt }
        : null,
    };
  });
}

type LeadRow = Tables['leads']['$inferSelect'];

/** Partner staff are shown to those who may see the partner (the rule of core/partners, which imports leads). */
function seesPartner(actor: Actor, partnerId: string): boolean {
  const scopes = scopesOf(actor, 'partners:read');
  return scopes.some((s) => s !== 'referred') || (scopes.includes('referred') && actor.partnerId === partnerId);
}

/** The kept partner's first lead for each client (the referral its protection counts from). */
async function firstReferrals(
  ctx: Ctx,
  pairs: Array<{ clientId: string; partnerId: string }>,
): Promise<Map<string, LeadRow>> {
  const { t } = ctx;
  const leads = await ctx.db
    .select()
    .from(t.leads)
    .where(
      and(
        inArray(
          t.leads.clientId,
          pairs.map((p) => p.clientId),
        ),
        inArray(
          t.leads.partnerId,
          pairs.map((p) => p.partnerId),
        ),
      ),
    )
    .orderBy(asc(t.leads.createdAt));
  const out = new Map<string, LeadRow>();
  for (const l of leads) {
    const k = `${l.clientId}:${l.partnerId}`;
    if (!out.has(k)) out.set(k, l);
  }
  return out;
}

function viaOf(via: string): { kind: 'user' | 'api-key' | 'form-key'; id: string } | null {
  const m = /^(user|api-key|public-key):(.+)$/.exec(via);
  if (!m) return null;
  return { kind: m[1] === 'public-key' ? 'form-key' : (m[1] as 'user' | 'api-key'), id: m[2]! };
}
const viaId = (via: string) => viaOf(via)?.id ?? null;

/** Names of users, partner firms, representatives and lead-form keys by id (ids are unique across tables). */
async function namesOf(ctx: Ctx, ids: Array<string | null | undefined>): Promise<Map<string, string>> {
  const { t } = ctx;
  const want = [...new Set(ids.filter((i): i is string => !!i))];
  const out = new Map<string, string>();
  if (!want.length) return out;
  const sets = await Promise.all([
    ctx.db.select({ id: t.users.id, name: t.users.name }).from(t.users).where(inArray(t.users.id, want)),
    ctx.db.select({ id: t.partners.id, name: t.partners.name }).from(t.partners).where(inArray(t.partners.id, want)),
    ctx.db
      .select({ id: t.partnerPeople.id, name: t.partnerPeople.name })
      .from(t.partnerPeople)
      .where(inArray(t.partnerPeople.id, want)),
    ctx.db
      .select({ id: t.leadSourceKeys.id, name: t.leadSourceKeys.name })
      .from(t.leadSourceKeys)
      .where(inArray(t.leadSourceKeys.id, want)),
  ]);
  for (const set of sets) for (const r of set) out.set(r.id, r.name);
  return out;
}

/** A manager's decision: which referral wins (`first`, `second`, or a referral's lead id), with a note. */
export interface ConflictDecision {
  winner?: 'first' | 'second' | string;
  note: string;
}

/**
 * Close a conflict with a decision. `{ note }` alone (the older body) closes it keeping the first
 * referral's partner. When the second wins, the client's partner and referrer become the claim's.
 * 404 outside the `clients:assign` scope; 409 when already resolved; 422 for an unknown winner.
 * @example
 * await resolveReferralConflict(managerCtx, id, { winner: 'second', note: 'Umowa pośrednictwa z deweloperem' });
 */
export async function resolveReferralConflict(
  ctx: Ctx,
  id: string,
  decision: ConflictDecision | string,
): Promise<ReferralConflict> {
  const { note, winner: asked } = typeof decision === 'string' ? { note: decision, winner: undefined } : decision;
  const [cur] = await listReferralConflicts(ctx, { id });
  if (!cur) throw notFound('Referral conflict', id);
  if (cur.resolvedAt) throw conflict('This referral conflict is already resolved', { resolvedAt: cur.resolvedAt });
  const [first, second] = cur.referrals;
  const winner =
    asked === undefined || asked === 'first' || (first.leadId !== null && asked === first.leadId)
      ? 'first'
      : asked === 'second' || asked === second.leadId
        ? 'second'
        : null;
  if (!winner)
    throw invalid('Unknown winner', [
      { path: '/winner', message: "must be 'first', 'second' or the lead id of one of the two referrals" },
    ]);
  const won = winner === 'first' ? first : second;
  await inTransaction(ctx, async (tx) => {
    const { t } = tx;
    const now = tx.clock.now();
    const [done] = await tx.db
      .update(t.referralConflicts)
      .set({ resolvedAt: now, resolvedBy: tx.actor.userId, note, winner, winnerPartnerId: won.partner.id })
      .where(and(eq(t.referralConflicts.id, id), isNull(t.referralConflicts.resolvedAt)))
      .returning({ id: t.referralConflicts.id });
    if (!done) throw conflict('This referral conflict is already resolved');
    const [client] = await tx.db
      .select({ partnerId: t.clients.partnerId, referrerId: t.clients.referrerId, version: t.clients.version })
      .from(t.clients)
      .where(eq(t.clients.id, cur.clientId))
      .limit(1);
    const referrerId = won.leadId ? await leadPerson(tx, won.leadId) : (client?.referrerId ?? null);
    const changes = client && client.partnerId !== won.partner.id;
    if (changes) {
      await tx.db
        .update(t.clients)
        .set({ partnerId: won.partner.id, referrerId, version: client.version + 1, updatedAt: now })
        .where(eq(t.clients.id, cur.clientId));
      await writeAudit(tx, {
        action: 'client.partner.change',
        entity: 'client',
        entityId: cur.clientId,
        data: { from: client.partnerId, to: won.partner.id, conflictId: id },
      });
    }
    await writeAudit(tx, {
      action: 'referral-conflict.resolve',
      entity: 'referral_conflict',
      entityId: id,
      data: { winner, partnerId: won.partner.id, clientPartnerChanged: !!changes },
    });
  });
  const [after] = await listReferralConflicts(ctx, { id });
  return after!;
}

async function leadPerson(ctx: Ctx, leadId: string): Promise<string | null> {
  const [l] = await ctx.db
    .select({ personId: ctx.t.leads.partnerPersonId })
    .from(ctx.t.leads)
    .where(eq(ctx.t.leads.id, leadId))
    .limit(1);
  return l?.personId ?? null;
}
