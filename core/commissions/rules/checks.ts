/**
 * @module commissions/rules/checks
 * What the schema cannot say about a rule set: exactly one kind of rate, no negative rates, tiers
 * in order, min ≤ max, known commission groups of the right kind, known rule types with valid
 * options, bases without cycles, no two rules that would both apply to one sale, and no gap in a
 * (ledger, product) chain that has rules before and after; the `clawbacks` in `clawback-checks.ts`.
 * Each problem names its JSON pointer.
 *
 * Checks run after the schema and read defensively: a part of the wrong shape is skipped here,
 * because the schema has already named it.
 */
import { ajvProblems, compileOnce, createAjv } from '../../config/index.ts';
import { ledgers, type CommissionRule, type CommissionRuleSet, type Ledger } from './schema.ts';
import type { CommissionRuleTypes } from './rule-type.ts';
import { checkClawbacks } from './clawback-checks.ts';

export type Report = (pointer: string, message: string) => void;

export interface RuleSetCheckOptions {
  /** The config's `commissionGroups`; when given, every group a rule names must be there. */
  commissionGroups?: Readonly<Record<string, { for: 'advisor' | 'partner' | 'unit' }>>;
  /** Plugin rule types by name (`standard` is built in). */
  ruleTypes?: CommissionRuleTypes;
}

const ajv = createAjv();
const isNeg = (d: string | undefined) => d !== undefined && d.startsWith('-') && /[1-9]/.test(d);
const groupKinds = { advisorGroup: 'advisor', partnerGroup: 'partner', unitGroup: 'unit' } as const;
const conditionKeys = [
  'provider',
  'product',
  'productCategory',
  'clientType',
  'source',
  'unitType',
  'advisorGroup',
  'partnerGroup',
  'unitGroup',
] as const;
const END = '9999-12-31';

/**
 * @example
 * const problems: string[] = [];
 * checkRuleSet(ruleSet, (path, message) => problems.push(`${path} ${message}`),
 *   { commissionGroups: config.commissionGroups });
 */
export function checkRuleSet(ruleSet: CommissionRuleSet, report: Report, options: RuleSetCheckOptions = {}): void {
  const rules = Array.isArray(ruleSet?.rules) ? ruleSet.rules : [];
  const seen = new Map<string, number>();
  rules.forEach((rule, i) => {
    if (!rule || typeof rule !== 'object') return;
    const at = `/rules/${i}`;
    if (typeof rule.id === 'string') {
      if (seen.has(rule.id)) report(`${at}/id`, `the id "${rule.id}" is already used by /rules/${seen.get(rule.id)}`);
      else seen.set(rule.id, i);
    }
    checkRate(rule, at, report, options);
    if (typeof rule.minMinor === 'number' && rule.minMinor < 0)
      report(`${at}/minMinor`, `a minimum must not be negative, got ${rule.minMinor}`);
    if (typeof rule.maxMinor === 'number' && rule.maxMinor < 0)
      report(`${at}/maxMinor`, `a maximum must not be negative, got ${rule.maxMinor}`);
    if (typeof rule.minMinor === 'number' && typeof rule.maxMinor === 'number' && rule.minMinor > rule.maxMinor)
      report(`${at}/minMinor`, `the minimum (${rule.minMinor}) is larger than the maximum (${rule.maxMinor})`);
    if (rule.holdback && (rule.ledger === 'firm' || rule.ledger === 'unit'))
      report(
        `${at}/holdback`,
        `a holdback reserve is kept from an advisor or partner line, not the ${rule.ledger} ledger`,
      );
    if (typeof rule.validTo === 'string' && typeof rule.validFrom === 'string' && rule.validTo <= rule.validFrom)
      report(
        `${at}/validTo`,
        `validTo (${rule.validTo}) must be after validFrom (${rule.validFrom}); validTo is the first day no ` +
          `longer in force`,
      );
    const amount = rule.when?.amount;
    if (
      amount &&
      typeof amount.fromMinor === 'number' &&
      typeof amount.toMinor === 'number' &&
      amount.fromMinor >= amount.toMinor
    )
      report(
        `${at}/when/amount`,
        `the amount range is empty: fromMinor ${amount.fromMinor} is not below toMinor ${amount.toMinor}`,
      );
    if (rule.base?.of === 'ledger' && !rule.base.ledger)
      report(
        `${at}/base/ledger`,
        'a base of another ledger must name the ledger ("firm", "advisor", "partner" or "unit")',
      );
    if (rule.base?.of === 'sale' && rule.base.ledger)
      report(`${at}/base/ledger`, 'a base of the sale takes no ledger; use { "of": "ledger", "ledger": … }');
    checkGroups(rule, at, report, options);
  });
  checkCycles(rules, report);
  checkOverlaps(rules, report);
  checkGaps(rules, report);
  checkClawbacks(ruleSet?.clawbacks, report);
}

