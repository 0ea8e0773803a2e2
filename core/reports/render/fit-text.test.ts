import { describe, expect, it } from 'vitest';
import { ellipsize, fitText } from './fit-text.ts';

// Every character is 5 units wide, so widths are easy to reason about.
const mono = (s: string) => Array.from(s).length * 5;

describe('fitText', () => {
  it('keeps short text on one line', () => {
    expect(fitText('Zażółć', 100, mono, 3)).toEqual(['Zażółć']);
    expect(fitText('', 100, mono, 3)).toEqual(['']);
  });

  it('wraps at spaces and never exceeds the width', () => {
    const lines = fitText('Kredyt hipoteczny z dopłatą do wkładu', 60, mono, 5);
    expect(lines).toEqual(['Kredyt', 'hipoteczny z', 'dopłatą do', 'wkładu']);
    for (const line of lines) expect(mono(line)).toBeLessThanOrEqual(60);
  });

  it('cuts the last allowed line with an ellipsis when text is left over', () => {
    const lines = fitText('Kredyt hipoteczny z dopłatą do wkładu', 60, mono, 2);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('Kredyt');
    expect(lines[1]).toMatch(/…$/);
    expect(mono(lines[1]!)).toBeLessThanOrEqual(60);
  });

  it('breaks a word wider than the column', () => {
    const lines = fitText('PL61109010140000071219812874', 50, mono, 4);
    expect(lines[0]).toBe('PL61109010');
    expect(lines.join('').replace('…', '').length).toBeGreaterThan(20);
  });
});

describe('ellipsize', () => {
  it('returns fitting text unchanged and cuts the rest', () => {
    expect(ellipsize('abc', 15, mono)).toBe('abc');
    expect(ellipsize('abcdef', 20, mono)).toBe('abc…');
    expect(ellipsize('abcdef', 3, mono)).toBe('');
  });
});
