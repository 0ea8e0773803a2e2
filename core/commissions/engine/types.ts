/**
 * @module commissions/engine/types
 * What the engine reads (a sale and its period context) and what it writes (lines with their
 * explanations). Data a line can be stored as JSON and shown years later as it was; an explanation's
 * texts (`pl`, `en`, `arithmetic`) may be getters written when first read (`lazy-explanation.ts`):
 * `JSON.stringify` writes them, an object spread does not (copy with `plainExplanation`).
 */
import type { Ledger } from '../rules/schema.ts';
import type { ClawbackKind } from '../rules/clawback-schema.ts';

export type { Ledger } from '../rules/schema.ts';
export type { ClawbackKind } from '../rules/clawback-schema.ts';

/**
 * A sale as the engine sees it. Group memberships are those in force on the sale date: the caller
 * resolves "who was in which group when" (groups are assigned with validity dates in storage).
 */
export interface CommissionSale {
  id: string;
  /** The local date of the sale in the firm's zone, `YYYY-MM-DD` (see `saleDateOf`). */
  date: string;
  /** The sale (loan, premium, lease) amount in grosze. */
  amountMinor: number;
  provider: string;
  product: string;
  productCategory?: string;
  clientType?: string;
  source?: string;
  unitId?: string;
  /**
   * Whether the unit's branch type is run by a partner firm (`branchTypes.<type>.franchise`): the unit
   * ledger pays only such units; `false` gives no unit line. Undefined (an engine call without a
   * config) pays any unit a rule covers.
   */
  unitFranchise?: boolean;
  unitType?: string;
  unitGroup?: string;
  advisorId?: string;
  advisorGroup?: string;
  partnerId?: string;
  partnerGroup?: string;
  /**
   * The advisor who passed the client on (an internal referral). With no `partnerId`, the partner
   * ledger pays this advisor: the line's beneficiary is `{ kind: 'advisor', id: referrerId }`.
   */
  referrerId?: string;
}

/** What the engine needs to know beyond the sale: the beneficiaries' period figures. */
export interface CommissionContext {
  /** The period (month, `YYYY-MM`) the sale falls in; informative for plugins. */
  period?: string;
  /**
   * Each beneficiary's volume (sum of sale amounts, grosze) in the period BEFORE this sale, per
   * ledger: `advisor` is the sale's advisor's volume, `firm` the provider's, and so on.
   */
  periodVolumeMinor?: Partial<Record<Ledger, number>>;
}

export type BeneficiaryKind = 'provider' | 'advisor' | 'partner' | 'unit';
export interface Beneficiary {
  kind: BeneficiaryKind;
  id: string;
}

export interface TierPart {
  /** Tier index in the rule's `tiers`. */
  index: number;
  fromMinor: number;
  toMinor?: number;
  /** The rate as a percentage text, e.g. `0.90%`. */
  rate: string;
  /** How much of the tier measure fell into this tier (marginal mode). */
  portionMinor?: number;
}

export interface LineExplanation {
  base: { of: 'sale' | 'ledger'; ledger?: Ledger; amountMinor: number };
  rate: {
    kind: 'bp' | 'decimal' | 'fixed' | 'tiers' | 'plugin' | 'none';
    text: string;
    bp?: number;
    decimal?: string;
    fixedMinor?: number;
  };
  tier?: { by: 'saleAmount' | 'periodVolume'; mode: 'marginal' | 'whole'; measureMinor: number; parts: TierPart[] };
  capApplied?: { kind: 'min' | 'max'; limitMinor: number; uncappedMinor: number };
  /** The computation in neutral notation: `450000.00 × 0.90% = 4050.00`. */
  arithmetic: string;
  pl: string;
  en: string;
}

export interface CommissionLine {
  saleId: string;
  ledger: Ledger;
  /** Which competition the line came from: `commission`, or an add-on such as `volume-bonus`. */
  component: string;
  beneficiary: Beneficiary;
  amountMinor: number;
  /** null on a missing line. */
  ruleId: string | null;
  ruleVersion: number | null;
  /** No rule covers the sale on a ledger where one is expected: amount 0, to be reviewed. */
  missing?: true;
  explanation: LineExplanation;
}

export interface ClawbackLine extends Omit<CommissionLine, 'missing'> {
  clawback: {
    kind: ClawbackKind;
    date: string;
    fraction: { numerator: number; denominator: number };
    reversesMinor: number;
    /** The clawback rule (rule set `clawbacks`) that set the terms. */
    ruleId?: string;
  };
}
