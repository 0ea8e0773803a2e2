/**
 * @module commissions/engine/standard
 * The built-in `standard` rule type: basis points, an exact decimal, a fixed amount, or tiers
 * (marginal or whole, by sale amount or by the beneficiary's period volume). `computeStandard`
 * gives the amount before caps and what a reader needs to check it; `renderStandard` turns that
 * into the formula in words. They are separate so the engine can render the words only when a
 * line's explanation is read.
 */
import type { RuleRate } from '../rules/schema.ts';
import { moneyEn, moneyPl, moneyPlain, ledgerWordsEn, ledgerWordsPl } from './explain-format.ts';
import {
  fromBp,
  fromDecimal,
  marginalAmount,
  mulDivRound,
  percentText,
  tierAt,
  tierPortions,
  type CompiledTier,
  type Fraction,
} from './rate-math.ts';
import type { Ledger, LineExplanation, TierPart } from './types.ts';

interface Texts {
  pctPl: string;
  pctEn: string;
}
export type CompiledRate =
  | ({ kind: 'bp'; bp: number; f: Fraction; info: LineExplanation['rate'] } & Texts)
  | ({ kind: 'decimal'; decimal: string; f: Fraction; info: LineExplanation['rate'] } & Texts)
  | { kind: 'fixed'; fixedMinor: number; info: LineExplanation['rate'] }
  | {
      kind: 'tiers';
      by: 'saleAmount' | 'periodVolume';
      mode: 'marginal' | 'whole';
      tiers: (CompiledTier & Texts & { info: LineExplanation['rate'] })[];
    };

const texts = (f: Fraction): Texts => ({ pctPl: percentText(f, ','), pctEn: percentText(f, '.') });
const MARGINAL: LineExplanation['rate'] = Object.freeze({ kind: 'tiers', text: 'marginal' });

