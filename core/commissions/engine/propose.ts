/**
 * @module commissions/engine/propose
 * A sale → proposed commission lines on every ledger, computed with the rules in force on the sale
 * date. Pure and deterministic: the same sale, context and rule set give the same lines, in the
 * same order, whatever order the rules were written in.
 */
import { CrmError } from '../../errors.ts';
import type { CommissionRuleSet, Ledger } from '../rules/schema.ts';
import type { CommissionRuleTypes } from '../rules/rule-type.ts';
import { compileRuleSet, type CompiledComponent, type CompiledRule, type FastRate, type SaleKey } from './compile.ts';
import {
  ledgerNamesEn,
  ledgerNamesPl,
  ledgerWordsEn,
  ledgerWordsPl,
  moneyEn,
  moneyPl,
  moneyPlain,
  ruleEn,
  rulePl,
} from './explain-format.ts';
import { LazyExplanation, PendingStandard } from './lazy-explanation.ts';
import { mulDivRound, mulDivRoundNumber } from './rate-math.ts';
import { computeStandard, type StandardInput } from './standard.ts';
import type { Beneficiary, CommissionContext, CommissionLine, CommissionSale, LineExplanation } from './types.ts';

/** `YYYY-MM-DD` in shape (a regular expression per sale showed in profiles). */
const digit = (d: string, i: number) => {
  const c = d.charCodeAt(i);
  return c >= 48 && c <= 57;
};
function isDate(d: string): boolean {
  return (
    d.length === 10 &&
    d.charCodeAt(4) === 45 &&
    d.charCodeAt(7) === 45 &&
    digit(d, 0) &&
    digit(d, 1) &&
    digit(d, 2) &&
    digit(d, 3) &&
    digit(d, 5) &&
    digit(d, 6) &&
    digit(d, 8) &&
    digit(d, 9)
  );
}

function matches(r: CompiledRule, sale: CommissionSale): boolean {
  const d = sale.date;
  if (d < r.validFrom || d >= r.validTo) return false;
  const a = sale.amountMinor;
  if (a < r.amountFrom || a >= r.amountTo) return false;
  const keys = r.condKeys;
  for (let i = 0; i < keys.length; i++) {
    const v = valueOf(sale, keys[i]!);
    if (v === undefined) return false;
    const one = r.condOne[i];
    if (one !== undefined ? v !== one : !r.condSets[i]!.has(v)) return false;
  }
  return true;
}

// Named property loads stay monomorphic per key; `sale[key]` with a variable key does not.
function valueOf(sale: CommissionSale, key: SaleKey): string | undefined {
  switch (key) {
    case 'provider':
      return sale.provider;
    case 'productCategory':
      return sale.productCategory;
    case 'clientType':
      return sale.clientType;
    case 'source':
      return sale.source;
    case 'unitType':
      return sale.unitType;
    case 'advisorGroup':
      return sale.advisorGroup;
    case 'partnerGroup':
      return sale.partnerGroup;
    case 'unitGroup':
      return sale.unitGroup;
  }
}

function assertSale(sale: CommissionSale): void {
  if (!sale || typeof sale.id !== 'string') throw new CrmError('invalid', 'a sale needs an id');
  if (typeof sale.date !== 'string' || !isDate(sale.date))
    throw new CrmError(
      'invalid',
      `sale ${sale.id}: date must be a local date YYYY-MM-DD, got ${JSON.stringify(sale.date)}`,
    );
  if (!Number.isSafeInteger(sale.amountMinor) || sale.amountMinor < 0)
    throw new CrmError(
      'invalid',
      `sale ${sale.id}: amountMinor must be a non-negative whole number of grosze, got ${sale.amountMinor}`,
    );
}

/**
 * Proposes the lines for one sale. Ledgers without a beneficiary on the sale (no partner, no
 * advisor, no unit) get no line. The firm ledger always, and the partner ledger when the sale has
 * a partner, must be covered: otherwise a line flagged `missing: true` with amount 0 says so.
 * @example
 * const lines = proposeCommissions(
 *   { id: 's-1', date: '2026-03-10', amountMinor: 45_000_000, provider: 'bank-a', product: 'mortgage',
 *     advisorId: 'u-7', advisorGroup: 'advisor-senior' },
 *   {}, ruleSet);
 * lines[0].explanation.pl // '0,90% × 450 000,00 zł = 4 050,00 zł (reguła bank-a-mortgage-2026q1, wersja 3)'
 */
