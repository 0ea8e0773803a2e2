/**
 * @module bench/commissions
 * Proposing commissions for 100k sales against 40 rules (5 banks × 3 products × 2 quarters on the
 * firm ledger, advisor groups with a volume tier, partner groups with a per-source rate and caps,
 * franchise units, a fixed insurance fee) through the engine — rule selection, dependency order,
 * caps and explanations in Polish and English — vs a hand-written loop that knows these rules and
 * computes only the numbers with the core's `applyRateBp`. The amounts must agree to the grosz. Timed in
 * CPU time (the machine is shared), median of three runs each.
 * Run alone: `node --import tsx bench/commissions.bench.ts`.
 */
import { fileURLToPath } from 'node:url';
import {
  assertRuleSet,
  proposeCommissions,
  type CommissionRule,
  type CommissionSale,
} from '../core/commissions/index.ts';
import { applyRateBp } from '../core/money/index.ts';

const SALES = 100_000;
const REPS = 3;
const Q2 = '2026-04-01';

/** bp per product, [Q1, Q2]. */
const banks: Record<string, Record<string, [number, number]>> = {
  'bank-aurora': { mortgage: [150, 135], 'cash-loan': [450, 430], consolidation: [350, 330] },
  'bank-wislany': { mortgage: [120, 110], 'cash-loan': [500, 480], consolidation: [300, 300] },
  'bank-polnocny': { mortgage: [95, 105], 'cash-loan': [600, 550], consolidation: [320, 310] },
  'bank-zachodni': { mortgage: [180, 160], 'cash-loan': [420, 420], consolidation: [280, 260] },
  'bank-gorski': { mortgage: [110, 125], 'cash-loan': [520, 500], consolidation: [340, 350] },
};
const MORTGAGE_MAX = 1_000_000; // 10 000 zł
const CASH_MIN = 20_000; // 200 zł
const INSURANCE_FIXED = 25_000;
const categories = ['mortgage', 'cash-loan', 'consolidation'];

function rules(): CommissionRule[] {
  const out: CommissionRule[] = [];
  for (const [provider, products] of Object.entries(banks)) {
    for (const [product, [q1, q2]] of Object.entries(products)) {
      const caps =
        product === 'mortgage' ? { maxMinor: MORTGAGE_MAX } : product === 'cash-loan' ? { minMinor: CASH_MIN } : {};
      const when = { provider: [provider], product: [`${provider}-${product}`] };
      out.push({
        id: `${provider}-${product}-q1`,
        ledger: 'firm',
        validFrom: '2026-01-01',
        validTo: Q2,
        when,
        rate: { bp: q1 },
        ...caps,
      });
      out.push({
        id: `${provider}-${product}-q2`,
        ledger: 'firm',
        validFrom: Q2,
        when,
        rate: { bp: q2 },
        ...caps,
        version: 2,
      });
    }
  }
  const share = { validFrom: '2026-01-01', base: { of: 'ledger', ledger: 'firm' } } as const;
  out.push(
    {
      id: 'tu-tarcza-life',
      ledger: 'firm',
      validFrom: '2026-01-01',
      when: { provider: ['tu-tarcza'] },
      rate: { fixedMinor: INSURANCE_FIXED },
    },
    {
      id: 'advisor-junior',
      ledger: 'advisor',
      ...share,
      when: { advisorGroup: ['junior'], unitType: ['own-branch'] },
      rate: { bp: 4000 },
    },
    {
      id: 'advisor-senior',
      ledger: 'advisor',
      ...share,
      when: { advisorGroup: ['senior'], unitType: ['own-branch'] },
      rate: {
        tiers: [
          { fromMinor: 0, bp: 5000 },
          { fromMinor: 100_000_000, bp: 6000 },
        ],
        by: 'periodVolume',
        mode: 'whole',
      },
    },
    {
      id: 'advisor-manager',
      ledger: 'advisor',
      ...share,
      when: { advisorGroup: ['manager'], unitType: ['own-branch'] },
      rate: { bp: 6500 },
    },
    {
      id: 'partner-standard-mortgage',
      ledger: 'partner',
      validFrom: '2026-01-01',
      when: { partnerGroup: ['standard'], productCategory: ['mortgage'] },
      rate: { bp: 30 },
      maxMinor: 150_000,
    },
    {
      id: 'partner-standard-mortgage-portal',
      ledger: 'partner',
      validFrom: '2026-01-01',
      priority: 10,
      when: { partnerGroup: ['standard'], productCategory: ['mortgage'], source: ['portal'] },
      rate: { bp: 20 },
      maxMinor: 100_000,
    },
    {
      id: 'partner-standard-cash',
      ledger: 'partner',
      validFrom: '2026-01-01',
      when: { partnerGroup: ['standard'], productCategory: ['cash-loan', 'consolidation', 'insurance'] },
      rate: { bp: 100 },
      maxMinor: 80_000,
    },
    {
      id: 'partner-premium-mortgage',
      ledger: 'partner',
      validFrom: '2026-01-01',
      when: { partnerGroup: ['premium'], productCategory: ['mortgage'] },
      rate: { bp: 50 },
      maxMinor: 300_000,
    },
    {
      id: 'partner-premium-cash',
      ledger: 'partner',
      validFrom: '2026-01-01',
      when: { partnerGroup: ['premium'], productCategory: ['cash-loan', 'consolidation', 'insurance'] },
      rate: { bp: 150 },
      maxMinor: 120_000,
    },
    { id: 'franchise-share', ledger: 'unit', ...share, when: { unitType: ['franchise-branch'] }, rate: { bp: 7000 } },
  );
  return out;
}