function checkRate(rule: CommissionRule, at: string, report: Report, options: RuleSetCheckOptions): void {
  const type = rule.type ?? 'standard';
  const rate = rule.rate;
  if (type !== 'standard') {
    const t = options.ruleTypes?.[type];
    if (!t) {
      const known = ['standard', ...Object.keys(options.ruleTypes ?? {})];
      report(
        `${at}/type`,
        `unknown rule type "${type}" (known: ${known.join(', ')}); is the plugin that provides it registered?`,
      );
    } else {
      const validate = compileOnce(ajv, t.optionsSchema);
      const value = rule.options ?? {};
      if (!validate(value))
        for (const p of ajvProblems(validate.errors, value)) report(`${at}/options${p.path}`, p.message);
    }
    if (rate) report(`${at}/rate`, `a rule of type "${type}" takes its parameters in "options", not "rate"`);
    return;
  }
  if (rule.options !== undefined)
    report(`${at}/options`, 'a standard rule takes no options; did you mean a plugin rule type in "type"?');
  if (!rate || typeof rate !== 'object') {
    report(`${at}/rate`, 'a standard rule needs a rate: bp, decimal, fixedMinor or tiers');
    return;
  }
  const kinds = (['bp', 'decimal', 'fixedMinor', 'tiers'] as const).filter((k) => rate[k] !== undefined);
  if (kinds.length !== 1) {
    report(
      `${at}/rate`,
      kinds.length
        ? `give exactly one of bp, decimal, fixedMinor, tiers (found ${kinds.join(' and ')})`
        : 'give one of bp, decimal, fixedMinor, tiers',
    );
  }
  if (!rate.tiers && (rate.by !== undefined || rate.mode !== undefined))
    report(`${at}/rate`, '"by" and "mode" only apply to tiers');
  if (typeof rate.bp === 'number' && rate.bp < 0)
    report(`${at}/rate/bp`, `a rate must not be negative, got ${rate.bp} bp`);
  if (isNeg(rate.decimal)) report(`${at}/rate/decimal`, `a rate must not be negative, got ${rate.decimal}`);
  if (typeof rate.fixedMinor === 'number' && rate.fixedMinor < 0)
    report(`${at}/rate/fixedMinor`, `a fixed amount must not be negative, got ${rate.fixedMinor}`);
  if (!Array.isArray(rate.tiers)) return;
  rate.tiers.forEach((t, j) => {
    const tp = `${at}/rate/tiers/${j}`;
    if (!t || typeof t !== 'object') return;
    if ((t.bp === undefined) === (t.decimal === undefined)) report(tp, 'a tier needs exactly one of bp or decimal');
    if (typeof t.bp === 'number' && t.bp < 0) report(`${tp}/bp`, `a rate must not be negative, got ${t.bp} bp`);
    if (isNeg(t.decimal)) report(`${tp}/decimal`, `a rate must not be negative, got ${t.decimal}`);
    if (typeof t.fromMinor !== 'number') return;
    if (j === 0 && t.fromMinor !== 0) report(`${tp}/fromMinor`, `the first tier must start at 0, not ${t.fromMinor}`);
    const prev = rate.tiers![j - 1]?.fromMinor;
    if (j > 0 && typeof prev === 'number' && t.fromMinor <= prev)
      report(
        `${tp}/fromMinor`,
        `tiers out of order: this tier starts at ${t.fromMinor}, not after the previous one (${prev})`,
      );
  });
}

function checkGroups(rule: CommissionRule, at: string, report: Report, options: RuleSetCheckOptions): void {
  const groups = options.commissionGroups;
  if (!groups) return;
  for (const key of ['advisorGroup', 'partnerGroup', 'unitGroup'] as const) {
    const list = rule.when?.[key];
    if (!Array.isArray(list)) continue;
    list.forEach((g, j) => {
      const group = Object.prototype.hasOwnProperty.call(groups, g) ? groups[g] : undefined;
      const wanted = groupKinds[key];
      if (!group)
        report(
          `${at}/when/${key}/${j}`,
          `unknown commission group "${g}" (known ${wanted} groups: ${
            Object.entries(groups)
              .filter(([, v]) => v.for === wanted)
              .map(([k]) => k)
              .join(', ') || 'none'
          })`,
        );
      else if (group.for !== wanted)
        report(`${at}/when/${key}/${j}`, `commission group "${g}" is for ${group.for}s, not ${wanted}s`);
    });
  }
}

