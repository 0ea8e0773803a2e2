/**
 * @module config-versions/orphans
 * An edit of the configuration must not orphan stored data. Compared with the running version, the
 * edit is refused when it removes a workflow status clients still hold, a client type or a type's
 * source clients (or a live lead-form key) still use, a consent purpose with recorded consents, or
 * changes the type (or drops enum values) of a client field with stored values. Each problem says how
 * many records use it and names a few clients the admin may see.
 *
 * The schema-evolution rules of `core/clients/record.ts` still hold: a new optional field, a removed
 * field (its values stay in storage and come back with it) and a newly required field (required on
 * the next edit of each client) are all allowed.
 */
import { and, count, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { clientScope } from '../access/index.ts';
import type { ConfigCheck } from '../config/index.ts';
import type { Ctx } from '../context.ts';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const keysOf = (v: unknown) => Object.keys(obj(v));
const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

interface Orphan {
  path: string;
  message: string;
}

/** How many clients match, and up to 5 ids of those within the actor's clients:read scope. */
async function clientsWhere(ctx: Ctx, where: SQL | undefined): Promise<{ n: number; ids: string[] }> {
  const c = ctx.t.clients;
  const [row] = await ctx.db.select({ n: count() }).from(c).where(where);
  const n = Number(row?.n ?? 0);
  if (!n) return { n, ids: [] };
  let scope: SQL | undefined;
  try {
    scope = clientScope(ctx);
  } catch {
    return { n, ids: [] }; // without clients:read the admin gets the count only
  }
  const ids = await ctx.db.select({ id: c.id }).from(c).where(and(where, scope)).orderBy(c.id).limit(5);
  return { n, ids: ids.map((r) => r.id) };
}

const used = (n: number, ids: string[], what = 'client') =>
  `${n} ${what}${n === 1 ? '' : 's'}` + (ids.length ? ` (e.g. ${ids.join(', ')})` : '');

/** The stored JSON value of a client field as text, on either engine. */
function fieldText(ctx: Ctx, name: string): SQL {
  const col = ctx.t.clients.data;
  return ctx.database.dialect === 'postgres'
    ? sql`(${col} ->> ${name})`
    : sql`cast(json_extract(${col}, ${`$."${name.replace(/"/g, '')}"`}) as text)`;
}

/**
 * The data the edit from `running` to `next` would orphan (an empty list when none).
 * @example
 * const orphans = await findOrphans(ctx, ctx.config, JSON.parse(text));
 */
export async function findOrphans(ctx: Ctx, running: object, next: unknown): Promise<Orphan[]> {
  const out: Orphan[] = [];
  const c = ctx.t.clients;
  const was = obj(running);
  const now = obj(next);

  // Workflow statuses held by clients.
  const nowStatuses = obj(obj(now.workflow).statuses);
  for (const status of keysOf(obj(was.workflow).statuses)) {
    if (status in nowStatuses) continue;
    const { n, ids } = await clientsWhere(ctx, eq(c.status, status));
    if (n)
      out.push({
        path: `/workflow/statuses/${esc(status)}`,
        message: `status "${status}" is removed but ${used(n, ids)} still hold it; move them to another status first`,
      });
  }

  // Client types and their sources, used by clients or by live lead-form keys.
  const wasTypes = obj(obj(was.clients).types);
  const nowTypes = obj(obj(now.clients).types);
  const keys = ctx.t.leadSourceKeys;
  const liveKeys = async (where: SQL | undefined) => {
    const [row] = await ctx.db
      .select({ n: count() })
      .from(keys)
      .where(and(isNull(keys.revokedAt), where));
    return Number(row?.n ?? 0);
  };
  for (const type of Object.keys(wasTypes)) {
    const nowType = nowTypes[type];
    if (nowType === undefined) {
      const { n, ids } = await clientsWhere(ctx, eq(c.type, type));
      const k = await liveKeys(eq(keys.clientType, type));
      if (n || k)
        out.push({
          path: `/clients/types/${esc(type)}`,
          message: `client type "${type}" is removed but ${usedBy(n, ids, k)} still use it`,
        });
      continue;
    }
    const nowSources = obj(obj(nowType).sources);
    for (const source of keysOf(obj(wasTypes[type]).sources)) {
      if (source in nowSources) continue;
      const { n, ids } = await clientsWhere(ctx, and(eq(c.type, type), eq(c.source, source)));
      const k = await liveKeys(and(eq(keys.clientType, type), eq(keys.source, source)));
      if (n || k)
        out.push({
          path: `/clients/types/${esc(type)}/sources/${esc(source)}`,
          message: `source "${source}" of client type "${type}" is removed but ${usedBy(n, ids, k)} still use it`,
        });
    }
  }

  // Consent purposes with recorded consents.
  const nowPurposes = obj(now.purposes);
  const gone = keysOf(was.purposes).filter((p) => !(p in nowPurposes));
  if (gone.length) {
    const lc = ctx.t.leadConsents;
    const rows = await ctx.db
      .select({ purpose: lc.purpose, n: count() })
      .from(lc)
      .where(inArray(lc.purpose, gone))
      .groupBy(lc.purpose);
    for (const r of rows)
      if (Number(r.n))
        out.push({
          path: `/purposes/${esc(r.purpose)}`,
          message: `consent purpose "${r.purpose}" is removed but ${Number(r.n)} consent record(s) name it`,
        });
  }

  // Client fields with stored values: retyped, or enum values that stored values hold removed.
  const wasFields = obj(obj(was.clients).fields);
  const nowFields = obj(obj(now.clients).fields);
  for (const kind of Object.keys(wasFields)) {
    const before = obj(obj(wasFields[kind]).properties);
    const after = obj(obj(nowFields[kind]).properties);
    for (const name of Object.keys(before)) {
      if (!(name in after)) continue; // a removed field is allowed: its values stay in storage
      const a = obj(before[name]);
      const b = obj(after[name]);
      const path = `/clients/fields/${esc(kind)}/properties/${esc(name)}`;
      const value = fieldText(ctx, name);
      if (JSON.stringify(a.type) !== JSON.stringify(b.type)) {
        const { n, ids } = await clientsWhere(ctx, and(eq(c.kind, kind), sql`${value} is not null`));
        if (n)
          out.push({
            path: `${path}/type`,
            message:
              `field "${name}" changes type from ${JSON.stringify(a.type)} to ${JSON.stringify(b.type)} ` +
              `but ${used(n, ids)} have a value stored; add a new field instead`,
          });
        continue;
      }
      if (Array.isArray(a.enum) && Array.isArray(b.enum)) {
        const dropped = a.enum.filter((v) => !(b.enum as unknown[]).includes(v)).map(String);
        if (!dropped.length) continue;
        const { n, ids } = await clientsWhere(ctx, and(eq(c.kind, kind), inArray(value, dropped)));
        if (n)
          out.push({
            path: `${path}/enum`,
            message: `field "${name}" drops the value(s) ${dropped.join(', ')} but ${used(n, ids)} hold one`,
          });
      }
    }
  }
  return out;
}

const usedBy = (n: number, ids: string[], keys: number) =>
  [n ? used(n, ids) : '', keys ? `${keys} live lead-form key${keys === 1 ? '' : 's'}` : '']
    .filter(Boolean)
    .join(' and ');

/** The orphans as a check for the config loader, so they get the line and column of the submitted text. */
export const orphanCheck =
  (orphans: readonly Orphan[]): ConfigCheck =>
  (_config, report) => {
    for (const o of orphans) report(o.path, o.message);
  };
