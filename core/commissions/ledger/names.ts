/**
 * @module commissions/ledger/names
 * Names instead of codes for what a commission line points at: its recipient (an advisor, a
 * partner firm, a unit, a provider), the sale's provider and product, advisor and unit, and the
 * client. Looked up in batches for a page of lines. The client's name follows the client rules
 * (`toClient`): only with `clients:read` over that client, and not when it is built from personal
 * fields the actor may not read (the back office without `pii:read` sees no name); a referring
 * partner gets no provider, product or client name (its line view has none either).
 */
import { inArray } from 'drizzle-orm';
import { canAccess, referrerOnly } from '../../access/index.ts';
import { toClient } from '../../clients/index.ts';
import type { Ctx } from '../../context.ts';
import { lineOwnership, type LineView } from './lines.ts';

/** A recipient of lines (and of a statement): its kind and id. */
export interface RecipientRef {
  kind: string;
  id: string;
}

export interface LineNames {
  recipient: string;
  provider?: string;
  product?: string;
  advisor?: string;
  unit?: string;
  /** Absent when the actor may not see the client's name. */
  client?: string;
}

export const recipientKey = (r: RecipientRef) => `${r.kind}|${r.id}`;

/** Names of rows of a table with a `name` column, by id. */
export async function byIds(
  ctx: Ctx,
  table: 'users' | 'units' | 'partners' | 'commissionProviders' | 'commissionProducts',
  ids: Iterable<string>,
): Promise<Map<string, string>> {
  const list = [...new Set(ids)];
  if (!list.length) return new Map();
  const tb = ctx.t[table];
  const rows = await ctx.db.select({ id: tb.id, name: tb.name }).from(tb).where(inArray(tb.id, list));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Names of recipients, by `recipientKey`; an unknown one is named by its id.
 * @example
 * const names = await recipientNames(ctx, [{ kind: 'advisor', id: annaId }]);
 * names.get(`advisor|${annaId}`) // 'Anna Nowak'
 */
export async function recipientNames(ctx: Ctx, refs: readonly RecipientRef[]): Promise<Map<string, string>> {
  const of = (kind: string) => refs.filter((r) => r.kind === kind).map((r) => r.id);
  const [users, partners, units, providers] = await Promise.all([
    byIds(ctx, 'users', of('advisor')),
    byIds(ctx, 'partners', of('partner')),
    byIds(ctx, 'units', of('unit')),
    byIds(ctx, 'commissionProviders', of('provider')),
  ]);
  const table: Record<string, Map<string, string>> = { advisor: users, partner: partners, unit: units };
  const out = new Map<string, string>();
  for (const r of refs) out.set(recipientKey(r), (table[r.kind] ?? providers).get(r.id) ?? r.id);
  return out;
}

/**
 * The page's lines with `names`.
 * @example
 * const items = await withNames(ctx, await listLines(ctx, { advisorId }));
 * items[0].names // { recipient: 'Anna Nowak', provider: 'Bank Aurora', product: 'Kredyt hipoteczny', … }
 */
export async function withNames(ctx: Ctx, lines: readonly LineView[]): Promise<Array<LineView & { names: LineNames }>> {
  const { t } = ctx;
  const full = lines.filter((l) => !referrerOnly(ctx.actor, 'commissions:read', lineOwnership(l)));
  const clientIds = [...new Set(full.map((l) => l.sale.clientId))];
  const [recipients, providers, products, people, units, clientRows] = await Promise.all([
    recipientNames(
      ctx,
      lines.map((l) => ({ kind: l.beneficiaryKind, id: l.beneficiaryId })),
    ),
    byIds(
      ctx,
      'commissionProviders',
      full.flatMap((l) => (l.sale.provider ? [l.sale.provider] : [])),
    ),
    byIds(
      ctx,
      'commissionProducts',
      full.flatMap((l) => (l.sale.product ? [l.sale.product] : [])),
    ),
    byIds(
      ctx,
      'users',
      lines.flatMap((l) => (l.sale.advisorId ? [l.sale.advisorId] : [])),
    ),
    byIds(
      ctx,
      'units',
      lines.flatMap((l) => (l.unitId ? [l.unitId] : [])),
    ),
    clientIds.length ? ctx.db.select().from(t.clients).where(inArray(t.clients.id, clientIds)) : Promise.resolve([]),
  ]);
  const clients = new Map<string, string | undefined>();
  for (const row of clientRows) {
    if (!canAccess(ctx.actor, 'clients:read', row)) continue;
    clients.set(row.id, toClient(ctx, row).displayName);
  }
  const fullIds = new Set(full.map((l) => l.id));
  return lines.map((l) => {
    const names: LineNames = {
      recipient: recipients.get(recipientKey({ kind: l.beneficiaryKind, id: l.beneficiaryId }))!,
    };
    const advisor = l.sale.advisorId ? people.get(l.sale.advisorId) : undefined;
    const unit = l.unitId ? units.get(l.unitId) : undefined;
    if (advisor) names.advisor = advisor;
    if (unit) names.unit = unit;
    if (fullIds.has(l.id)) {
      names.provider = (l.sale.provider && providers.get(l.sale.provider)) || l.sale.provider;
      names.product = (l.sale.product && products.get(l.sale.product)) || l.sale.product;
      const client = clients.get(l.sale.clientId);
      if (client) names.client = client;
    }
    return { ...l, names };
  });
}