export function proposeCommissions(
  sale: CommissionSale,
  context: CommissionContext,
  ruleSet: CommissionRuleSet,
  ruleTypes: CommissionRuleTypes = {},
): CommissionLine[] {
  assertSale(sale);
  const compiled = compileRuleSet(ruleSet);
  // Each ledger's total so far, by index in `ledgers` (undefined = no line to base a share on).
  const totals: (number | undefined)[] = [undefined, undefined, undefined, undefined];
  const out: CommissionLine[] = [];
  const steps = compiled.steps;
  for (let s = 0; s < steps.length; s++) {
    const { ledger, index, components } = steps[s]!;
    const id = beneficiaryId(index, sale);
    if (id === undefined) continue;
    const start = out.length;
    let total: number | undefined;
    let main = false;
    let beneficiary: Beneficiary | undefined;
    for (let c = 0; c < components.length; c++) {
      const comp = components[c]!;
      const candidates = candidatesOf(comp, sale);
      let winner: CompiledRule | undefined;
      for (let i = 0; i < candidates.length; i++)
        if (matches(candidates[i]!, sale)) {
          winner = candidates[i];
          break;
        }
      if (!winner) continue;
      beneficiary ??= { kind: kindOf(index, ledger, sale), id };
      const line = winner.fast
        ? fastLine(winner, winner.fast, sale, beneficiary, totals)
        : computeLine(winner, sale, context, beneficiary, totals, ruleTypes);
      out.push(line);
      if (comp.component === 'commission') main = true;
      if (line.missing !== true) total = (total ?? 0) + line.amountMinor;
    }
    if (!main && (index === 0 || index === 2))
      out.splice(start, 0, missingLine(sale, ledger, beneficiary ?? { kind: kindOf(index, ledger, sale), id }));
    totals[index] = total;
  }
  // Lines come in the fixed ledger order whatever order the dependencies imposed (stable sort).
  return compiled.naturalOrder ? out : out.sort((x, y) => LEDGER_INDEX[x.ledger] - LEDGER_INDEX[y.ledger]);
}

function candidatesOf(comp: CompiledComponent, sale: CommissionSale): CompiledRule[] {
  if (comp.byProduct.size !== 0) {
    const list = comp.byProduct.get(sale.product);
    if (list) return list;
  }
  const ix = comp.anyIndex;
  if (ix === undefined) return comp.anyProduct;
  const v = valueOf(sale, ix.key);
  return (v !== undefined && ix.buckets.get(v)) || ix.rest;
}

const LEDGER_INDEX: Record<Ledger, number> = { firm: 0, advisor: 1, partner: 2, unit: 3 };
const KIND: Record<Ledger, Beneficiary['kind']> = {
  firm: 'provider',
  advisor: 'advisor',
  partner: 'partner',
  unit: 'unit',
};

/** The partner ledger pays the partner firm, or the referring advisor of an internal referral. */
const kindOf = (index: number, ledger: Ledger, sale: CommissionSale): Beneficiary['kind'] =>
  index === 2 && !sale.partnerId ? 'advisor' : KIND[ledger];

/** By index in `ledgers`: firm, advisor, partner (or internal referrer), unit. */
function beneficiaryId(index: number, sale: CommissionSale): string | undefined {
  switch (index) {
    case 0:
      return sale.provider;
    case 1:
      return sale.advisorId || undefined;
    case 2:
      return sale.partnerId || sale.referrerId || undefined;
    default:
      return sale.unitFranchise === false ? undefined : sale.unitId || undefined;
  }
}

