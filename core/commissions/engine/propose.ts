/**
 * @module commissions/engine/propose
 * A sale → proposed commission lines on every ledger, computed with the rules in force on the sale
 * date. Pure and deterministic: the same sale, context and rule set give the same lines, in the
 * same order, whatever order the rules were written in.
 */
import { CrmError } from '../../errors.ts';
import type { CommissionRuleSet, Ledger } from '../rules/schema.ts';
import type { CommissionRuleTypes } from '../rules/rule-type.ts';
import { compileRuleSet, type CompiledRule } from './compile.ts';
import { ledgerNamesEn, ledgerNamesPl, ledgerWordsEn, ledgerWordsPl, moneyEn, moneyPl, moneyPlain, ruleEn, rulePl } from './explain-format.ts';
import { computeStandard, renderStandard, type StandardAmount, type StandardInput } from './standard.ts';
import type { Beneficiary, CommissionContext, CommissionLine, CommissionSale, LineExplanation } from './types.ts';

/** `YYYY-MM-DD` in shape (a regular expression per sale showed in profiles). */
const DIGITS = [0, 1, 2, 3, 5, 6, 8, 9];
function isDate(d: string): boolean {
  if (d.length !== 10 || d.charCodeAt(4) !== 45 || d.charCodeAt(7) !== 45) return false;
  for (const i of DIGITS) { const c = d.charCodeAt(i); if (c < 48 || c > 57) return false; }
  return true;
}

function beneficiaryOf(ledger: Ledger, sale: CommissionSale): Beneficiary | undefined {
  switch (ledger) {
    case 'firm': return { kind: 'provider', id: sale.provider };
    case 'advisor': return sale.advisorId ? { kind: 'advisor', id: sale.advisorId } : undefined;
    case 'partner': return sale.partnerId ? { kind: 'partner', id: sale.partnerId } : undefined;
    case 'unit': return sale.unitId ? { kind: 'unit', id: sale.unitId } : undefined;
  }
}

function matches(r: CompiledRule, sale: CommissionSale): boolean {
  if (sale.date < r.validFrom || sale.date >= r.validTo) return false;
  if (sale.amountMinor < r.amountFrom || sale.amountMinor >= r.amountTo) return false;
  for (const [key, allowed] of r.conditions) {
    const v = sale[key];
    if (v === undefined || !allowed.has(v)) return false;
  }
  return true;
}

function assertSale(sale: CommissionSale): void {
  if (!sale || typeof sale.id !== 'string') throw new CrmError('invalid', 'a sale needs an id');
  if (typeof sale.date !== 'string' || !isDate(sale.date)) throw new CrmError('invalid', `sale ${sale.id}: date must be a local date YYYY-MM-DD, got ${JSON.stringify(sale.date)}`);
  if (!Number.isSafeInteger(sale.amountMinor) || sale.amountMinor < 0) throw new CrmError('invalid', `sale ${sale.id}: amountMinor must be a non-negative whole number of grosze, got ${sale.amountMinor}`);
}

/**
 * Proposes the lines for one sale. Ledgers without a beneficiary on the sale (no partner, no
 * advisor, no unit) get no line. The firm ledger always, and the partner ledger when the sale has
 * a partner, must be covered: otherwise a line flagged `missing: true` with amount 0 says so.
 * @example
 * const lines = proposeCommissions(
 *   { id: 's-1', date: '2026-03-10', amountMinor: 45_000_000, provider: 'bank-a', product: 'mortgage', advisorId: 'u-7', advisorGroup: 'advisor-senior' },
 *   {}, ruleSet);
 * lines[0].explanation.pl // '0,90% × 450 000,00 zł = 4 050,00 zł (reguła bank-a-mortgage-2026q1, wersja 3)'
 */
