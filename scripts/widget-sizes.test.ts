import { describe, expect, it } from 'vitest';
import { gzipSize, overGoal, sizeLine } from './widget-sizes.ts';

const baseline = { name: 'lit', minBytes: 16000, gzipBytes: 6144 };

describe('widget size lines', () => {
  it('report ours, the bare-Lit baseline, the ratio and the goal', () => {
    expect(sizeLine({ name: 'crm-lead-form', minBytes: 20000, gzipBytes: 7168 }, baseline)).toBe(
      'bench size-crm-lead-form crm-lead-form min+gz: ours=7.0KB baseline=6.0KB ratio=1.17 goal=<12KB',
    );
    expect(sizeLine({ name: 'crm-hello', minBytes: 20000, gzipBytes: 9216 }, baseline)).toMatch(/goal=n\/a$/);
  });

  it('flag a widget over its goal', () => {
    const widgets = [
      { name: 'crm-lead-form', minBytes: 1, gzipBytes: 13 * 1024 },
      { name: 'crm-calendar', minBytes: 1, gzipBytes: 39 * 1024 },
    ];
    expect(overGoal({ baseline, widgets })).toEqual(['crm-lead-form is 13.0KB min+gz, goal <12KB']);
  });

  it('measure gzip at level 9', () => {
    expect(gzipSize(new Uint8Array(10_000))).toBeLessThan(100);
  });
});
