/**
 * @module commissions/engine/compile
 * A validated rule set → an index the engine can query fast and in a fixed order: per ledger and
 * component, candidates sorted by priority (highest first) then id, so the winner never depends on
 * the order rules were written in. Compiled once per rule set object and cached.
 */
import { CrmError } from '../../errors.ts';
import { ledgers, type CommissionRule, type CommissionRuleSet, type Ledger } from '../rules/schema.ts';
import { ledgerWordsEn, ledgerWordsPl, moneyEn, moneyPl, moneyPlain, ruleEn, rulePl } from './explain-format.ts';
import { compileRate, type CompiledRate } from './standard.ts';
import type { LineExplanation } from './types.ts';

export interface CompiledRule {
  rule: CommissionRule;
  id: string;
  version: number;
  ledger: Ledger;
  component: string;
  validFrom: string;
  /** '9999-12-31' stands for open-ended; dates compare as strings. */
  validTo: string;
  priority: number;
  base: { of: 'sale' | 'ledger'; ledger?: Ledger };
  rate: CompiledRate | undefined;
  type: string;
  minMinor: number | undefined;
  maxMinor: number | undefined;
  conditions: Array<[SaleKey, ReadonlySet<string>]>;
  /** The same conditions for the hot loop: key, and the single allowed value or the set. */
  condKeys: SaleKey[];
  condOne: (string | undefined)[];
  condSets: (ReadonlySet<string> | undefined)[];
  /** Set when the rule is a standard bp/decimal rate: the line is written from these pieces. */
  fast: FastRate | undefined;
  /** `(reguła id, wersja n)` / `(rule id, version n)`, written once. */
  tagPl: string;
  tagEn: string;
  amountFrom: number;
  amountTo: number;
  /** Index in `ledgers` of the base ledger, -1 for a sale-amount base. */
  baseIndex: number;
}

/**
 * A standard `rate × base` rule with its explanation pre-rendered around the amounts:
 * `pl = prePl + base + midPl + amount + (tailPl | minTailPl | maxTailPl)`, likewise `en`, and
 * `arithmetic = base + midPlain + amount [+ minPlain | maxPlain]`.
 */
export interface FastRate {
  /** `num` and `den` as numbers (both safe): `mulDivRound` without BigInt conversions. */
  n: number;
  d: number;
  info: LineExplanation['rate'];
  prePl: string;
  midPl: string;
  tailPl: string;
  minTailPl: string;
  maxTailPl: string;
  preEn: string;
  midEn: string;
  tailEn: string;
  minTailEn: string;
  maxTailEn: string;
  midPlain: string;
  minPlain: string;
  maxPlain: string;
}

export type SaleKey =
  'provider' | 'productCategory' | 'clientType' | 'source' | 'unitType' | 'advisorGroup' | 'partnerGroup' | 'unitGroup';
const conditionKeys: SaleKey[] = [
  'provider',
  'productCategory',
  'clientType',
  'source',
  'unitType',
  'advisorGroup',
  'partnerGroup',
  'unitGroup',
];

export interface CompiledComponent {
  component: string;
  /** Candidates by product; `undefined` key lists rules for any product only. */
  byProduct: Map<string, CompiledRule[]>;
  anyProduct: CompiledRule[];
  /** `anyProduct` narrowed by one more condition, when one narrows it (see `narrow`). */
  anyIndex: CandidateIndex | undefined;
}

/**
 * Candidates by the sale's value of `key`: each bucket keeps, in priority order, the rules that
 * allow that value or do not look at `key`; `rest` (rules that do not look at it) serves any other
 * value. A superset of the rules that can match, so the winner is the same as without the index.
 */
export interface CandidateIndex {
  key: SaleKey;
  buckets: Map<string, CompiledRule[]>;
  rest: CompiledRule[];
}

/** One ledger's place in the computation order, with what the engine needs for it. */
export interface CompiledStep {
  ledger: Ledger;
  /** Index in `ledgers` (firm 0, advisor 1, partner 2, unit 3). */
  index: number;
  components: CompiledComponent[];
}