export function proposeCommissions(sale: CommissionSale, context: CommissionContext, ruleSet: CommissionRuleSet, ruleTypes: CommissionRuleTypes = {}): CommissionLine[] {
  assertSale(sale);
  const compiled = compileRuleSet(ruleSet);
  // Per ledger (in LEDGERS order): its total so far (undefined = no line) and its lines.
  const totals: (number | undefined)[] = [undefined, undefined, undefined, undefined];
  const byLedger: (CommissionLine[] | undefined)[] = [undefined, undefined, undefined, undefined];

  for (const ledger of compiled.order) {
    const beneficiary = beneficiaryOf(ledger, sale);
    if (!beneficiary) continue;
    const lines: CommissionLine[] = [];
    let total: number | undefined;
    let main = false;
    for (const comp of compiled.components[LEDGER_INDEX[ledger]]!) {
      const candidates = comp.byProduct.get(sale.product) ?? comp.anyProduct;
      let winner: CompiledRule | undefined;
      for (const r of candidates) if (matches(r, sale)) { winner = r; break; }
      if (!winner) continue;
      const line = computeLine(winner, sale, context, beneficiary, totals, ruleTypes);
      lines.push(line);
      if (comp.component === 'commission') main = true;
      if (!line.missing) total = (total ?? 0) + line.amountMinor;
    }
    if (!main && (ledger === 'firm' || ledger === 'partner')) lines.unshift(missingLine(sale, ledger, beneficiary));
    totals[LEDGER_INDEX[ledger]] = total;
    byLedger[LEDGER_INDEX[ledger]] = lines;
  }
  const out: CommissionLine[] = [];
  for (const lines of byLedger) if (lines) for (const l of lines) out.push(l);
  return out;
}

const LEDGER_INDEX: Record<Ledger, number> = { firm: 0, advisor: 1, partner: 2, unit: 3 };

interface Words { pl: string; en: string; arithmetic: string }

/** What it takes to write a line's sentences later: the rule, the computation, the caps. */
interface Pending {
  r: CompiledRule;
  input: StandardInput | undefined;
  computed: StandardAmount | undefined;
  plugin: Words | undefined;
  uncappedMinor: number;
  cap: LineExplanation['capApplied'];
}

/** A plain object with the sentences written now: lines are data, stored and compared as such. */
function explanationOf(base: LineExplanation['base'], rate: LineExplanation['rate'], tier: LineExplanation['tier'], pending: Pending): LineExplanation {
  const w = write(pending);
  const e: LineExplanation = { base, rate, arithmetic: w.arithmetic, pl: w.pl, en: w.en };
  if (tier) e.tier = tier;
  if (pending.cap) e.capApplied = pending.cap;
  return e;
}

function write(p: Pending): Words {
  let f: Words;
  const rate = p.input?.rate;
  if (p.plugin) f = p.plugin;
  else if (rate && (rate.kind === 'bp' || rate.kind === 'decimal')) {
    // The common line, written directly: rate × base = amount.
    const { baseMinor, base } = p.input!;
    const a = p.uncappedMinor;
    const of = base.of === 'ledger' ? base.ledger : undefined;
    f = {
      pl: `${rate.pctPl} × ${moneyPl(baseMinor)}${of ? ` (${ledgerWordsPl[of]})` : ''} = ${moneyPl(a)}`,
      en: `${rate.pctEn} × ${moneyEn(baseMinor)}${of ? ` (${ledgerWordsEn[of]})` : ''} = ${moneyEn(a)}`,
      arithmetic: `${moneyPlain(baseMinor)} × ${rate.pctEn} = ${moneyPlain(a)}`,
    };
  } else {
    const w = renderStandard(p.input!, p.computed!);
    const a = p.uncappedMinor;
    f = { pl: `${w.pl} = ${moneyPl(a)}`, en: `${w.en} = ${moneyEn(a)}`, arithmetic: `${w.plain} = ${moneyPlain(a)}` };
  }
  let pl = f.pl;
  let en = f.en;
  let arithmetic = f.arithmetic;
  const cap = p.cap;
  if (cap?.kind === 'min') {
    pl += ` → minimum ${moneyPl(cap.limitMinor)}`; en += ` → raised to the minimum ${moneyEn(cap.limitMinor)}`; arithmetic += ` → min ${moneyPlain(cap.limitMinor)}`;
  } else if (cap?.kind === 'max') {
    pl += ` → maksimum ${moneyPl(cap.limitMinor)}`; en += ` → capped at ${moneyEn(cap.limitMinor)}`; arithmetic += ` → max ${moneyPlain(cap.limitMinor)}`;
  }
  return { pl: `${pl} ${p.r.tagPl}`, en: `${en} ${p.r.tagEn}`, arithmetic };
}

