/**
 * @module commissions/rules/diff
 * A draft against the published version, rule by rule (matched by id): added, removed, and changed
 * rules with each changed field and its old → new value written for people in Polish and English
 * ("stawka 1,20% → 1,40%", "rate 1.20% → 1.40%"). Pure: no storage, no HTTP.
 */
import { isDeepStrictEqual } from 'node:util';
import { moneyEn, moneyPl } from '../engine/explain-format.ts';
import { fromBp, fromDecimal, percentText } from '../engine/rate-math.ts';
import type { CommissionRule, CommissionRuleSet, RuleRate } from './schema.ts';

export interface Texts {
  pl: string;
  en: string;
}

export interface FieldChange {
  /** The rule's field: rate, validFrom, when.product… */
  field: string;
  old: unknown;
  new: unknown;
  oldText: Texts;
  newText: Texts;
}

export interface RuleChange {
  kind: 'added' | 'removed' | 'changed';
  ruleId: string;
  ledger: string;
  label: string | null;
  /** For `changed`: every field that differs; for added/removed: none. */
  fields: FieldChange[];
  /** The rule in one line, in both languages (the new one, or the removed one). */
  summary: Texts;
}

const none: Texts = { pl: '—', en: '—' };
const pct = (f: ReturnType<typeof fromBp>): Texts => ({ pl: percentText(f, ','), en: percentText(f, '.') });

/** A rate as people write it: 1,40% / 1.40%, 150,00 zł / PLN 150.00, tiers from an amount. */
export function rateText(rate: RuleRate | undefined): Texts {
  if (!rate) return none;
  if (typeof rate.bp === 'number') return pct(fromBp(rate.bp));
  if (typeof rate.decimal === 'string') return pct(fromDecimal(rate.decimal));
  if (typeof rate.fixedMinor === 'number') return { pl: moneyPl(rate.fixedMinor), en: moneyEn(rate.fixedMinor) };
  if (Array.isArray(rate.tiers)) {
    const parts = rate.tiers.map((t) => {
      const r = typeof t.bp === 'number' ? fromBp(t.bp) : fromDecimal(t.decimal ?? '0');
      return {
        pl: `od ${moneyPl(t.fromMinor)}: ${percentText(r, ',')}`,
        en: `from ${moneyEn(t.fromMinor)}: ${percentText(r)}`,
      };
    });
    const by = rate.by === 'periodVolume';
    return {
      pl: `progi${by ? ' wg obrotu w okresie' : ''}: ${parts.map((p) => p.pl).join('; ')}`,
      en: `tiers${by ? ' by period volume' : ''}: ${parts.map((p) => p.en).join('; ')}`,
    };
  }
  return none;
}

function valueText(field: string, value: unknown): Texts {
  if (value === undefined || value === null) return none;
  if (field === 'rate') return rateText(value as RuleRate);
  if ((field === 'minMinor' || field === 'maxMinor') && typeof value === 'number')
    return { pl: moneyPl(value), en: moneyEn(value) };
  if (Array.isArray(value)) return { pl: value.join(', '), en: value.join(', ') };
  if (typeof value === 'object') {
    const s = JSON.stringify(value);
    return { pl: s, en: s };
  }
  return { pl: String(value), en: String(value) };
}

/** The fields compared one by one; `when` is split into its conditions. */
function flatten(rule: CommissionRule): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(rule)) {
    if (k === 'when' && v && typeof v === 'object')
      for (const [c, w] of Object.entries(v as Record<string, unknown>)) out.set(`when.${c}`, w);
    else out.set(k, v);
  }
  return out;
}

function summaryOf(r: CommissionRule): Texts {
  const rate = rateText(r.rate);
  const products = r.when?.product?.join(', ');
  const dates = (from: string, to?: string) => `${from}${to ? ` – ${to}` : ''}`;
  return {
    pl: `${r.ledger}: ${rate.pl}${products ? `, produkt ${products}` : ''}, od ${dates(r.validFrom, r.validTo)}`,
    en: `${r.ledger}: ${rate.en}${products ? `, product ${products}` : ''}, from ${dates(r.validFrom, r.validTo)}`,
  };
}

/**
 * Rule-by-rule changes from `current` to `draft` (in the draft's order, then removed rules).
 * @example
 * diffRuleSets(v3, draft)
 * // [{ kind: 'changed', ruleId: 'aurora-cash-loan', fields: [{ field: 'rate',
 * //    oldText: { pl: '2,50%', en: '2.50%' }, newText: { pl: '2,80%', en: '2.80%' }, … }], … }]
 */
export function diffRuleSets(current: CommissionRuleSet | undefined, draft: CommissionRuleSet): RuleChange[] {
  const old = new Map((current?.rules ?? []).map((r) => [r.id, r]));
  const seen = new Set<string>();
  const out: RuleChange[] = [];
  for (const r of draft.rules) {
    seen.add(r.id);
    const o = old.get(r.id);
    const base = { ruleId: r.id, ledger: r.ledger, label: r.label ?? null, summary: summaryOf(r) };
    if (!o) {
      out.push({ kind: 'added', ...base, fields: [] });
      continue;
    }
    if (isDeepStrictEqual(o, r)) continue;
    const a = flatten(o);
    const b = flatten(r);
    const fields: FieldChange[] = [];
    for (const field of new Set([...a.keys(), ...b.keys()])) {
      const x = a.get(field);
      const y = b.get(field);
      if (isDeepStrictEqual(x, y)) continue;
      fields.push({
        field,
        old: x ?? null,
        new: y ?? null,
        oldText: valueText(field, x),
        newText: valueText(field, y),
      });
    }
    out.push({ kind: 'changed', ...base, fields });
  }
  for (const o of current?.rules ?? [])
    if (!seen.has(o.id))
      out.push({
        kind: 'removed',
        ruleId: o.id,
        ledger: o.ledger,
        label: o.label ?? null,
        summary: summaryOf(o),
        fields: [],
      });
  return out;
}