export interface CompiledRuleSet {
  version: number;
  /** Ledgers in computation order: a ledger comes after the ledgers its rules' bases refer to. */
  order: Ledger[];
  /** `order` is firm, advisor, partner, unit: lines need no sorting. */
  naturalOrder: boolean;
  /** Per ledger, in the order of `ledgers` (firm, advisor, partner, unit). */
  components: CompiledComponent[][];
  /** `order` with each ledger's components. */
  steps: CompiledStep[];
}

const cache = new WeakMap<CommissionRuleSet, CompiledRuleSet>();

/** Compile (once per rule set object). Expects a rule set that passed `checkRuleSet`. */
export function compileRuleSet(ruleSet: CommissionRuleSet): CompiledRuleSet {
  // A batch proposes many sales against one rule set: the last one answers without a WeakMap look-up.
  if (ruleSet === lastSet) return lastCompiled!;
  let c = cache.get(ruleSet);
  if (!c) cache.set(ruleSet, (c = build(ruleSet)));
  lastSet = ruleSet;
  lastCompiled = c;
  return c;
}
let lastSet: CommissionRuleSet | undefined;
let lastCompiled: CompiledRuleSet | undefined;

const byPriority = (a: CompiledRule, b: CompiledRule) =>
  b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function build(ruleSet: CommissionRuleSet): CompiledRuleSet {
  const rules = ruleSet.rules.map((r) => compileRule(r, ruleSet.version));
  const components: CompiledComponent[][] = [];
  for (const l of ledgers) {
    const names = [...new Set(rules.filter((r) => r.ledger === l).map((r) => r.component))].sort((a, b) =>
      a === 'commission' ? -1 : b === 'commission' ? 1 : a < b ? -1 : 1,
    );
    components.push(
      names.map((component) => {
        const mine = rules.filter((r) => r.ledger === l && r.component === component);
        const anyProduct = mine.filter((r) => !r.rule.when?.product).sort(byPriority);
        const byProduct = new Map<string, CompiledRule[]>();
        for (const r of mine) for (const p of r.rule.when?.product ?? []) byProduct.set(p, []);
        for (const [p, list] of byProduct)
          (list.push(...mine.filter((r) => r.rule.when?.product?.includes(p)), ...anyProduct), list.sort(byPriority));
        return { component, byProduct, anyProduct, anyIndex: narrow(anyProduct) };
      }),
    );
  }
  const order = ledgerOrder(rules);
  const steps = order.map((ledger) => ({
    ledger,
    index: ledgers.indexOf(ledger),
    components: components[ledgers.indexOf(ledger)]!,
  }));
  return { version: ruleSet.version, order, naturalOrder: order.every((l, i) => l === ledgers[i]), components, steps };
}

/** The condition key whose buckets are smallest, if any bucket scheme beats scanning the list. */
function narrow(list: CompiledRule[]): CandidateIndex | undefined {
  let best: CandidateIndex | undefined;
  let bestCost = list.length;
  for (const key of conditionKeys) {
    const sets = list.map((r) => r.conditions.find(([k]) => k === key)?.[1]);
    if (sets.every((x) => x === undefined)) continue;
    const rest = list.filter((_, i) => !sets[i]);
    const buckets = new Map<string, CompiledRule[]>();
    for (const set of sets)
      for (const v of set ?? [])
        buckets.set(
          v,
          list.filter((_, i) => !sets[i] || sets[i]!.has(v)),
        );
    const cost = Math.max(rest.length, ...[...buckets.values()].map((b) => b.length));
    if (cost < bestCost) {
      best = { key, buckets, rest };
      bestCost = cost;
    }
  }
  return best;
}

