/**
 * @module commissions/rules/rule-type
 * The contract of a commission rule type, the unit a plugin contributes:
 * `definePlugin({ name, commissionRules: { 'volume-bonus': { optionsSchema, calculate } } })`.
 * `calculate` is a pure function of its input — no clock, no network, no randomness — so that a
 * proposal can be recomputed and explained at any later time with the same result.
 */
import type { Beneficiary, CommissionContext, CommissionSale, Ledger } from '../engine/types.ts';

export interface CommissionRuleInput<Options = unknown> {
  sale: Readonly<CommissionSale>;
  ledger: Ledger;
  beneficiary: Beneficiary;
  /** The amount the rule's `base` points to: the sale amount or another ledger's line (grosze). */
  baseMinor: number;
  base: { of: 'sale' | 'ledger'; ledger?: Ledger };
  /** The beneficiary's volume in the period before this sale (grosze), 0 when not given. */
  periodVolumeMinor: number;
  context: Readonly<CommissionContext>;
  /** The rule's `options`, already validated against `optionsSchema`. */
  options: Options;
  rule: { id: string; version: number };
}

export interface CommissionRuleResult {
  /** Whole grosze, a safe integer; the type rounds (use half up away from zero, like the core). */
  amountMinor: number;
  explanation: { pl: string; en: string; arithmetic?: string };
}

export interface CommissionRuleType<Options = unknown> {
  /** JSON Schema of the rule's `options`; checked when a rule set is loaded. */
  optionsSchema: object;
  /** A sentence for people choosing a rule type. */
  description?: string;
  /** Pure: same input, same output; no I/O, no clock. Method syntax keeps plugin types assignable. */
  calculate(input: CommissionRuleInput<Options>): CommissionRuleResult;
}

/** Rule types by the name rules use in `type`. */
// any: each type validates its own options
export type CommissionRuleTypes = Readonly<Record<string, CommissionRuleType<any>>>;
