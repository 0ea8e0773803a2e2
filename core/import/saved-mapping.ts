/**
 * @module import/saved-mapping
 * The column mapping a person confirmed (by importing with it), saved for the firm and keyed by
 * the kind of client and the file's header row: the next file with the same header gets it back
 * instead of a guess. Columns of a saved mapping that the header no longer has are dropped.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { clientFields, fold, type ClientKind } from '../clients/index.ts';
import type { Ctx } from '../context.ts';
import { guessMapping, type ColumnMapping } from './mapping.ts';

/** `person:` and a digest of the folded header row (order and spelling count, case and accents do not). */
export function headerKey(kind: ClientKind, header: readonly string[]): string {
  const folded = header.map((h) => fold(h).trim()).join('\u001f');
  return `${kind}:${createHash('sha256').update(folded).digest('hex')}`;
}

/** Saves (or replaces) the mapping for this header (in the caller's transaction). */
export async function saveMapping(
  ctx: Ctx,
  kind: ClientKind,
  header: readonly string[],
  mapping: ColumnMapping,
): Promise<void> {
  const row = { headerKey: headerKey(kind, header), mapping, savedBy: ctx.actor.userId, savedAt: ctx.clock.now() };
  await ctx.db
    .insert(ctx.t.importMappings)
    .values(row)
    .onConflictDoUpdate({
      target: ctx.t.importMappings.headerKey,
      set: { mapping: row.mapping, savedBy: row.savedBy, savedAt: row.savedAt },
    });
}

/**
 * The saved mapping for this header, else the guess from its Polish or English names.
 * @example
 * await mappingFor(ctx, 'person', ['Imię', 'Nazwisko']); // { mapping: { Imię: 'firstName', … }, saved: false }
 */
export async function mappingFor(
  ctx: Ctx,
  kind: ClientKind,
  header: readonly string[],
): Promise<{ mapping: ColumnMapping; saved: boolean }> {
  const [row] = await ctx.db
    .select({ mapping: ctx.t.importMappings.mapping })
    .from(ctx.t.importMappings)
    .where(eq(ctx.t.importMappings.headerKey, headerKey(kind, header)))
    .limit(1);
  const fields = clientFields(ctx.config)[kind].fields;
  if (row) {
    const mapping = Object.fromEntries(
      Object.entries(row.mapping).filter(([column, field]) => header.includes(column) && fields.has(field)),
    );
    return { mapping, saved: true };
  }
  return { mapping: guessMapping([...header], clientFields(ctx.config)[kind]), saved: false };
}
