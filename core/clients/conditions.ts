/**
 * @module clients/conditions
 * The WHERE clause of a client list, summary or search, built on the scoping function. Dialect
 * differences stay here: the text index (FTS5 on libsql, a tsvector on PostgreSQL) and reading one
 * field out of the JSON `data`.
 */
import { and, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import { clientScope } from '../access/index.ts';
import type { Ctx } from '../context.ts';
import { invalid } from '../errors.ts';
import { inSubtree, getUnit } from '../org/index.ts';
import { clientFields, type KeyKind } from './fields.ts';
import { hashOf } from './keys.ts';
import { queryTokens } from './protect.ts';

export interface ClientFilter {
  status?: string | string[];
  type?: string;
  source?: string;
  ownerId?: string;
  /** This unit and every unit below it. */
  unitId?: string;
  createdFrom?: Date;
  createdTo?: Date;
  updatedFrom?: Date;
  updatedTo?: Date;
  /** Equality on `x-crm-searchable` fields (identifiers compared by keyed hash). */
  fields?: Record<string, string | number | boolean>;
  /** Search by name, phone, e-mail or identifier (PESEL/NIP/REGON found by keyed hash only). */
  q?: string;
}

const list = (v: string | string[]) => (Array.isArray(v) ? v : [v]);

/**
 * @example
 * const where = await clientConditions(ctx, { status: 'new', unitId: north.id, q: 'kowal' });
 */
export async function clientConditions(ctx: Ctx, f: ClientFilter): Promise<SQL | undefined> {
  const { t } = ctx;
  const c = t.clients;
  const parts: (SQL | undefined)[] = [clientScope(ctx, 'clients:read')];
  if (f.status !== undefined) parts.push(inArray(c.status, list(f.status)));
  if (f.type) parts.push(eq(c.type, f.type));
  if (f.source) parts.push(eq(c.source, f.source));
  if (f.ownerId) parts.push(eq(c.ownerId, f.ownerId));
  if (f.unitId) {
    const unit = await getUnit(ctx, f.unitId);
    parts.push(
      inArray(c.unitId, ctx.db.select({ id: t.units.id }).from(t.units).where(inSubtree(t.units.path, unit.path))),
    );
  }
  if (f.createdFrom) parts.push(gte(c.createdAt, f.createdFrom));
  if (f.createdTo) parts.push(lte(c.createdAt, f.createdTo));
  if (f.updatedFrom) parts.push(gte(c.updatedAt, f.updatedFrom));
  if (f.updatedTo) parts.push(lte(c.updatedAt, f.updatedTo));
  let piiNeeded = false;
  for (const [name, value] of Object.entries(f.fields ?? {})) {
    const info = clientFields(ctx.config).person.fields.get(name) ?? clientFields(ctx.config).company.fields.get(name);
    if (!info?.searchable)
      throw invalid('Unknown filter field', [
        { path: `?${name}`, message: `"${name}" is not a searchable client field` },
      ]);
    piiNeeded ||= info.pii;
    if (info.key) {
      const hash = hashOf(ctx.secret, info.key, String(value));
      parts.push(
        hash
          ? inArray(
              c.id,
              ctx.db
                .select({ id: t.clientKeys.clientId })
                .from(t.clientKeys)
                .where(and(eq(t.clientKeys.field, name), eq(t.clientKeys.hash, hash))),
            )
          : sql`1 = 0`,
      );
    } else if (info.encrypted) {
      // Stored sealed: no equality in SQL. Its words are in the search index as keyed hashes.
      parts.push(searchCondition(ctx, String(value)));
    } else {
      parts.push(sql`${jsonField(ctx, name)} = ${String(value)}`);
    }
  }
  if (f.q !== undefined && f.q.trim()) {
    piiNeeded = true;
    parts.push(searchCondition(ctx, f.q));
  }
  // Finding clients by personal data is reading it: only among records whose PII the actor may read.
  if (piiNeeded) parts.push(clientScope(ctx, 'pii:read'));
  return and(...parts);
}

/** One field of `data` as text. `name` is a configured field name (checked by the caller). */
function jsonField(ctx: Ctx, name: string): SQL {
  const col = ctx.t.clients.data;
  return ctx.database.dialect === 'postgres'
    ? sql`(${col} ->> ${name})`
    : sql`cast(json_extract(${col}, ${`$.${name}`}) as text)`;
}

const identifierKinds: KeyKind[] = ['pesel', 'nip', 'regon', 'iban', 'phone', 'email'];

/**
 * Per word a prefix match on the text index or its keyed hash (the words of encrypted fields), a
 * phone-like query also as its run of digits, OR an exact keyed-hash match when `q` is a valid identifier.
 */
function searchCondition(ctx: Ctx, q: string): SQL {
  const { t } = ctx;
  const { terms, digits } = queryTokens(ctx.secret, q);
  const ors: SQL[] = [];
  const pg = ctx.database.dialect === 'postgres';
  const match = (query: string) =>
    pg
      ? sql`"clients"."search_tsv" @@ to_tsquery('simple', ${query})`
      : sql`"clients"."rowid" in (select rowid from clients_fts where clients_fts match ${query})`;
  if (terms.length)
    ors.push(
      match(
        pg
          ? terms.map((w) => `(${w.word}:* | ${w.token})`).join(' & ')
          : terms.map((w) => `("${w.word}"* OR "${w.token}")`).join(' AND '),
      ),
    );
  if (digits) ors.push(match(pg ? digits : `"${digits}"`));
  const hashes = identifierKinds.map((k) => hashOf(ctx.secret, k, q.trim())).filter((h): h is string => !!h);
  if (hashes.length)
    ors.push(
      inArray(
        t.clients.id,
        ctx.db.select({ id: t.clientKeys.clientId }).from(t.clientKeys).where(inArray(t.clientKeys.hash, hashes)),
      ),
    );
  return ors.length ? or(...ors)! : sql`1 = 0`;
}
