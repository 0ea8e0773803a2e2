/**
 * @module commissions/engine/standard
 * The built-in `standard` rule type: basis points, an exact decimal, a fixed amount, or tiers
 * (marginal or whole, by sale amount or by the beneficiary's period volume). Returns the amount
 * before caps and the formula in words; the engine adds the result, caps and the rule's name.
 */
import type { RuleRate } from '../rules/schema.ts';
import { moneyEn, moneyPl, moneyPlain, ledgerWordsEn, ledgerWordsPl } from './explain-format.ts';
import { fromBp, fromDecimal, marginalAmount, mulDivRound, percentText, tierAt, tierPortions, type CompiledTier, type Fraction } from './rate-math.ts';
import type { Ledger, LineExplanation, TierPart } from './types.ts';

export type CompiledRate =
  | { kind: 'bp'; bp: number; f: Fraction }
  | { kind: 'decimal'; decimal: string; f: Fraction }
  | { kind: 'fixed'; fixedMinor: number }
  | { kind: 'tiers'; by: 'saleAmount' | 'periodVolume'; mode: 'marginal' | 'whole'; tiers: CompiledTier[] };

/** A validated `rate` → its exact form. */
export function compileRate(rate: RuleRate): CompiledRate {
  if (rate.bp !== undefined) return { kind: 'bp', bp: rate.bp, f: fromBp(rate.bp) };
  if (rate.decimal !== undefined) return { kind: 'decimal', decimal: rate.decimal, f: fromDecimal(rate.decimal) };
  if (rate.fixedMinor !== undefined) return { kind: 'fixed', fixedMinor: rate.fixedMinor };
  const list = rate.tiers ?? [];
  const tiers = list.map((t, i) => ({
    fromMinor: t.fromMinor,
    toMinor: list[i + 1]?.fromMinor,
    rate: t.bp !== undefined ? fromBp(t.bp) : fromDecimal(t.decimal ?? '0'),
  }));
  return { kind: 'tiers', by: rate.by ?? 'saleAmount', mode: rate.mode ?? 'marginal', tiers };
}

export interface StandardInput {
  rate: CompiledRate;
  baseMinor: number;
  base: { of: 'sale' | 'ledger'; ledger?: Ledger };
  saleAmountMinor: number;
  /** The beneficiary's period volume before this sale. */
  periodVolumeMinor: number;
}

export interface StandardResult {
  amountMinor: number;
  rate: LineExplanation['rate'];
  tier?: LineExplanation['tier'];
  /** The formula without its result, per language. */
  pl: string;
  en: string;
  plain: string;
}

const pctPl = (f: Fraction) => percentText(f, ',');
const pctEn = (f: Fraction) => percentText(f, '.');

function baseWords(input: StandardInput): { pl: string; en: string; plain: string } {
  const b = input.baseMinor;
  if (input.base.of === 'ledger' && input.base.ledger) {
    return { pl: `${moneyPl(b)} (${ledgerWordsPl[input.base.ledger]})`, en: `${moneyEn(b)} (${ledgerWordsEn[input.base.ledger]})`, plain: moneyPlain(b) };
  }
  return { pl: moneyPl(b), en: moneyEn(b), plain: moneyPlain(b) };
}

/**
 * @example
 * calculateStandard({ rate: compileRate({ bp: 90 }), baseMinor: 45_000_000, base: { of: 'sale' }, saleAmountMinor: 45_000_000, periodVolumeMinor: 0 })
 * // { amountMinor: 405000, pl: '0,90% × 450 000,00 zł', … }
 */
export function calculateStandard(input: StandardInput): StandardResult {
  const { rate } = input;
  switch (rate.kind) {
    case 'bp':
    case 'decimal': {
      const b = baseWords(input);
      const rateInfo: LineExplanation['rate'] = rate.kind === 'bp' ? { kind: 'bp', text: pctEn(rate.f), bp: rate.bp } : { kind: 'decimal', text: pctEn(rate.f), decimal: rate.decimal };
      return {
        amountMinor: mulDivRound(input.baseMinor, rate.f.num, rate.f.den),
        rate: rateInfo,
        pl: `${pctPl(rate.f)} × ${b.pl}`,
        en: `${pctEn(rate.f)} × ${b.en}`,
        plain: `${b.plain} × ${pctEn(rate.f)}`,
      };
    }
    case 'fixed':
      return {
        amountMinor: rate.fixedMinor,
        rate: { kind: 'fixed', text: moneyPlain(rate.fixedMinor), fixedMinor: rate.fixedMinor },
        pl: 'kwota stała', en: 'fixed amount', plain: 'fixed',
      };
    case 'tiers':
      return tiered(input, rate);
  }
}