function computeLine(
  r: CompiledRule,
  sale: CommissionSale,
  context: CommissionContext,
  beneficiary: Beneficiary,
  totals: (number | undefined)[],
  ruleTypes: CommissionRuleTypes,
): CommissionLine {
  let baseMinor = sale.amountMinor;
  const of = r.base.ledger;
  if (of) {
    const t = totals[LEDGER_INDEX[of]];
    if (t === undefined) return missingBaseLine(r, sale, beneficiary);
    baseMinor = t;
  }
  let amount: number;
  let rate: LineExplanation['rate'];
  // The formula in words, without the rule's tag: `0,90% × 450 000,00 zł = 4 050,00 zł`.
  let pl: string;
  let en: string;
  let arithmetic: string;
  const rr = r.rate;
  if (r.type === 'standard' && rr && (rr.kind === 'bp' || rr.kind === 'decimal')) {
    // The common line, written directly.
    amount = mulDivRound(baseMinor, rr.f.num, rr.f.den);
    rate = rr.info;
    pl = `${rr.pctPl} × ${moneyPl(baseMinor)}${of ? ledgerSuffixPl[of] : ''} = ${moneyPl(amount)}`;
    en = `${rr.pctEn} × ${moneyEn(baseMinor)}${of ? ledgerSuffixEn[of] : ''} = ${moneyEn(amount)}`;
    arithmetic = `${moneyPlain(baseMinor)} × ${rr.pctEn} = ${moneyPlain(amount)}`;
  } else if (r.type === 'standard') {
    const input: StandardInput = {
      rate: rr!,
      baseMinor,
      base: r.base,
      saleAmountMinor: sale.amountMinor,
      periodVolumeMinor: context.periodVolumeMinor?.[r.ledger] ?? 0,
    };
    // Fixed amounts and tiers: the numbers now, the words when the explanation is first read.
    const s = computeStandard(input);
    let capApplied: LineExplanation['capApplied'];
    amount = s.amountMinor;
    if (r.minMinor !== undefined && amount < r.minMinor) {
      capApplied = { kind: 'min', limitMinor: r.minMinor, uncappedMinor: amount };
      amount = r.minMinor;
    } else if (r.maxMinor !== undefined && amount > r.maxMinor) {
      capApplied = { kind: 'max', limitMinor: r.maxMinor, uncappedMinor: amount };
      amount = r.maxMinor;
    }
    const base: LineExplanation['base'] = of
      ? { of: 'ledger', ledger: of, amountMinor: baseMinor }
      : { of: 'sale', amountMinor: baseMinor };
    const explanation = new LazyExplanation(base, s.rate, new PendingStandard(r, input, s), capApplied);
    if (s.tier) explanation.tier = s.tier;
    return {
      saleId: sale.id,
      ledger: r.ledger,
      component: r.component,
      beneficiary,
      amountMinor: amount,
      ruleId: r.id,
      ruleVersion: r.version,
      explanation,
    };
  } else {
    const type = ruleTypes[r.type];
    if (!type)
      throw new CrmError('invalid', `rule ${r.id} uses the rule type "${r.type}", which no registered plugin provides`);
    const periodVolumeMinor = context.periodVolumeMinor?.[r.ledger] ?? 0;
    const res = type.calculate({
      sale,
      ledger: r.ledger,
      beneficiary,
      baseMinor,
      base: r.base,
      periodVolumeMinor,
      context,
      options: r.rule.options ?? {},
      rule: { id: r.id, version: r.version },
    });
    if (!res || !Number.isSafeInteger(res.amountMinor))
      throw new CrmError(
        'invalid',
        `rule type "${r.type}" (rule ${r.id}) returned ${res?.amountMinor}, not a whole number of grosze`,
      );
    if (!res.explanation?.pl || !res.explanation.en)
      throw new CrmError(
        'invalid',
        `rule type "${r.type}" (rule ${r.id}) returned no explanation in Polish and English`,
      );
    amount = res.amountMinor;
    rate = { kind: 'plugin', text: r.type };
    pl = res.explanation.pl;
    en = res.explanation.en;
    arithmetic = res.explanation.arithmetic ?? `${r.type} = ${moneyPlain(amount)}`;
  }
  let capApplied: LineExplanation['capApplied'];
  if (r.minMinor !== undefined && amount < r.minMinor) {
    capApplied = { kind: 'min', limitMinor: r.minMinor, uncappedMinor: amount };
    pl += ` → minimum ${moneyPl(r.minMinor)}`;
    en += ` → raised to the minimum ${moneyEn(r.minMinor)}`;
    arithmetic += ` → min ${moneyPlain(r.minMinor)}`;
    amount = r.minMinor;
  } else if (r.maxMinor !== undefined && amount > r.maxMinor) {
    capApplied = { kind: 'max', limitMinor: r.maxMinor, uncappedMinor: amount };
    pl += ` → maksimum ${moneyPl(r.maxMinor)}`;
    en += ` → capped at ${moneyEn(r.maxMinor)}`;
    arithmetic += ` → max ${moneyPlain(r.maxMinor)}`;
    amount = r.maxMinor;
  }
  const explanation: LineExplanation = {
    base: of ? { of: 'ledger', ledger: of, amountMinor: baseMinor } : { of: 'sale', amountMinor: baseMinor },
    rate,
    arithmetic,
    pl: `${pl} ${r.tagPl}`,
    en: `${en} ${r.tagEn}`,
  };
  if (capApplied) explanation.capApplied = capApplied;
  return {
    saleId: sale.id,
    ledger: r.ledger,
    component: r.component,
    beneficiary,
    amountMinor: amount,
    ruleId: r.id,
    ruleVersion: r.version,
    explanation,
  };
}

