/**
 * @module commissions/rules/compose
 * Publishing a draft from a date: the new version keeps every rule of the current one that the draft
 * leaves unchanged; a rule the draft changes or removes is closed the day before `from` (its
 * `validTo` becomes `from`), and the draft's new or changed rules start on `from` at the earliest.
 * So sales dated before `from` meet exactly the rules they met before, and later ones the draft's.
 * A changed rule keeps its id on the old part; the new part is named `<id>-from-<date>`.
 */
import { isDeepStrictEqual } from 'node:util';
import type { CommissionRule, CommissionRuleSet } from './schema.ts';

const later = (a: string, b: string) => (a > b ? a : b);

/**
 * The rule set that makes `draft` apply from `from` (a local date) on top of `current`, as version `version`.
 * @example
 * const next = composeRuleSet(current, draft, '2027-01-01', current.version + 1);
 * // a changed rule "aurora-cash-loan" → "aurora-cash-loan" (validTo 2027-01-01) + "aurora-cash-loan-from-2027-01-01"
 */
export function composeRuleSet(
  current: CommissionRuleSet | undefined,
  draft: CommissionRuleSet,
  from: string,
  version: number,
): CommissionRuleSet {
  const old = current?.rules ?? [];
  const oldVersion = current?.version ?? version;
  const draftById = new Map(draft.rules.map((r) => [r.id, r]));
  const oldById = new Map(old.map((r) => [r.id, r]));
  const rules: CommissionRule[] = [];
  const ids = new Set<string>();
  for (const r of old) {
    const d = draftById.get(r.id);
    if (d && isDeepStrictEqual(d, r)) {
      rules.push({ ...r, version: r.version ?? oldVersion });
    } else if (r.validFrom < from) {
      // Changed or removed: in force up to `from`, with the version it had (not the new set's).
      const validTo = r.validTo && r.validTo <= from ? r.validTo : from;
      rules.push({ ...r, version: r.version ?? oldVersion, validTo });
    } else continue;
    ids.add(r.id);
  }
  for (const d of draft.rules) {
    const o = oldById.get(d.id);
    if (o && isDeepStrictEqual(d, o)) continue;
    if (d.validTo && d.validTo <= from) continue;
    let id = d.id;
    if (ids.has(id)) id = `${d.id}-from-${from}`;
    for (let n = 2; ids.has(id); n++) id = `${d.id}-from-${from}-${n}`;
    ids.add(id);
    rules.push({ ...d, id, version, validFrom: later(d.validFrom, from) });
  }
  return {
    ...(draft.$schema ? { $schema: draft.$schema } : {}),
    version,
    ...(draft.description ? { description: draft.description } : {}),
    rules,
    ...(draft.clawbacks ? { clawbacks: draft.clawbacks } : {}),
  };
}