function tiered(input: StandardInput, rate: Extract<CompiledRate, { kind: 'tiers' }>): StandardResult {
  const from = rate.by === 'periodVolume' ? input.periodVolumeMinor : 0;
  const to = from + input.saleAmountMinor;
  const part = (index: number, portionMinor?: number): TierPart => {
    const t = rate.tiers[index]!;
    return { index, fromMinor: t.fromMinor, ...(t.toMinor !== undefined ? { toMinor: t.toMinor } : {}), rate: pctEn(t.rate), ...(portionMinor !== undefined ? { portionMinor } : {}) };
  };
  const byPl = rate.by === 'periodVolume' ? `wg obrotu w okresie ${moneyPl(to)}` : `wg kwoty sprzedaży ${moneyPl(to)}`;
  const byEn = rate.by === 'periodVolume' ? `by period volume ${moneyEn(to)}` : `by sale amount ${moneyEn(to)}`;
  const b = baseWords(input);

  if (rate.mode === 'whole') {
    const i = tierAt(rate.tiers, to);
    const t = rate.tiers[i]!;
    return {
      amountMinor: mulDivRound(input.baseMinor, t.rate.num, t.rate.den),
      rate: { kind: 'tiers', text: pctEn(t.rate) },
      tier: { by: rate.by, mode: 'whole', measureMinor: to, parts: [part(i)] },
      pl: `${pctPl(t.rate)} × ${b.pl} [próg od ${moneyPl(t.fromMinor)} ${byPl}]`,
      en: `${pctEn(t.rate)} × ${b.en} [tier from ${moneyEn(t.fromMinor)} ${byEn}]`,
      plain: `${b.plain} × ${pctEn(t.rate)} [tier ${i + 1}]`,
    };
  }
  const parts = tierPortions(rate.tiers, from, to);
  const amountMinor = marginalAmount(rate.tiers, parts, input.baseMinor, input.saleAmountMinor);
  const sumPl = parts.map((p) => `${pctPl(rate.tiers[p.index]!.rate)} × ${moneyPl(p.portionMinor)}`).join(' + ');
  const sumEn = parts.map((p) => `${pctEn(rate.tiers[p.index]!.rate)} × ${moneyEn(p.portionMinor)}`).join(' + ');
  const sumPlain = parts.map((p) => `${moneyPlain(p.portionMinor)} × ${pctEn(rate.tiers[p.index]!.rate)}`).join(' + ');
  // When the tiers measure exactly the base (sale amount tiers on the sale amount), the sum is the
  // line; otherwise the slice's average rate is applied to the base.
  const direct = input.base.of === 'sale' && rate.by === 'saleAmount';
  const tier = { by: rate.by, mode: 'marginal' as const, measureMinor: to, parts: parts.map((p) => part(p.index, p.portionMinor)) };
  if (direct) {
    return { amountMinor, rate: { kind: 'tiers', text: 'marginal' }, tier, pl: `${sumPl} [progi krańcowe]`, en: `${sumEn} [marginal tiers]`, plain: sumPlain };
  }
  const slicePl = moneyPl(input.saleAmountMinor);
  const sliceEn = moneyEn(input.saleAmountMinor);
  return {
    amountMinor,
    rate: { kind: 'tiers', text: 'marginal' },
    tier,
    pl: `(${sumPl}) ÷ ${slicePl} × ${b.pl} [progi krańcowe ${byPl}]`,
    en: `(${sumEn}) ÷ ${sliceEn} × ${b.en} [marginal tiers ${byEn}]`,
    plain: `(${sumPlain}) / ${moneyPlain(input.saleAmountMinor)} × ${b.plain}`,
  };
}