/** Deterministic pseudo-random sales (an LCG, so both sides see the same data every run). */
function sales(n: number): { sale: CommissionSale; volume: number }[] {
  let s = 12_345;
  const next = (m: number) => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s % m;
  };
  const providers = [...Object.keys(banks), 'tu-tarcza'];
  const out: { sale: CommissionSale; volume: number }[] = [];
  for (let i = 0; i < n; i++) {
    const provider = providers[next(providers.length)]!;
    const category = provider === 'tu-tarcza' ? 'insurance' : categories[next(3)]!;
    const franchise = next(4) === 0;
    const sale: CommissionSale = {
      id: `s-${i}`,
      date: `2026-0${1 + next(6)}-${String(1 + next(28)).padStart(2, '0')}`,
      amountMinor: category === 'mortgage' ? 10_000_000 + next(150_000_000) : 100_000 + next(15_000_000),
      provider,
      product: `${provider}-${category}`,
      productCategory: category,
      unitId: franchise ? 'u-franchise' : 'u-own',
      unitType: franchise ? 'franchise-branch' : 'own-branch',
      advisorId: `a-${next(50)}`,
      advisorGroup: ['junior', 'senior', 'manager'][next(3)]!,
      ...(next(3) === 0
        ? {
            partnerId: `p-${next(20)}`,
            partnerGroup: next(2) ? 'standard' : 'premium',
            ...(next(2) ? { source: 'portal' } : {}),
          }
        : {}),
    };
    out.push({ sale, volume: next(2) ? 0 : next(200_000_000) });
  }
  return out;
}

const clamp = (v: number, min?: number, max?: number) =>
  min !== undefined && v < min ? min : max !== undefined && v > max ? max : v;

/** What a developer would write for exactly these rules: look-ups and arithmetic, no explanations. */
function baseline(data: { sale: CommissionSale; volume: number }[]): number[] {
  const out: number[] = [];
  for (const { sale, volume } of data) {
    const category = sale.productCategory!;
    let firm: number;
    if (sale.provider === 'tu-tarcza') firm = INSURANCE_FIXED;
    else {
      const bp = banks[sale.provider]![category]![sale.date < Q2 ? 0 : 1];
      firm = clamp(
        applyRateBp(sale.amountMinor, bp),
        category === 'cash-loan' ? CASH_MIN : undefined,
        category === 'mortgage' ? MORTGAGE_MAX : undefined,
      );
    }
    out.push(firm);
    if (sale.unitType === 'own-branch') {
      const g = sale.advisorGroup;
      const bp =
        g === 'junior' ? 4000 : g === 'manager' ? 6500 : volume + sale.amountMinor >= 100_000_000 ? 6000 : 5000;
      out.push(applyRateBp(firm, bp));
    }
    if (sale.partnerId) {
      const premium = sale.partnerGroup === 'premium';
      if (category === 'mortgage') {
        if (premium) out.push(clamp(applyRateBp(sale.amountMinor, 50), undefined, 300_000));
        else if (sale.source === 'portal') out.push(clamp(applyRateBp(sale.amountMinor, 20), undefined, 100_000));
        else out.push(clamp(applyRateBp(sale.amountMinor, 30), undefined, 150_000));
      } else out.push(clamp(applyRateBp(sale.amountMinor, premium ? 150 : 100), undefined, premium ? 120_000 : 80_000));
    }
    if (sale.unitType === 'franchise-branch') out.push(applyRateBp(firm, 7000));
  }
  return out;
}

function engine(data: { sale: CommissionSale; volume: number }[], ruleSet: ReturnType<typeof assertRuleSet>): number[] {
  const out: number[] = [];
  for (const { sale, volume } of data) {
    for (const line of proposeCommissions(sale, { periodVolumeMinor: { advisor: volume } }, ruleSet))
      out.push(line.amountMinor);
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/**
 * CPU time (user + system, every thread of the process: the garbage collector's helpers too), not
 * wall time: on a machine shared by many processes the wall clock mostly measures the waits.
 */
function time<T>(fn: () => T): [T, number] {
  const t = process.cpuUsage();
  const r = fn();
  const d = process.cpuUsage(t);
  return [r, (d.user + d.system) / 1000];
}

export async function run(): Promise<string[]> {
  const ruleSet = assertRuleSet({ version: 1, rules: rules() });
  const data = sales(SALES);
  engine(data.slice(0, 5_000), ruleSet);
  baseline(data.slice(0, 5_000)); // warm up both
  const ours: number[] = [];
  const base: number[] = [];
  let a: number[] = [];
  let b: number[] = [];
  for (let i = 0; i < REPS; i++) {
    let t: number;
    [a, t] = time(() => engine(data, ruleSet));
    ours.push(t);
    [b, t] = time(() => baseline(data));
    base.push(t);
  }
  if (a.length !== b.length || a.some((x, i) => x !== b[i])) {
    const i = a.findIndex((x, j) => x !== b[j]);
    throw new Error(
      `engine and hand-written loop disagree at amount ${i}: ${a[i]} vs ${b[i]} (${a.length} vs ${b.length} amounts)`,
    );
  }
  const o = median(ours);
  const bl = median(base);
  return [
    `bench commissions-propose ${SALES / 1000}k sales × ${ruleSet.rules.length} rules (${a.length} lines, ` +
      `identical to the grosz; CPU time, median of ${REPS}; no database, so libsql = PostgreSQL): ` +
      `ours=${o.toFixed(0)}ms baseline=${bl.toFixed(0)}ms ` +
      `ratio=${(o / bl).toFixed(2)} goal=≤2`,
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) for (const line of await run()) console.log(line);
