/**
 * `npm run bench`: runs every `bench/*.bench.ts` (each exports `run(): Promise<string[]>`) and prints
 * their lines: `bench <id> <what>: ours=… baseline=… ratio=… goal=…`. Baselines are measured in the
 * same run, because this machine is shared and noisy. `npm run bench -- clients` runs one file.
 * Sizes and engines come from the environment: `BENCH_CLIENTS` (default 10,000; 1,000,000 works, its
 * data generated once and cached) and `CRM_BENCH_POSTGRES_URL` (a PostgreSQL server: the benches that
 * use `bench/targets.ts` then run on libsql and PostgreSQL side by side, lines tagged `@libsql` and
 * `@postgres`).
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.startsWith(only)))
  .sort();
let failed = 0;
for (const f of files) {
  const started = Date.now();
  try {
    const mod = (await import(`./${f}`)) as { run(): Promise<string[]> };
    for (const line of await mod.run()) console.log(line);
    console.error(`  (${f}: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (e) {
    failed++;
    console.error(`bench ${f} failed: ${(e as Error).stack ?? e}`);
  }
}
process.exit(failed ? 1 : 0);
