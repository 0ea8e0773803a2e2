import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rulesCheck } from './rules-check.ts';

const demo = (f: string) => new URL(`../../examples/demo-firm/${f}`, import.meta.url).pathname;
const run = (file: string, config?: string) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = rulesCheck(
    file,
    config,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out, err };
};

describe('broker-crm rules check', () => {
  it('passes the demo rule set, checked against the demo config', () => {
    const r = run(demo('commission-rules.json'), demo('crm.config.json'));
    expect([r.code, r.err]).toEqual([0, []]);
    expect(r.out[0]).toMatch(/valid \(version \d+, \d+ rules, 6 clawback rules\)$/);
  });

  it('prints each problem as file:line:col /json/path message', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rules-')), 'rules.json');
    writeFileSync(
      file,
      [
        '{',
        '  "version": 1,',
        '  "rules": [',
        '    { "id": "a", "ledger": "firm", "validFrom": "2026-01-01", "rate": { "bp": 90 } },',
        '    { "id": "b", "ledger": "firm", "validFrom": "2026-01-01", "rate": { "bp": -5 },',
        '      "when": { "advisorGroup": ["advisor-senoir"] } }',
        '  ],',
        '  "clawbacks": [{ "id": "c", "validFrom": "2026-01-01", "kinds": ["refund"], "fraction": "full" }]',
        '}',
      ].join('\n'),
    );
    const r = run(file, demo('crm.config.json'));
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      `${file}:5:5 /rules/1 overlaps rule "a" (/rules/0): both would apply on the firm ledger to the same sale ` +
        'from 2026-01-01; narrow the conditions or dates, or give the intended one a higher priority',
      `${file}:5:73 /rules/1/rate/bp a rate must not be negative, got -5 bp`,
      `${file}:6:34 /rules/1/when/advisorGroup/0 unknown commission group "advisor-senoir" (known advisor groups: ` +
        'advisor-junior, advisor-senior, advisor-manager)',
      `${file}:8:67 /clawbacks/0/kinds/0 must be one of: "withdrawal", "rejection", "early-repayment", "other"`,
      '4 problems',
    ]);
  });
});