function compileRule(rule: CommissionRule, setVersion: number): CompiledRule {
  const conditions: Array<[SaleKey, ReadonlySet<string>]> = [];
  for (const k of conditionKeys) {
    const list = rule.when?.[k];
    if (list) conditions.push([k, new Set(list)]);
  }
  const version = rule.version ?? setVersion;
  const rate = rule.rate ? compileRate(rule.rate) : undefined;
  const base: CompiledRule['base'] =
    rule.base?.of === 'ledger' && rule.base.ledger ? { of: 'ledger', ledger: rule.base.ledger } : { of: 'sale' };
  const type = rule.type ?? 'standard';
  return {
    rule,
    id: rule.id,
    version,
    ledger: rule.ledger,
    component: rule.component ?? 'commission',
    validFrom: rule.validFrom,
    validTo: rule.validTo ?? '9999-12-31',
    priority: rule.priority ?? 0,
    base,
    rate,
    type,
    minMinor: rule.minMinor,
    maxMinor: rule.maxMinor,
    conditions,
    condKeys: conditions.map(([k]) => k),
    condOne: conditions.map(([, set]) => (set.size === 1 ? [...set][0] : undefined)),
    condSets: conditions.map(([, set]) => (set.size === 1 ? undefined : set)),
    fast:
      type === 'standard' && rate
        ? fastRate(rule, rate, base, rulePl(rule.id, version), ruleEn(rule.id, version))
        : undefined,
    tagPl: rulePl(rule.id, version),
    tagEn: ruleEn(rule.id, version),
    amountFrom: rule.when?.amount?.fromMinor ?? Number.NEGATIVE_INFINITY,
    amountTo: rule.when?.amount?.toMinor ?? Number.POSITIVE_INFINITY,
    baseIndex: base.ledger ? ledgers.indexOf(base.ledger) : -1,
  };
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The words of `propose`'s common line, written once per rule (see `FastRate`). */
function fastRate(
  rule: CommissionRule,
  rate: CompiledRate,
  base: CompiledRule['base'],
  tagPl: string,
  tagEn: string,
): FastRate | undefined {
  if (rate.kind !== 'bp' && rate.kind !== 'decimal') return undefined;
  const { num, den } = rate.f;
  if (num > SAFE || num < -SAFE || den > SAFE) return undefined;
  const of = base.ledger;
  const min = rule.minMinor;
  const max = rule.maxMinor;
  return {
    n: Number(num),
    d: Number(den),
    info: rate.info,
    prePl: `${rate.pctPl} × `,
    midPl: `${of ? ` (${ledgerWordsPl[of]})` : ''} = `,
    tailPl: ` ${tagPl}`,
    minTailPl: min === undefined ? '' : ` → minimum ${moneyPl(min)} ${tagPl}`,
    maxTailPl: max === undefined ? '' : ` → maksimum ${moneyPl(max)} ${tagPl}`,
    preEn: `${rate.pctEn} × `,
    midEn: `${of ? ` (${ledgerWordsEn[of]})` : ''} = `,
    tailEn: ` ${tagEn}`,
    minTailEn: min === undefined ? '' : ` → raised to the minimum ${moneyEn(min)} ${tagEn}`,
    maxTailEn: max === undefined ? '' : ` → capped at ${moneyEn(max)} ${tagEn}`,
    midPlain: ` × ${rate.pctEn} = `,
    minPlain: min === undefined ? '' : ` → min ${moneyPlain(min)}`,
    maxPlain: max === undefined ? '' : ` → max ${moneyPlain(max)}`,
  };
}

/** Kahn's order over "ledger X's base is ledger Y", ties in the natural ledger order. */
function ledgerOrder(rules: CompiledRule[]): Ledger[] {
  const deps = new Map<Ledger, Set<Ledger>>(ledgers.map((l) => [l, new Set()]));
  for (const r of rules) if (r.base.ledger) deps.get(r.ledger)!.add(r.base.ledger);
  const order: Ledger[] = [];
  while (order.length < ledgers.length) {
    const next = ledgers.find((l) => !order.includes(l) && [...deps.get(l)!].every((d) => order.includes(d)));
    if (!next)
      throw new CrmError(
        'invalid',
        `commission rule bases form a cycle among ledgers ${ledgers.filter((l) => !order.includes(l)).join(', ')}`,
      );
    order.push(next);
  }
  return order;
}
