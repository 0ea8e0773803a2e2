/**
 * @module clients/validate
 * Checks shared by create and update: the fields against the kind's schema (checksums included),
 * the type, source and referral against the config's client types, and the ids the client points
 * to (unit, partner firm, referring user or the partner firm's representative) against the database.
 */
import { and, eq } from 'drizzle-orm';
import { ajvProblems } from '../config/index.ts';
import type { Ctx } from '../context.ts';
import { invalid, type FieldProblem } from '../errors.ts';
import type { KindFields } from './fields.ts';

/** Throws 422 naming each bad field under `/data/…` (checksum, length, date, unknown field…). */
export function assertValidData(kf: KindFields, data: Record<string, unknown>): void {
  if (kf.validate(data)) return;
  const problems = ajvProblems(kf.validate.errors, data).map((p) => ({ ...p, path: `/data${p.path}` }));
  throw invalid(`The ${kf.kind}'s fields are invalid`, problems);
}

export interface Classification {
  type: string;
  source: string | null;
  partnerId: string | null;
  referrerId: string | null;
}

/**
 * The type must exist, the source must be one of the type's, and the referral must fit the source:
 * an external referral names the partner firm, an internal one names the referring user.
 */
export function assertValidClassification(ctx: Ctx, c: Classification): void {
  const types = ctx.config.clients.types;
  const type = types[c.type];
  const problems: FieldProblem[] = [];
  if (!type) {
    problems.push({
      path: '/type',
      message: `unknown client type "${c.type}" (known: ${Object.keys(types).join(', ')})`,
    });
  } else {
    const sources = type.sources ?? {};
    const source = c.source === null ? undefined : sources[c.source];
    if (c.source !== null && !source)
      problems.push({
        path: '/source',
        message:
          `unknown source "${c.source}" for type "${c.type}" ` +
          `(known: ${Object.keys(sources).join(', ') || 'none'})`,
      });
    if (c.source === null && type.sourceRequired)
      problems.push({ path: '/source', message: `a client of type "${c.type}" needs a source` });
    const referral = source?.referral ?? 'none';
    if (referral === 'external' && !c.partnerId)
      problems.push({
        path: '/partnerId',
        message: `the source "${c.source}" is a partner referral: name the partner firm`,
      });
    if (referral === 'internal' && !c.referrerId)
      problems.push({
        path: '/referrerId',
        message: `the source "${c.source}" is an internal referral: name the referring user`,
      });
    if (referral === 'internal' && c.partnerId)
      problems.push({ path: '/partnerId', message: 'an internal referral has no partner firm' });
  }
  if (problems.length) throw invalid('The client type, source or referral is invalid', problems);
}

/**
 * Every id the client points to must exist: the unit (not archived), the partner firm and the
 * referring user. A dangling reference is a 422 naming the field, never a stored "nope".
 * @example
 * await assertReferencesExist(ctx, { unitId: 'nope' }); // 422, /unitId
 */
export async function assertReferencesExist(
  ctx: Ctx,
  refs: { unitId?: string | null; partnerId?: string | null; referrerId?: string | null },
): Promise<void> {
  const { t } = ctx;
  const problems: FieldProblem[] = [];
  if (refs.unitId) {
    const [u] = await ctx.db
      .select({ id: t.units.id, archivedAt: t.units.archivedAt })
      .from(t.units)
      .where(eq(t.units.id, refs.unitId))
      .limit(1);
    if (!u || u.archivedAt) problems.push({ path: '/unitId', message: 'no active unit with this id' });
  }
  if (refs.partnerId) {
    const [p] = await ctx.db
      .select({ id: t.partners.id })
      .from(t.partners)
      .where(eq(t.partners.id, refs.partnerId))
      .limit(1);
    if (!p) problems.push({ path: '/partnerId', message: 'no partner firm with this id' });
  }
  if (refs.referrerId) {
    const [r] = await ctx.db.select({ id: t.users.id }).from(t.users).where(eq(t.users.id, refs.referrerId)).limit(1);
    // An external referral's referrer is a representative of the partner firm (as lead intake stores it).
    const [person] =
      r || !refs.partnerId
        ? []
        : await ctx.db
            .select({ id: t.partnerPeople.id })
            .from(t.partnerPeople)
            .where(and(eq(t.partnerPeople.id, refs.referrerId), eq(t.partnerPeople.partnerId, refs.partnerId)))
            .limit(1);
    if (!r && !person)
      problems.push({
        path: '/referrerId',
        message: refs.partnerId ? 'neither a user nor a representative of the partner firm' : 'no user with this id',
      });
  }
  if (problems.length) throw invalid('The client points to something that does not exist', problems);
}
