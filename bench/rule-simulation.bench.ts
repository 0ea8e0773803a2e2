/**
 * @module bench/rule-simulation
 * Simulating a rule-set draft over 10,000 stored sales of one month (`simulateRuleSet`: read the
 * sales in scope, run the engine twice per sale, sum per recipient, list changed lines, look up
 * names) vs the bare engine work on the same sales already in memory (two `proposeCommissions` per
 * sale, nothing else). The ratio is the price of the database read and the bookkeeping; the absolute
 * time is what an admin waits after "Przelicz symulację". libsql file, wall time, median of three.
 * Run alone: `node --import tsx bench/rule-simulation.bench.ts` (`BENCH_SIM_SALES` to change 10,000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  composeRuleSet,
  latestRuleSet,
  proposeCommissions,
  ruleTypesOf,
  simulateRuleSet,
  storedSaleInput,
  type CommissionRuleSet,
} from '../core/commissions/index.ts';
import { openDatabase } from '../core/storage/database.ts';
import { newId } from '../core/ids/index.ts';
import { generateKeys } from '../core/keys/index.ts';
import { seedCommissions } from '../examples/demo-firm/seed-commissions.ts';
import { smallFirm } from '../tests/fixtures/small-firm.ts';

const SALES = Number(process.env.BENCH_SIM_SALES ?? 10_000);
const REPS = 3;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(): Promise<string[]> {
  // The small firm's CRM reads its keys from the environment, as the tests' setup gives them.
  const keys = generateKeys();
  process.env.CRM_SECRET ||= keys.secret;
  process.env.CRM_DATA_KEY ||= keys.dataKey;
  const dir = mkdtempSync(join(tmpdir(), 'crm-bench-sim-'));
  const database = await openDatabase(`file:${join(dir, 'crm.db')}`);
  try {
    const firm = await smallFirm(database);
    const sys = firm.crm.system('bench');
    await seedCommissions(sys);
    const current = (await latestRuleSet(sys))!;
    const draft: CommissionRuleSet = {
      ...current,
      version: current.version + 1,
      rules: current.rules.map((r) => (r.id === 'aurora-cash-loan' ? { ...r, rate: { decimal: '0.05' } } : r)),
    };
    // The fixture's clock is 2 March 2026: February is "last month".
    const advisors = [firm.users.anna, firm.users.piotr, firm.users.ewa, firm.users.senior];
    const units = [firm.units.gdansk, firm.units.gdynia, firm.units.krakow, firm.units.gdansk];
    const products = ['aurora-cash-loan', 'aurora-mortgage', 'wislany-cash-loan', 'aurora-consolidation'];
    const rows = [];
    for (let i = 0; i < SALES; i++) {
      const k = i % advisors.length;
      const product = products[i % products.length]!;
      const provider = product.startsWith('wislany') ? 'bank-wislany' : 'bank-aurora';
      const saleDate = `2026-02-${String(1 + (i % 28)).padStart(2, '0')}`;
      const amountMinor = 1_000_000 + ((i * 7919) % 40_000_000);
      const id = newId();
      const facts = {
        id,
        date: saleDate,
        amountMinor,
        provider,
        product,
        clientType: 'private',
        unitId: units[k]!.id,
        unitType: 'own-branch',
        unitFranchise: false,
        advisorId: advisors[k]!.id,
        advisorGroup: k === 3 ? 'advisor-senior' : 'advisor-junior',
        periodVolumeMinor: { firm: 0, advisor: 0, unit: 0 },
      };
      rows.push({
        id,
        clientId: newId(),
        historyId: null,
        advisorId: advisors[k]!.id,
        unitId: units[k]!.id,
        partnerId: null,
        provider,
        product,
        productCategory: null,
        amountMinor,
        saleDate,
        ruleSetVersion: current.version,
        facts,
        status: 'active' as const,
        cancellation: null,
        createdBy: null,
        createdAt: firm.clock.now(),
      });
    }
    for (let i = 0; i < rows.length; i += 500)
      await database.db.insert(database.t.sales).values(rows.slice(i, i + 500));
    const ctx = await firm.crm.asUser(firm.users.admin.id);
    const types = ruleTypesOf(sys.plugins);
    const inMemory = rows.map((r) => storedSaleInput(r.facts, r.saleDate));
    const ours: number[] = [];
    const base: number[] = [];
    let changed = 0;
    for (let rep = 0; rep < REPS; rep++) {
      let t = performance.now();
      const sim = await simulateRuleSet(ctx, draft, { from: '2026-02-01', to: '2026-02-28' });
      ours.push(performance.now() - t);
      if (sim.salesSimulated !== SALES) throw new Error(`simulated ${sim.salesSimulated} of ${SALES}`);
      changed = sim.linesTotal;
      t = performance.now();
      const candidate = composeRuleSet(current, draft, '2026-02-01', current.version + 1);
      let sum = 0;
      for (const { sale, context } of inMemory) {
        for (const l of proposeCommissions(sale, context, current, types)) sum -= l.amountMinor;
        for (const l of proposeCommissions(sale, context, candidate, types)) sum += l.amountMinor;
      }
      base.push(performance.now() - t);
      if (sum !== sim.totals.diffMinor) throw new Error(`difference ${sim.totals.diffMinor} ≠ engine ${sum}`);
    }
    const o = median(ours);
    const b = median(base);
    return [
      `bench rule-simulation@libsql simulate ${SALES} sales (${changed} changed lines): ours=${o.toFixed(0)}ms ` +
        `baseline=${b.toFixed(0)}ms ratio=${(o / b).toFixed(2)} goal=<10s absolute ` +
        '(the ratio is the price of the database read and the bookkeeping)',
    ];
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) for (const line of await run()) console.log(line);
