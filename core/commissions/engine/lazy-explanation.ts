/**
 * @module commissions/engine/lazy-explanation
 * A line's explanation whose texts (`pl`, `en`, `arithmetic`) are written the first time one of them
 * is read, then kept. Proposing a sale computes the numbers only; most proposals (previews, batch
 * re-computations, checks) never read the words, and formatting three texts per line was more than
 * half of the engine's time. The numbers (`base`, `rate`, `tier`, `capApplied`) are plain own data.
 *
 * Reading is unchanged (`line.explanation.pl`), and `JSON.stringify` (storage, HTTP) writes the same
 * object as before, in the same key order. What differs from a plain object: the three texts are
 * getters on the prototype, so an object spread (`{ ...e }`) or `Object.keys` does not carry them —
 * copy with `plainExplanation(e)` instead.
 */
import { moneyEn, moneyPl, moneyPlain } from './explain-format.ts';
import { mulDivRoundNumber } from './rate-math.ts';
import type { CompiledRule, FastRate } from './compile.ts';
import { renderStandard, type StandardAmount, type StandardInput } from './standard.ts';
import type { LineExplanation } from './types.ts';

/** A fixed-amount or tiered standard line, kept to write its words on demand. */
export class PendingStandard {
  constructor(
    readonly rule: CompiledRule,
    readonly input: StandardInput,
    readonly result: StandardAmount,
  ) {}
}

/**
 * The explanation of a standard line: a bp/decimal line from the words compiled with its rule
 * (`FastRate`: `rate × base = amount`, a cap, the rule's tag), any other from `renderStandard`.
 * One class, no hierarchy: a proposal creates one per line, so its construction is kept short.
 */
export class LazyExplanation implements LineExplanation {
  declare base: LineExplanation['base'];
  declare rate: LineExplanation['rate'];
  declare tier?: LineExplanation['tier'];
  declare capApplied?: LineExplanation['capApplied'];
  #texts: [pl: string, en: string, arithmetic: string] | undefined;
  readonly #how: FastRate | PendingStandard;

  /**
   * @param how the rule's compiled words, or the standard computation to render
   * @param capApplied the cap the line hit, if any (its `uncappedMinor` is the formula's result)
   */
  constructor(
    base: LineExplanation['base'],
    rate: LineExplanation['rate'],
    how: FastRate | PendingStandard,
    capApplied: LineExplanation['capApplied'],
  ) {
    this.base = base;
    this.rate = rate;
    if (capApplied) this.capApplied = capApplied;
    this.#texts = undefined;
    this.#how = how;
  }

  get pl(): string {
    return (this.#texts ??= this.#write())[0];
  }
  set pl(v: string) {
    (this.#texts ??= this.#write())[0] = v;
  }
  get en(): string {
    return (this.#texts ??= this.#write())[1];
  }
  set en(v: string) {
    (this.#texts ??= this.#write())[1] = v;
  }
  get arithmetic(): string {
    return (this.#texts ??= this.#write())[2];
  }
  set arithmetic(v: string) {
    (this.#texts ??= this.#write())[2] = v;
  }
  /** The plain object a stored line holds (key order as the engine always wrote it). */
  toJSON(): LineExplanation {
    return plainExplanation(this);
  }

  #write(): [string, string, string] {
    const how = this.#how;
    const cap = this.capApplied;
    if (how instanceof PendingStandard) return standardTexts(how, cap);
    const b = this.base.amountMinor;
    // Without a cap the amount is the line's; with one, the formula's result is kept in `capApplied`.
    const u = cap ? cap.uncappedMinor : undefined;
    return fastTexts(how, b, u ?? mulDivRoundNumber(b, how.n, how.d), cap?.kind);
  }
}

function fastTexts(f: FastRate, b: number, u: number, cap: 'min' | 'max' | undefined): [string, string, string] {
  return [
    f.prePl +
      moneyPl(b) +
      f.midPl +
      moneyPl(u) +
      (cap === undefined ? f.tailPl : cap === 'min' ? f.minTailPl : f.maxTailPl),
    f.preEn +
      moneyEn(b) +
      f.midEn +
      moneyEn(u) +
      (cap === undefined ? f.tailEn : cap === 'min' ? f.minTailEn : f.maxTailEn),
    moneyPlain(b) + f.midPlain + moneyPlain(u) + (cap === undefined ? '' : cap === 'min' ? f.minPlain : f.maxPlain),
  ];
}

function standardTexts(
  { rule: r, input, result }: PendingStandard,
  cap: LineExplanation['capApplied'],
): [string, string, string] {
  const w = renderStandard(input, result);
  const amount = result.amountMinor;
  let pl = `${w.pl} = ${moneyPl(amount)}`;
  let en = `${w.en} = ${moneyEn(amount)}`;
  let arithmetic = `${w.plain} = ${moneyPlain(amount)}`;
  if (cap?.kind === 'min') {
    pl += ` → minimum ${moneyPl(cap.limitMinor)}`;
    en += ` → raised to the minimum ${moneyEn(cap.limitMinor)}`;
    arithmetic += ` → min ${moneyPlain(cap.limitMinor)}`;
  } else if (cap?.kind === 'max') {
    pl += ` → maksimum ${moneyPl(cap.limitMinor)}`;
    en += ` → capped at ${moneyEn(cap.limitMinor)}`;
    arithmetic += ` → max ${moneyPlain(cap.limitMinor)}`;
  }
  return [`${pl} ${r.tagPl}`, `${en} ${r.tagEn}`, arithmetic];
}

/**
 * A copy of an explanation as a plain object with every field its own (a lazy one is written out).
 * @example
 * const stored = { ...plainExplanation(line.explanation), pl: 'Poprawione ręcznie' };
 */
export function plainExplanation(e: LineExplanation): LineExplanation {
  const out: LineExplanation = { base: e.base, rate: e.rate, arithmetic: e.arithmetic, pl: e.pl, en: e.en };
  if (e.tier) out.tier = e.tier;
  if (e.capApplied) out.capApplied = e.capApplied;
  return out;
}
