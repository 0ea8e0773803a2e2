/**
 * @module partners/portal
 * What a partner's login sees: the clients its firm referred, each with the partner's own reference
 * (typed when it referred the client) beside the CRM's code,
 * the current status, the dates of status changes, and the assigned advisor's name and branch.
 * Built from a fixed list of columns: no field of the client's data is ever read here, so no
 * personal or financial field can reach a partner, whatever the config adds later.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { clientScope } from '../access/index.ts';
import type { Ctx } from '../context.ts';
import { forbidden, notFound } from '../errors.ts';
import { getPartner, type Partner } from './partners.ts';

export interface ReferredClient {
  id: string;
  /** The partner's own reference when it gave one, else the CRM's code. */
  reference: string;
  /** The reference the partner typed when it referred the client (its label or number), if any. */
  partnerReference: string | null;
  /** The CRM's code for the client (`K-…`), the same for the partner and the firm. */
  code: string;
  referredAt: Date;
  status: string;
  statusLabel: { pl: string; en: string } | null;
  statusChanges: Array<{ status: string; at: Date }>;
  advisor: { name: string } | null;
  branch: { name: string } | null;
}

/** The reference a partner knows a client by: its own (given with the lead) or one made from the id. */
export const generatedReference = (clientId: string) => `K-${clientId.slice(-8).toUpperCase()}`;

function partnerOf(ctx: Ctx): string {
  if (!ctx.actor.partnerId) throw forbidden('The partner portal is for partner logins');
  return ctx.actor.partnerId;
}

/** The partner firm of the signed-in partner. */
export async function portalPartner(ctx: Ctx): Promise<Pick<Partner, 'id' | 'name' | 'type'>> {
  const p = await getPartner(ctx, partnerOf(ctx)).catch(() => null);
  return p ? { id: p.id, name: p.name, type: p.type } : { id: partnerOf(ctx), name: '', type: '' };
}

/**
 * The partner's referred clients, newest first, optionally only those changed since an instant.
 * @example
 * const { items } = await referredClients(await crm.asUser(partnerUserId));
 */
export async function referredClients(
  ctx: Ctx,
  options: { clientId?: string; limit?: number } = {},
): Promise<{ items: ReferredClient[] }> {
  return { items: await referredClientsOf(ctx, partnerOf(ctx), options) };
}

/** The same for a given partner, within the actor's `clients:read` scope (reports run as the system). */
export async function referredClientsOf(
  ctx: Ctx,
  partnerId: string,
  options: { clientId?: string; limit?: number } = {},
): Promise<ReferredClient[]> {
  const { t } = ctx;
  const rows = await ctx.db
    .select({
      id: t.clients.id,
      status: t.clients.status,
      createdAt: t.clients.createdAt,
      ownerId: t.clients.ownerId,
      unitId: t.clients.unitId,
    })
    .from(t.clients)
    .where(
      and(
        eq(t.clients.partnerId, partnerId),
        clientScope(ctx, 'clients:read'),
        options.clientId ? eq(t.clients.id, options.clientId) : undefined,
      ),
    )
    .orderBy(desc(t.clients.createdAt), desc(t.clients.id))
    .limit(Math.min(options.limit ?? 5000, 5000));
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const history = await ctx.db
    .select({ clientId: t.statusHistory.clientId, status: t.statusHistory.toStatus, at: t.statusHistory.at })
    .from(t.statusHistory)
    .where(inArray(t.statusHistory.clientId, ids))
    .orderBy(asc(t.statusHistory.at), asc(t.statusHistory.id));
  const refs = await ctx.db
    .select({
      clientId: t.leads.clientId,
      reference: t.leads.reference,
      partnerReference: t.leads.partnerReference,
      at: t.leads.createdAt,
    })
    .from(t.leads)
    .where(and(inArray(t.leads.clientId, ids), eq(t.leads.partnerId, partnerId)))
    .orderBy(asc(t.leads.createdAt));
  const userIds = [...new Set(rows.map((r) => r.ownerId).filter((x): x is string => !!x))];
  const unitIds = [...new Set(rows.map((r) => r.unitId).filter((x): x is string => !!x))];
  const names = new Map(
    (userIds.length
      ? await ctx.db.select({ id: t.users.id, name: t.users.name }).from(t.users).where(inArray(t.users.id, userIds))
      : []
    ).map((u) => [u.id, u.name]),
  );
  const branches = new Map(
    (unitIds.length
      ? await ctx.db.select({ id: t.units.id, name: t.units.name }).from(t.units).where(inArray(t.units.id, unitIds))
      : []
    ).map((u) => [u.id, u.name]),
  );
  const statuses = (ctx.config.workflow?.statuses ?? {}) as Record<string, { label?: { pl: string; en: string } }>;
  return rows.map((r): ReferredClient => {
    const firstRef = refs.find((x) => x.clientId === r.id);
    const own = refs.find((x) => x.clientId === r.id && x.partnerReference)?.partnerReference ?? null;
    return {
      id: r.id,
      reference: own ?? firstRef?.reference ?? generatedReference(r.id),
      partnerReference: own,
      code: generatedReference(r.id),
      referredAt: firstRef && firstRef.at < r.createdAt ? firstRef.at : r.createdAt,
      status: r.status,
      statusLabel: statuses[r.status]?.label ?? null,
      statusChanges: history.filter((h) => h.clientId === r.id).map((h) => ({ status: h.status, at: h.at })),
      advisor: r.ownerId && names.has(r.ownerId) ? { name: names.get(r.ownerId)! } : null,
      branch: r.unitId && branches.has(r.unitId) ? { name: branches.get(r.unitId)! } : null,
    };
  });
}

/** One referred client; 404 for a client the partner did not refer (or that does not exist). */
export async function referredClient(ctx: Ctx, clientId: string): Promise<ReferredClient> {
  const [item] = (await referredClients(ctx, { clientId })).items;
  if (!item) throw notFound('Client', clientId);
  return item;
}
