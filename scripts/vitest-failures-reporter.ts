/**
 * @module scripts/vitest-failures-reporter
 * A vitest reporter that writes everything that failed to one JSON file: failed tests, files and
 * suites that failed outside a test (an import error, a failing `beforeAll`/`afterAll`), and
 * unhandled errors (an unhandled rejection, an `'error'` event nobody listened to). Vitest's own
 * JSON report leaves unhandled errors out entirely, so a run with one reads "0 failed" there while
 * vitest exits 1; `.ci/run` and `npm run test:repeat` read this file instead.
 *
 * Where: `$VITEST_FAILURES_FILE`, default `.ci/out/failures.json`.
 * @example
 * VITEST_FAILURES_FILE=/tmp/f.json npx vitest run --reporter=default --reporter=./scripts/vitest-failures-reporter.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

export interface FailureReport {
  passed: number;
  /** Failed tests + failed files/suites with no failed test of their own + unhandled errors. */
  failed: number;
  skipped: number;
  failedTests: Array<{ file: string; name: string; message: string }>;
  /** Errors of a file or suite outside any test (import, hooks). */
  failedFiles: Array<{ file: string; message: string }>;
  unhandledErrors: Array<{ file: string | null; name: string; message: string }>;
}

interface LooseError {
  name?: string;
  message?: string;
  VITEST_TEST_PATH?: string;
  testPath?: string;
}

const firstLine = (e: LooseError | undefined) =>
  String(e?.message ?? e ?? '')
    .split('\n')[0]!
    .slice(0, 300);

export default class FailuresReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const root = process.cwd();
    const report: FailureReport = {
      passed: 0,
      failed: 0,
      skipped: 0,
      failedTests: [],
      failedFiles: [],
      unhandledErrors: [],
    };
    for (const m of testModules) {
      const file = relative(root, m.moduleId);
      let failedHere = 0;
      for (const t of m.children.allTests()) {
        const r = t.result();
        if (r.state === 'passed') report.passed++;
        else if (r.state === 'failed') {
          failedHere++;
          report.failedTests.push({ file, name: t.fullName, message: firstLine(r.errors?.[0]) });
        } else report.skipped++;
      }
      const outside = [...m.errors(), ...[...m.children.allSuites()].flatMap((s) => s.errors())];
      if (outside.length || (m.state() === 'failed' && !failedHere))
        report.failedFiles.push({ file, message: firstLine(outside[0] as LooseError) || 'the file failed' });
      if ((outside.length || m.state() === 'failed') && !failedHere) report.failed++;
    }
    for (const raw of unhandledErrors) {
      const e = raw as LooseError;
      const origin = e.VITEST_TEST_PATH ?? e.testPath;
      report.unhandledErrors.push({
        file: origin ? relative(root, origin) : null,
        name: e.name ?? 'Error',
        message: firstLine(e),
      });
    }
    report.failed += report.failedTests.length + report.unhandledErrors.length;
    const out = process.env.VITEST_FAILURES_FILE ?? '.ci/out/failures.json';
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(report, null, 2));
  }
}