/** A validated `rate` → its exact form, with its percentage texts made once. */
export function compileRate(rate: RuleRate): CompiledRate {
  if (rate.bp !== undefined) {
    const f = fromBp(rate.bp);
    const t = texts(f);
    return { kind: 'bp', bp: rate.bp, f, ...t, info: Object.freeze({ kind: 'bp', text: t.pctEn, bp: rate.bp }) };
  }
  if (rate.decimal !== undefined) {
    const f = fromDecimal(rate.decimal);
    const t = texts(f);
    return {
      kind: 'decimal',
      decimal: rate.decimal,
      f,
      ...t,
      info: Object.freeze({ kind: 'decimal', text: t.pctEn, decimal: rate.decimal }),
    };
  }
  if (rate.fixedMinor !== undefined)
    return {
      kind: 'fixed',
      fixedMinor: rate.fixedMinor,
      info: Object.freeze({ kind: 'fixed', text: moneyPlain(rate.fixedMinor), fixedMinor: rate.fixedMinor }),
    };
  const list = rate.tiers ?? [];
  const tiers = list.map((t, i) => {
    const f = t.bp !== undefined ? fromBp(t.bp) : fromDecimal(t.decimal ?? '0');
    const x = texts(f);
    return {
      fromMinor: t.fromMinor,
      toMinor: list[i + 1]?.fromMinor,
      rate: f,
      ...x,
      info: Object.freeze({ kind: 'tiers', text: x.pctEn }) as LineExplanation['rate'],
    };
  });
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

export interface StandardAmount {
  amountMinor: number;
  rate: LineExplanation['rate'];
  tier: LineExplanation['tier'] | undefined;
}

/** The formula without its result, per language. */
export interface StandardWords {
  pl: string;
  en: string;
  plain: string;
}

/**
 * @example
 * computeStandard({ rate: compileRate({ bp: 90 }), baseMinor: 45_000_000, base: { of: 'sale' },
 *   saleAmountMinor: 45_000_000, periodVolumeMinor: 0 }).amountMinor // 405000
 */
export function computeStandard(input: StandardInput): StandardAmount {
  const { rate } = input;
  switch (rate.kind) {
    case 'bp':
    case 'decimal':
      return { amountMinor: mulDivRound(input.baseMinor, rate.f.num, rate.f.den), rate: rate.info, tier: undefined };
    case 'fixed':
      return { amountMinor: rate.fixedMinor, rate: rate.info, tier: undefined };
    case 'tiers': {
      const from = rate.by === 'periodVolume' ? input.periodVolumeMinor : 0;
      const to = from + input.saleAmountMinor;
      if (rate.mode === 'whole') {
        const i = tierAt(rate.tiers, to);
        const t = rate.tiers[i]!;
        return {
          amountMinor: mulDivRound(input.baseMinor, t.rate.num, t.rate.den),
          rate: t.info,
          tier: { by: rate.by, mode: 'whole', measureMinor: to, parts: [tierPart(rate, i)] },
        };
      }
      const parts = tierPortions(rate.tiers, from, to);
      return {
        amountMinor: marginalAmount(rate.tiers, parts, input.baseMinor, input.saleAmountMinor),
        rate: MARGINAL,
        tier: {
          by: rate.by,
          mode: 'marginal',
          measureMinor: to,
          parts: parts.map((p) => tierPart(rate, p.index, p.portionMinor)),
        },
      };
    }
  }
}

function tierPart(rate: Extract<CompiledRate, { kind: 'tiers' }>, index: number, portionMinor?: number): TierPart {
  const t = rate.tiers[index]!;
  const part: TierPart = { index, fromMinor: t.fromMinor, rate: t.pctEn };
  if (t.toMinor !== undefined) part.toMinor = t.toMinor;
  if (portionMinor !== undefined) part.portionMinor = portionMinor;
  return part;
}

function baseWords(input: StandardInput): StandardWords {
  const b = input.baseMinor;
  if (input.base.of === 'ledger' && input.base.ledger) {
    return {
      pl: `${moneyPl(b)} (${ledgerWordsPl[input.base.ledger]})`,
      en: `${moneyEn(b)} (${ledgerWordsEn[input.base.ledger]})`,
      plain: moneyPlain(b),
    };
  }
  return { pl: moneyPl(b), en: moneyEn(b), plain: moneyPlain(b) };
}

/**
 * The formula of a computed standard line in words.
 * @example
 * renderStandard(input, computeStandard(input)).pl // '0,90% × 450 000,00 zł'
 */
export function renderStandard(input: StandardInput, result: StandardAmount): StandardWords {
  const { rate } = input;
  if (rate.kind === 'fixed') return { pl: 'kwota stała', en: 'fixed amount', plain: 'fixed' };
  const b = baseWords(input);
  if (rate.kind !== 'tiers')
    return { pl: `${rate.pctPl} × ${b.pl}`, en: `${rate.pctEn} × ${b.en}`, plain: `${b.plain} × ${rate.pctEn}` };

  const tier = result.tier!;
  const to = tier.measureMinor;
  const byPl = rate.by === 'periodVolume' ? `wg obrotu w okresie ${moneyPl(to)}` : `wg kwoty sprzedaży ${moneyPl(to)}`;
  const byEn = rate.by === 'periodVolume' ? `by period volume ${moneyEn(to)}` : `by sale amount ${moneyEn(to)}`;
  if (rate.mode === 'whole') {
    const i = tier.parts[0]!.index;
    const t = rate.tiers[i]!;
    return {
      pl: `${t.pctPl} × ${b.pl} [próg od ${moneyPl(t.fromMinor)} ${byPl}]`,
      en: `${t.pctEn} × ${b.en} [tier from ${moneyEn(t.fromMinor)} ${byEn}]`,
      plain: `${b.plain} × ${t.pctEn} [tier ${i + 1}]`,
    };
  }
  const parts = tier.parts;
  const sumPl = parts.map((p) => `${rate.tiers[p.index]!.pctPl} × ${moneyPl(p.portionMinor!)}`).join(' + ');
  const sumEn = parts.map((p) => `${rate.tiers[p.index]!.pctEn} × ${moneyEn(p.portionMinor!)}`).join(' + ');
  const sumPlain = parts.map((p) => `${moneyPlain(p.portionMinor!)} × ${rate.tiers[p.index]!.pctEn}`).join(' + ');
  // When the tiers measure exactly the base (sale amount tiers on the sale amount), the sum is the
  // line; otherwise the slice's average rate is applied to the base.
  if (input.base.of === 'sale' && rate.by === 'saleAmount')
    return { pl: `${sumPl} [progi krańcowe]`, en: `${sumEn} [marginal tiers]`, plain: sumPlain };
  return {
    pl: `(${sumPl}) ÷ ${moneyPl(input.saleAmountMinor)} × ${b.pl} [progi krańcowe ${byPl}]`,
    en: `(${sumEn}) ÷ ${moneyEn(input.saleAmountMinor)} × ${b.en} [marginal tiers ${byEn}]`,
    plain: `(${sumPlain}) / ${moneyPlain(input.saleAmountMinor)} × ${b.plain}`,
  };
}
