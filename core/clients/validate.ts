/**
 * @module clients/validate
 * Checks shared by create and update: the fields against the kind's schema (checksums included),
 * and the type, source and referral against the config's client types.
 */
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