function checkCycles(rules: CommissionRule[], report: Report): void {
  const edges = new Map<Ledger, Map<Ledger, number>>(ledgers.map((l) => [l, new Map()]));
  rules.forEach((r, i) => {
    if (
      r?.base?.of === 'ledger' &&
      r.base.ledger &&
      edges.has(r.ledger) &&
      edges.has(r.base.ledger) &&
      !edges.get(r.ledger)!.has(r.base.ledger)
    )
      edges.get(r.ledger)!.set(r.base.ledger, i);
  });
  const reported = new Set<string>();
  for (const start of ledgers) {
    // Depth-first from each ledger; a path back to `start` is a cycle, reported once, at the rule
    // whose base leaves `start`.
    const stack: [Ledger, Ledger[], number][] = [...edges.get(start)!].map(([next, i]) => [next, [start, next], i]);
    while (stack.length) {
      const [l, trail, first] = stack.pop()!;
      if (l === start) {
        const key = [...new Set(trail)].sort().join();
        if (!reported.has(key)) {
          reported.add(key);
          report(
            `/rules/${first}/base/ledger`,
            `bases form a cycle: ${trail.join(' → ')} (each ledger's line would depend on itself)`,
          );
        }
        continue;
      }
      for (const [next] of edges.get(l)!)
        if (next === start || !trail.includes(next)) stack.push([next, [...trail, next], first]);
    }
  }
}

function conditionsOverlap(a: CommissionRule, b: CommissionRule): boolean {
  for (const k of conditionKeys) {
    const x = a.when?.[k];
    const y = b.when?.[k];
    if (Array.isArray(x) && Array.isArray(y) && !x.some((v) => y.includes(v))) return false;
  }
  const lo = Math.max(a.when?.amount?.fromMinor ?? -Infinity, b.when?.amount?.fromMinor ?? -Infinity);
  const hi = Math.min(a.when?.amount?.toMinor ?? Infinity, b.when?.amount?.toMinor ?? Infinity);
  return lo < hi;
}

const valid = (r: CommissionRule) =>
  r &&
  typeof r === 'object' &&
  typeof r.id === 'string' &&
  typeof r.validFrom === 'string' &&
  typeof r.ledger === 'string';

function checkOverlaps(rules: CommissionRule[], report: Report): void {
  for (let j = 0; j < rules.length; j++) {
    const b = rules[j]!;
    if (!valid(b)) continue;
    for (let i = 0; i < j; i++) {
      const a = rules[i]!;
      if (
        !valid(a) ||
        a.ledger !== b.ledger ||
        (a.component ?? 'commission') !== (b.component ?? 'commission') ||
        (a.priority ?? 0) !== (b.priority ?? 0)
      )
        continue;
      const from = a.validFrom > b.validFrom ? a.validFrom : b.validFrom;
      const to = (a.validTo ?? END) < (b.validTo ?? END) ? (a.validTo ?? END) : (b.validTo ?? END);
      if (from >= to || !conditionsOverlap(a, b)) continue;
      report(
        `/rules/${j}`,
        `overlaps rule "${a.id}" (/rules/${i}): both would apply on the ${b.ledger} ledger ` +
          `to the same sale from ${from}${to === END ? '' : ` until ${to}`}; ` +
          'narrow the conditions or dates, or give the intended one a higher priority',
      );
    }
  }
}

function checkGaps(rules: CommissionRule[], report: Report): void {
  const chains = new Map<string, { from: string; to: string; index: number }[]>();
  const add = (key: string, r: CommissionRule, index: number) => {
    let c = chains.get(key);
    if (!c) chains.set(key, (c = []));
    c.push({ from: r.validFrom, to: r.validTo ?? END, index });
  };
  const indexed = rules
    .map((r, i) => [r, i] as const)
    .filter(([r]) => valid(r) && (!r.validTo || r.validTo > r.validFrom));
  const products = new Set(indexed.flatMap(([r]) => r.when?.product ?? []));
  for (const [r, i] of indexed) {
    const head = `${r.ledger}\u0000${r.component ?? 'commission'}`;
    // A rule for any product also covers each product's chain.
    for (const p of r.when?.product ?? ['*', ...products]) add(`${head}\u0000${p}`, r, i);
  }
  const reported = new Set<string>();
  for (const [key, list] of chains) {
    const [ledger, , product] = key.split('\u0000');
    list.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    let coveredTo = list[0]!.to;
    for (const item of list.slice(1)) {
      if (item.from > coveredTo) {
        const msg =
          `gap in the ${ledger} rules${product === '*' ? '' : ` for product "${product}"`}: ` +
          `nothing applies from ${coveredTo} until ${item.from}, though rules exist before and after`;
        if (!reported.has(msg)) {
          reported.add(msg);
          report(`/rules/${item.index}/validFrom`, msg);
        }
      }
      if (item.to > coveredTo) coveredTo = item.to;
    }
  }
}