/**
 * The common line (a standard bp/decimal rule): the numbers only; its explanation writes the words
 * compiled with the rule around the amounts when it is first read.
 */
function fastLine(
  r: CompiledRule,
  f: FastRate,
  sale: CommissionSale,
  beneficiary: Beneficiary,
  totals: (number | undefined)[],
): CommissionLine {
  const of = r.base.ledger;
  let baseMinor = sale.amountMinor;
  if (r.baseIndex >= 0) {
    const t = totals[r.baseIndex];
    if (t === undefined) return missingBaseLine(r, sale, beneficiary);
    baseMinor = t;
  }
  const uncapped = mulDivRoundNumber(baseMinor, f.n, f.d);
  let amount = uncapped;
  let capApplied: LineExplanation['capApplied'];
  if (r.minMinor !== undefined && uncapped < r.minMinor) {
    amount = r.minMinor;
    capApplied = { kind: 'min', limitMinor: amount, uncappedMinor: uncapped };
  } else if (r.maxMinor !== undefined && uncapped > r.maxMinor) {
    amount = r.maxMinor;
    capApplied = { kind: 'max', limitMinor: amount, uncappedMinor: uncapped };
  }
  const base: LineExplanation['base'] = of
    ? { of: 'ledger', ledger: of, amountMinor: baseMinor }
    : { of: 'sale', amountMinor: baseMinor };
  return {
    saleId: sale.id,
    ledger: r.ledger,
    component: r.component,
    beneficiary,
    amountMinor: amount,
    ruleId: r.id,
    ruleVersion: r.version,
    // The words are written when first read (most proposals are never read in words).
    explanation: new LazyExplanation(base, f.info, f, capApplied),
  };
}

const ledgerSuffixPl = Object.fromEntries(Object.entries(ledgerWordsPl).map(([k, v]) => [k, ` (${v})`])) as Record<
  Ledger,
  string
>;
const ledgerSuffixEn = Object.fromEntries(Object.entries(ledgerWordsEn).map(([k, v]) => [k, ` (${v})`])) as Record<
  Ledger,
  string
>;

function missingLine(sale: CommissionSale, ledger: Ledger, beneficiary: Beneficiary): CommissionLine {
  const what = `${sale.provider} / ${sale.product}, ${sale.date}`;
  return {
    saleId: sale.id,
    ledger,
    component: 'commission',
    beneficiary,
    amountMinor: 0,
    ruleId: null,
    ruleVersion: null,
    missing: true,
    explanation: {
      base: { of: 'sale', amountMinor: sale.amountMinor },
      rate: { kind: 'none', text: 'no rule' },
      arithmetic: 'no rule = 0.00',
      pl:
        `Brak reguły prowizji ${ledgerNamesPl[ledger]} dla tej sprzedaży (${what}): kwota 0,00 zł do ` +
        `uzupełnienia i zatwierdzenia ręcznie.`,
      en:
        `No rule covers this sale on the ${ledgerNamesEn[ledger]} ledger (${what}): amount 0.00 to be entered and ` +
        `approved by hand.`,
    },
  };
}

function missingBaseLine(r: CompiledRule, sale: CommissionSale, beneficiary: Beneficiary): CommissionLine {
  const base = r.base.ledger!;
  return {
    saleId: sale.id,
    ledger: r.ledger,
    component: r.component,
    beneficiary,
    amountMinor: 0,
    ruleId: r.id,
    ruleVersion: r.version,
    missing: true,
    explanation: {
      base: { of: 'ledger', ledger: base, amountMinor: 0 },
      rate: { kind: 'none', text: 'base missing' },
      arithmetic: `base ${base} missing = 0.00`,
      pl:
        `Reguła liczy od prowizji ${ledgerNamesPl[base]}, której dla tej sprzedaży brak: kwota 0,00 zł do ` +
        `uzupełnienia ${rulePl(r.id, r.version)}.`,
      en:
        `The rule is a share of the ${ledgerNamesEn[base]} line, which this sale does not have: amount 0.00 to be ` +
        `entered ${ruleEn(r.id, r.version)}.`,
    },
  };
}
