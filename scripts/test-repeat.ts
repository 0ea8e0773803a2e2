/**
 * @module scripts/test-repeat
 * `npm run test:repeat -- N [vitest arguments…]`: run the test suite N times in a row and say which
 * tests failed how often. A flaky test shows up as "failed 1 of 4 runs"; each run's failures are
 * printed as they happen (failed tests, files that failed outside a test, unhandled errors, read
 * from scripts/vitest-failures-reporter.ts). Runs niced when the machine is shared:
 * `nice -n 10 npm run test:repeat -- 4`. Extra arguments go to vitest (`-- 3 tests/leads*`).
 * Exits 1 when any run failed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FailureReport } from './vitest-failures-reporter.ts';

const [countArg, ...vitestArgs] = process.argv.slice(2);
const runs = Number(countArg ?? 3);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('usage: npm run test:repeat -- N [vitest arguments…]   (N ≥ 1 runs)');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'crm-test-repeat-'));
/** "file > test name" or "file (unhandled): message" → how the failures read, one entry per run it failed in. */
const tally = new Map<string, string[]>();
const note = (key: string, run: number, message: string) => {
  const seen = tally.get(key) ?? [];
  seen.push(`run ${run}: ${message}`);
  tally.set(key, seen);
};
let failedRuns = 0;

for (let run = 1; run <= runs; run++) {
  const file = join(dir, `run-${run}.json`);
  const started = Date.now();
  const result = spawnSync(
    'npx',
    ['vitest', 'run', '--reporter=dot', '--reporter=./scripts/vitest-failures-reporter.ts', ...vitestArgs],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, VITEST_FAILURES_FILE: file } },
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  let report: FailureReport | null = null;
  try {
    report = JSON.parse(readFileSync(file, 'utf8')) as FailureReport;
  } catch {
    // no report: vitest did not get to the end
  }
  if (!report) {
    failedRuns++;
    note('(the run itself)', run, `vitest exited ${result.status} without a report`);
    console.log(`run ${run}/${runs}: no report (vitest exited ${result.status}) in ${seconds} s`);
    continue;
  }
  const failed = report.failed || (result.status ? 1 : 0);
  if (failed) failedRuns++;
  console.log(
    `run ${run}/${runs}: ${report.passed} passed, ${failed} failed, ${report.skipped} skipped ` +
      `(exit ${result.status}, ${seconds} s)`,
  );
  for (const t of report.failedTests) {
    console.log(`  FAILED    ${t.file} > ${t.name}\n            ${t.message}`);
    note(`${t.file} > ${t.name}`, run, t.message);
  }
  for (const f of report.failedFiles) {
    console.log(`  FILE      ${f.file}\n            ${f.message}`);
    note(`${f.file} (outside a test)`, run, f.message);
  }
  for (const e of report.unhandledErrors) {
    console.log(`  UNHANDLED ${e.file ?? '(no test file)'}\n            ${e.name}: ${e.message}`);
    note(`${e.file ?? '(no test file)'} (unhandled error)`, run, `${e.name}: ${e.message}`);
  }
  if (!report.failed && result.status)
    note('(the run itself)', run, `vitest exited ${result.status}, nothing recorded`);
}
rmSync(dir, { recursive: true, force: true });

console.log(`\n${runs - failedRuns} of ${runs} runs green.`);
if (tally.size) {
  console.log('Failed, how often:');
  const sorted = [...tally].sort((a, b) => b[1].length - a[1].length);
  for (const [key, seen] of sorted) {
    console.log(`  ${seen.length} of ${runs} runs  ${key}`);
    for (const s of seen) console.log(`      ${s}`);
  }
}
process.exit(failedRuns ? 1 : 0);