function computeLine(r: CompiledRule, sale: CommissionSale, context: CommissionContext, beneficiary: Beneficiary, totals: (number | undefined)[], ruleTypes: CommissionRuleTypes): CommissionLine {
  let baseMinor = sale.amountMinor;
  if (r.base.of === 'ledger') {
    const t = totals[LEDGER_INDEX[r.base.ledger!]];
    if (t === undefined) return missingBaseLine(r, sale, beneficiary);
    baseMinor = t;
  }
  const periodVolumeMinor = context.periodVolumeMinor?.[r.ledger] ?? 0;
  const pending: Pending = { r, input: undefined, computed: undefined, plugin: undefined, uncappedMinor: 0, cap: undefined };
  let amount: number;
  let rate: LineExplanation['rate'];
  let tier: LineExplanation['tier'];
  if (r.type === 'standard') {
    const input: StandardInput = { rate: r.rate!, baseMinor, base: r.base, saleAmountMinor: sale.amountMinor, periodVolumeMinor };
    const s = computeStandard(input);
    amount = s.amountMinor; rate = s.rate; tier = s.tier;
    pending.input = input;
    pending.computed = s;
  } else {
    const type = ruleTypes[r.type];
    if (!type) throw new CrmError('invalid', `rule ${r.id} uses the rule type "${r.type}", which no registered plugin provides`);
    const res = type.calculate({ sale, ledger: r.ledger, beneficiary, baseMinor, base: r.base, periodVolumeMinor, context, options: r.rule.options ?? {}, rule: { id: r.id, version: r.version } });
    if (!res || !Number.isSafeInteger(res.amountMinor)) throw new CrmError('invalid', `rule type "${r.type}" (rule ${r.id}) returned ${res?.amountMinor}, not a whole number of grosze`);
    if (!res.explanation?.pl || !res.explanation.en) throw new CrmError('invalid', `rule type "${r.type}" (rule ${r.id}) returned no explanation in Polish and English`);
    amount = res.amountMinor; rate = { kind: 'plugin', text: r.type };
    pending.plugin = { pl: res.explanation.pl, en: res.explanation.en, arithmetic: res.explanation.arithmetic ?? `${r.type} = ${moneyPlain(amount)}` };
  }
  pending.uncappedMinor = amount;
  if (r.minMinor !== undefined && amount < r.minMinor) {
    pending.cap = { kind: 'min', limitMinor: r.minMinor, uncappedMinor: amount };
    amount = r.minMinor;
  } else if (r.maxMinor !== undefined && amount > r.maxMinor) {
    pending.cap = { kind: 'max', limitMinor: r.maxMinor, uncappedMinor: amount };
    amount = r.maxMinor;
  }
  const base: LineExplanation['base'] = r.base.of === 'ledger' ? { of: 'ledger', ledger: r.base.ledger!, amountMinor: baseMinor } : { of: 'sale', amountMinor: baseMinor };
  return { saleId: sale.id, ledger: r.ledger, component: r.component, beneficiary, amountMinor: amount, ruleId: r.id, ruleVersion: r.version, explanation: explanationOf(base, rate, tier, pending) };
}

function missingLine(sale: CommissionSale, ledger: Ledger, beneficiary: Beneficiary): CommissionLine {
  const what = `${sale.provider} / ${sale.product}, ${sale.date}`;
  return {
    saleId: sale.id, ledger, component: 'commission', beneficiary, amountMinor: 0, ruleId: null, ruleVersion: null, missing: true,
    explanation: {
      base: { of: 'sale', amountMinor: sale.amountMinor },
      rate: { kind: 'none', text: 'no rule' },
      arithmetic: 'no rule = 0.00',
      pl: `Brak reguły prowizji ${ledgerNamesPl[ledger]} dla tej sprzedaży (${what}): kwota 0,00 zł do uzupełnienia i zatwierdzenia ręcznie.`,
      en: `No rule covers this sale on the ${ledgerNamesEn[ledger]} ledger (${what}): amount 0.00 to be entered and approved by hand.`,
    },
  };
}

function missingBaseLine(r: CompiledRule, sale: CommissionSale, beneficiary: Beneficiary): CommissionLine {
  const base = r.base.ledger!;
  return {
    saleId: sale.id, ledger: r.ledger, component: r.component, beneficiary, amountMinor: 0, ruleId: r.id, ruleVersion: r.version, missing: true,
    explanation: {
      base: { of: 'ledger', ledger: base, amountMinor: 0 },
      rate: { kind: 'none', text: 'base missing' },
      arithmetic: `base ${base} missing = 0.00`,
      pl: `Reguła liczy od prowizji ${ledgerNamesPl[base]}, której dla tej sprzedaży brak: kwota 0,00 zł do uzupełnienia ${rulePl(r.id, r.version)}.`,
      en: `The rule is a share of the ${ledgerNamesEn[base]} line, which this sale does not have: amount 0.00 to be entered ${ruleEn(r.id, r.version)}.`,
    },
  };
}
