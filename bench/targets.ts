/**
 * @module bench/targets
 * The engines a bench runs on, side by side: the libsql file always, and PostgreSQL when
 * `CRM_BENCH_POSTGRES_URL` is set (a database `crm_bench_<size>` is created on that server and
 * reused). Sizes: `BENCH_CLIENTS` (default 10,000; 1,000,000 works and takes minutes to generate
 * once). Each target brings the engine's own driver for the baselines (libsql: the client's
 * `execute`; PostgreSQL: named prepared statements on a `pg` pool), and helpers shared by the benches.
 */
import { createClient as createLibsql } from '@libsql/client';
import pg from 'pg';
import { ensureBenchData, ensureBenchDataPg, type BenchVariant } from '../scripts/bench-data.ts';

export type Engine = 'libsql' | 'postgres';

export interface BenchTarget {
  engine: Engine;
  /** The database URL to open the CRM on (not migrated for libsql: the generator built the file). */
  url: string;
  /** Raw SQL with `?` placeholders on the engine's own driver; rows as objects. */
  query(sqlText: string, args?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** How many clients the benches run on (`BENCH_CLIENTS`, default 10,000). */
export const benchSize = () => Number(process.env.BENCH_CLIENTS ?? 10_000);

/**
 * The bench databases of `n` clients, one per engine available in this run; `'sealed'`: the variant
 * whose encrypted fields are sealed as the CRM stores them (`bench-<n>-sealed.db`, `crm_bench_<n>_sealed`).
 * @example
 * for (const target of await benchTargets(10_000)) console.log(target.engine, target.url);
 */
export async function benchTargets(
  n: number,
  log: (s: string) => void = (s) => console.error(s),
  variant: BenchVariant = 'plain',
) {
  const out: BenchTarget[] = [];
  const file = await ensureBenchData(n, log, variant);
  const libsql = createLibsql({ url: `file:${file}` });
  out.push({
    engine: 'libsql',
    url: `file:${file}`,
    async query(sqlText, args = []) {
      return (await libsql.execute({ sql: sqlText, args: args as never[] })).rows as never;
    },
    async close() {
      libsql.close();
    },
  });
  const server = process.env.CRM_BENCH_POSTGRES_URL;
  if (server) {
    const url = await ensureBenchDataPg(n, server, log, variant);
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    const names = new Map<string, string>();
    out.push({
      engine: 'postgres',
      url,
      async query(sqlText, args = []) {
        let i = 0;
        const text = sqlText.replace(/\?/g, () => `$${++i}`);
        let name = names.get(text);
        if (!name) names.set(text, (name = `bench_${names.size}`));
        return (await pool.query({ name, text, values: args })).rows;
      },
      close: () => pool.end(),
    });
  }
  return out;
}

/** The q-quantile (0–1) of a list of numbers. */
export const quantile = (xs: readonly number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;

export const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** One bench line: `bench <id>@<engine> <what>: ours=… baseline=… ratio=… goal=…`. */
export function benchLine(
  id: string,
  engine: Engine,
  what: string,
  ours: number,
  baseline: number,
  unit: string,
  goal: string,
): string {
  return (
    `bench ${id}@${engine} ${what}: ours=${fmt(ours)}${unit} baseline=${fmt(baseline)}${unit} ` +
    `ratio=${(ours / baseline).toFixed(2)} goal=${goal}`
  );
}

/**
 * Timings (ms) of two contenders measured turn about (a, b, a, b…), so a noisy shared machine slows
 * both alike instead of whichever happened to run during a spike.
 */
export async function timePair(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  reps: number,
  warmup = 10,
): Promise<[number[], number[]]> {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < reps; i++) {
    let t = performance.now();
    await a();
    ta.push(performance.now() - t);
    t = performance.now();
    await b();
    tb.push(performance.now() - t);
  }
  return [ta, tb];
}

/**
 * CPU time (ms, this process: user + system) of two contenders measured turn about, as `timePair`
 * does for wall time. On a machine shared by a dozen busy processes a call's wall time is mostly
 * waiting for a core (the same page read 1.7 ms and 7.4 ms p50 in two runs a minute apart); its CPU
 * time is what the code costs. `b`'s CPU includes only this process's share (the driver's), as `a`'s,
 * unless `extra` adds another clock (ms) to both: the PostgreSQL backends' CPU (`pg-cpu.ts`).
 */
export async function cpuPair(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  reps: number,
  warmup = 10,
  extra?: () => number,
): Promise<[number[], number[]]> {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  // The extra clock is read outside this process's interval, so reading it is not counted.
  const time = async (f: () => Promise<unknown>) => {
    const e = extra?.() ?? 0;
    const t = cpu();
    await f();
    const spent = cpu() - t;
    return spent + (extra ? extra() - e : 0);
  };
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < reps; i++) {
    ta.push(await time(a));
    tb.push(await time(b));
  }
  return [ta, tb];
}

/** Calls per second of two contenders, in alternating rounds of 50 calls each. */
export async function perSecondPair(
  a: (i: number) => Promise<unknown>,
  b: (i: number) => Promise<unknown>,
  rounds: number,
): Promise<[number, number]> {
  for (let i = 0; i < 20; i++) {
    await a(i);
    await b(i);
  }
  let sa = 0;
  let sb = 0;
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    for (let i = 0; i < 50; i++) await a(r * 50 + i);
    sa += performance.now() - t;
    t = performance.now();
    for (let i = 0; i < 50; i++) await b(r * 50 + i);
    sb += performance.now() - t;
  }
  return [(rounds * 50) / (sa / 1000), (rounds * 50) / (sb / 1000)];
}
