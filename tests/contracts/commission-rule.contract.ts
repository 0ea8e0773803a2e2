/**
 * @module contracts/commission-rule
 * What every commission rule type must do, the built-in `standard` type and every plugin's alike.
 * The ledgers, statements and re-explanations years later rely on it:
 * - determinism: the same input gives the same output, twice, and a rule set gives the same lines
 *   whatever order its rules are written in;
 * - whole grosze: every amount is a safe integer, also for large and odd bases;
 * - an explanation a person can read, in Polish and English;
 * - purity: no clock, no network, no randomness (they are stubbed to throw), no writes to the input
 *   (it is frozen);
 * - its options schema accepts the documented options and refuses wrong ones.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { compileOnce, createAjv } from '../../core/config/ajv.ts';
import {
  proposeCommissions,
  ledgers,
  type CommissionContext,
  type CommissionRuleInput,
  type CommissionRuleSet,
  type CommissionRuleType,
  type CommissionRuleTypes,
  type CommissionSale,
  type Ledger,
} from '../../core/commissions/index.ts';

export interface CommissionRuleContractHarness {
  /** The name rules use for it in `type` (`standard` for the built-in one). */
  type: string;
  /** The rule type under test. */
  ruleType: CommissionRuleType<any>; // any: the suite only passes through what validOptions holds
  /** Options its schema must accept; each is used in the calculations below. */
  validOptions: unknown[];
  /** Options its schema must refuse. */
  invalidOptions: unknown[];
  /** A rule set using the type, the types to run it with, and sales to propose commissions for. */
  ruleSet: CommissionRuleSet;
  ruleTypes: CommissionRuleTypes;
  sales: Array<{ sale: CommissionSale; context: CommissionContext }>;
}

const bases = [0, 1, 5, 12_345, 45_000_000, 999_999_999_99];
const volumes = [0, 1, 80_000_000, 250_000_000_00];

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function inputsOf(h: CommissionRuleContractHarness): CommissionRuleInput[] {
  const out: CommissionRuleInput[] = [];
  let n = 0;
  for (const { sale, context } of h.sales) {
    for (const options of h.validOptions) {
      for (const baseMinor of bases) {
        const ledger: Ledger = ledgers[n++ % ledgers.length]!;
        const periodVolumeMinor = volumes[n % volumes.length]!;
        out.push(
          deepFreeze({
            sale: { ...sale },
            ledger,
            beneficiary: { kind: ledger === 'firm' ? 'provider' : ledger, id: `${ledger}-1` },
            baseMinor,
            base: baseMinor === sale.amountMinor ? { of: 'sale' } : { of: 'ledger', ledger: 'firm' },
            periodVolumeMinor,
            context: { ...context, periodVolumeMinor: { [ledger]: periodVolumeMinor } },
            options: structuredClone(options),
            rule: { id: 'contract-rule', version: 1 },
          } as CommissionRuleInput),
        );
      }
    }
  }
  return out;
}

/** A fixed permutation (no Math.random: the suite itself stays deterministic). */
function permute<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const proposeAll = (h: CommissionRuleContractHarness, ruleSet: CommissionRuleSet) =>
  h.sales.map(({ sale, context }) => proposeCommissions(sale, context, ruleSet, h.ruleTypes));

/**
 * @example
 * commissionRuleContract('volume-bonus', () => ({ type: 'volume-bonus', ruleType, validOptions, invalidOptions,
 *   ruleSet, ruleTypes, sales }));
 */
export function commissionRuleContract(name: string, harness: () => CommissionRuleContractHarness): void {
  describe(`commission rule type contract: ${name}`, () => {
    let h: CommissionRuleContractHarness;
    beforeEach(() => {
      h = harness();
    });

    it('accepts its documented options and refuses wrong ones', () => {
      const validate = compileOnce(createAjv(), h.ruleType.optionsSchema);
      for (const o of h.validOptions)
        expect(validate(o), `${JSON.stringify(o)}: ${JSON.stringify(validate.errors)}`).toBe(true);
      for (const o of h.invalidOptions) expect(validate(o), JSON.stringify(o)).toBe(false);
      expect(h.invalidOptions.length).toBeGreaterThan(0);
    });

    it('gives the same result for the same input, twice, without changing the input', () => {
      const inputs = inputsOf(h);
      expect(inputs.length).toBeGreaterThan(0);
      for (const input of inputs) expect(h.ruleType.calculate(input)).toEqual(h.ruleType.calculate(input));
    });

    it('gives the same lines whatever order the rules are written in', () => {
      const first = proposeAll(h, h.ruleSet);
      const typeOf = (ruleId: string | null) => h.ruleSet.rules.find((r) => r.id === ruleId)?.type ?? 'standard';
      expect(
        first.flat().some((l) => l.ruleId && typeOf(l.ruleId) === h.type),
        'the rule set must use the type under test',
      ).toBe(true);
      for (const seed of [1, 7, 42])
        expect(proposeAll(h, { ...h.ruleSet, rules: permute(h.ruleSet.rules, seed) })).toEqual(first);
    });

    it('returns whole grosze as safe integers, also for large and odd bases', () => {
      for (const input of inputsOf(h))
        expect(Number.isSafeInteger(h.ruleType.calculate(input).amountMinor), JSON.stringify(input)).toBe(true);
      for (const line of proposeAll(h, h.ruleSet).flat()) expect(Number.isSafeInteger(line.amountMinor)).toBe(true);
    });

    it('explains every result in Polish and in English', () => {
      for (const input of inputsOf(h)) {
        const { explanation } = h.ruleType.calculate(input);
        expect(explanation.pl.trim().length, 'pl').toBeGreaterThan(5);
        expect(explanation.en.trim().length, 'en').toBeGreaterThan(5);
      }
    });

    describe('without the outside world', () => {
      beforeEach(() => {
        const refuse = (what: string) => () => {
          throw new Error(`a commission rule type must not use ${what}`);
        };
        const RealDate = Date;
        vi.stubGlobal(
          'Date',
          class extends RealDate {
            constructor(...args: unknown[]) {
              if (args.length === 0) refuse('the clock (new Date())')();
              super(...(args as [string]));
            }
            static override now = refuse('the clock (Date.now)');
          },
        );
        vi.stubGlobal('fetch', refuse('the network (fetch)'));
        vi.stubGlobal('setTimeout', refuse('timers'));
        vi.spyOn(Math, 'random').mockImplementation(refuse('randomness (Math.random)'));
        vi.spyOn(performance, 'now').mockImplementation(refuse('the clock (performance.now)'));
      });
      afterEach(() => {
        vi.unstubAllGlobals();
        vi.restoreAllMocks();
      });

      it('calculates and proposes with clock, network, timers and randomness refused', () => {
        for (const input of inputsOf(h)) h.ruleType.calculate(input);
        expect(proposeAll(h, h.ruleSet).flat().length).toBeGreaterThan(0);
      });
    });
  });
}
