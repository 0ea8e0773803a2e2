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
import { ledgerNamesEn, ledgerNamesPl, moneyEn, moneyPl, moneyPlain, ruleEn, rulePl } from './explain-format.ts';
import { calculateStandard } from './standard.ts';
import type { Beneficiary, CommissionContext, CommissionLine, CommissionSale, LineExplanation } from './types.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

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
  if (typeof sale.date !== 'string' || !DATE.test(sale.date)) throw new CrmError('invalid', `sale ${sale.id}: date must be a local date YYYY-MM-DD, got ${JSON.stringify(sale.date)}`);
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
  const totals = new Map<Ledger, number | undefined>();
  const byLedger = new Map<Ledger, CommissionLine[]>();

  for (const ledger of compiled.order) {
    const beneficiary = beneficiaryOf(ledger, sale);
    if (!beneficiary) continue;
    const lines: CommissionLine[] = [];
    let total: number | undefined;
    for (const comp of compiled.components.get(ledger)!) {
      const candidates = comp.byProduct.get(sale.product) ?? comp.anyProduct;
      let winner: CompiledRule | undefined;
      for (const r of candidates) if (matches(r, sale)) { winner = r; break; }
      if (!winner) continue;
      const line = computeLine(winner, sale, context, beneficiary, totals, ruleTypes);
      lines.push(line);
      if (!line.missing) total = (total ?? 0) + line.amountMinor;
    }
    const expected = ledger === 'firm' || ledger === 'partner';
    if (expected && !lines.some((l) => l.component === 'commission')) lines.unshift(missingLine(sale, ledger, beneficiary));
    totals.set(ledger, total);
    byLedger.set(ledger, lines);
  }
  const out: CommissionLine[] = [];
  for (const l of ['firm', 'advisor', 'partner', 'unit'] as const) out.push(...(byLedger.get(l) ?? []));
  return out;
}

function computeLine(r: CompiledRule, sale: CommissionSale, context: CommissionContext, beneficiary: Beneficiary, totals: Map<Ledger, number | undefined>, ruleTypes: CommissionRuleTypes): CommissionLine {
  let baseMinor = sale.amountMinor;
  if (r.base.of === 'ledger') {
    const t = totals.get(r.base.ledger!);
    if (t === undefined) return missingBaseLine(r, sale, beneficiary);
    baseMinor = t;
  }
  const periodVolumeMinor = context.periodVolumeMinor?.[r.ledger] ?? 0;
  let amount: number;
  let pl: string;
  let en: string;
  let plain: string;
  let rate: LineExplanation['rate'];
  let tier: LineExplanation['tier'];
  if (r.type === 'standard') {
    const s = calculateStandard({ rate: r.rate!, baseMinor, base: r.base, saleAmountMinor: sale.amountMinor, periodVolumeMinor });
    amount = s.amountMinor; rate = s.rate; tier = s.tier;
    pl = `${s.pl} = ${moneyPl(amount)}`; en = `${s.en} = ${moneyEn(amount)}`; plain = `${s.plain} = ${moneyPlain(amount)}`;
  } else {
    const type = ruleTypes[r.type];
    if (!type) throw new CrmError('invalid', `rule ${r.id} uses the rule type "${r.type}", which no registered plugin provides`);
    const res = type.calculate({ sale, ledger: r.ledger, beneficiary, baseMinor, base: r.base, periodVolumeMinor, context, options: r.rule.options ?? {}, rule: { id: r.id, version: r.version } });
    if (!res || !Number.isSafeInteger(res.amountMinor)) throw new CrmError('invalid', `rule type "${r.type}" (rule ${r.id}) returned ${res?.amountMinor}, not a whole number of grosze`);
    if (!res.explanation?.pl || !res.explanation.en) throw new CrmError('invalid', `rule type "${r.type}" (rule ${r.id}) returned no explanation in Polish and English`);
    amount = res.amountMinor; rate = { kind: 'plugin', text: r.type };
    pl = res.explanation.pl; en = res.explanation.en; plain = res.explanation.arithmetic ?? `${r.type} = ${moneyPlain(amount)}`;
  }
  let capApplied: LineExplanation['capApplied'];
  if (r.minMinor !== undefined && amount < r.minMinor) {
    capApplied = { kind: 'min', limitMinor: r.minMinor, uncappedMinor: amount };
    pl += ` → minimum ${moneyPl(r.minMinor)}`; en += ` → raised to the minimum ${moneyEn(r.minMinor)}`; plain += ` → min ${moneyPlain(r.minMinor)}`;
    amount = r.minMinor;
  } else if (r.maxMinor !== undefined && amount > r.maxMinor) {
    capApplied = { kind: 'max', limitMinor: r.maxMinor, uncappedMinor: amount };
    pl += ` → maksimum ${moneyPl(r.maxMinor)}`; en += ` → capped at ${moneyEn(r.maxMinor)}`; plain += ` → max ${moneyPlain(r.maxMinor)}`;
    amount = r.maxMinor;
  }
  const explanation: LineExplanation = {
    base: r.base.of === 'ledger' ? { of: 'ledger', ledger: r.base.ledger!, amountMinor: baseMinor } : { of: 'sale', amountMinor: baseMinor },
    rate,
    ...(tier ? { tier } : {}),
    ...(capApplied ? { capApplied } : {}),
    arithmetic: plain,
    pl: `${pl} ${rulePl(r.id, r.version)}`,
    en: `${en} ${ruleEn(r.id, r.version)}`,
  };
  return { saleId: sale.id, ledger: r.ledger, component: r.component, beneficiary, amountMinor: amount, ruleId: r.id, ruleVersion: r.version, explanation };
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
