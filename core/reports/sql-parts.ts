/**
 * @module reports/sql-parts
 * Small SQL pieces shared by the report queries: the `reports:read` scope (through access/scope,
 * the one way to scope a query), the drill-down unit filter, and the one dialect difference the
 * reports have (reading a key of a JSON column).
 */
import { eq, inArray, sql, type Column, type SQL } from 'drizzle-orm';
import { scopeCondition, scopesOf, type ScopeColumns, type Permission } from '../access/index.ts';
import type { Ctx } from '../context.ts';
import type { Network } from './dimension.ts';
import type { ReportParams } from './types.ts';

/** The actor's `reports:read` reach over a table's owner/unit/partner columns. */
export const reportScope = (ctx: Ctx, cols: ScopeColumns) => scopeCondition(ctx.actor, 'reports:read', cols);

/**
 * Whether the actor may see a kind of figure at all (money columns need financial:read, commission
 * columns commissions:read).
 */
export const mayRead = (ctx: Ctx, permission: Permission) => scopesOf(ctx.actor, permission).length > 0;

/** Drill-down filters: the unit's subtree and/or one person. */
export function drillFilter(net: Network, p: ReportParams, unit: Column, person: Column): SQL[] {
  const out: SQL[] = [];
  if (p.unitId) out.push(inArray(unit, net.subtree(p.unitId)));
  if (p.userId) out.push(eq(person, p.userId));
  return out;
}

/** `column ->> key` on either engine (JSON text on libsql, jsonb on PostgreSQL). */
export function jsonText(ctx: Ctx, column: Column, key: string): SQL {
  return ctx.database.dialect === 'postgres'
    ? sql`(${column} ->> ${sql.raw(`'${key.replace(/'/g, '')}'`)})`
    : sql`json_extract(${column}, ${sql.raw(`'$.${key.replace(/'/g, '')}'`)})`;
}

/** Numbers from either driver (PostgreSQL sums arrive as strings). */
export const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
