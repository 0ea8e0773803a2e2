import { describe, expect, it } from 'vitest';
import { contrastRatio, luminance, parseColor, readableTextOn } from './contrast.ts';

const ratio = (a: string, b: string) => contrastRatio(luminance(parseColor(a)!), luminance(parseColor(b)!));

describe('readable text on a config colour', () => {
  it('gives every status colour of the demo firm text of at least 4.5:1 (white alone read 2.27:1 on some)', () => {
    const demo = ['#06b6d4', '#0ea5e9', '#15803d', '#166534', '#22c55e', '#6366f1', '#64748b', '#8b5cf6'].concat([
      '#a855f7',
      '#dc2626',
      '#f97316',
    ]);
    for (const bg of demo) {
      const text = readableTextOn(bg)!;
      expect(ratio(text, bg), `${text} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('reaches 4.5:1 on any colour a firm may configure (a sweep of the RGB cube)', () => {
    for (let r = 0; r < 256; r += 15)
      for (let g = 0; g < 256; g += 15)
        for (let b = 0; b < 256; b += 15) {
          const bg = `rgb(${r}, ${g}, ${b})`;
          expect(ratio(readableTextOn(bg)!, bg)).toBeGreaterThanOrEqual(4.5);
        }
  });

  it('keeps white on dark colours and black on light ones', () => {
    expect(readableTextOn('#1e3a8a')).toBe('#fff');
    expect(readableTextOn('#fde68a')).toBe('#000');
    expect(readableTextOn('rgb(21, 128, 61)')).toBe('#fff');
  });

  it('reads #rgb, #rrggbb and rgb(); leaves other notations to the stylesheet', () => {
    expect(parseColor('#0f0')).toEqual([0, 255, 0]);
    expect(parseColor(' #22C55E ')).toEqual([34, 197, 94]);
    expect(parseColor('rgba(1, 2, 3, 0.5)')).toEqual([1, 2, 3]);
    expect(readableTextOn('teal')).toBeNull();
    expect(readableTextOn('var(--x)')).toBeNull();
  });

  it('computes the WCAG ratios people check with: black on white is 21:1, #767676 on white 4.54:1', () => {
    expect(ratio('#000', '#fff')).toBeCloseTo(21, 5);
    expect(ratio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });
});
