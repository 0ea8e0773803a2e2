import { describe, expect, it } from 'vitest';
import { moneyInputText, parseMoneyInput } from './money-input.ts';

// The full table shared with the server's parseMoney is in tests/security-money-parser.test.ts.
describe('parseMoneyInput', () => {
  it('reads Polish and plain notations as integer grosze, with their sign', () => {
    expect(parseMoneyInput('1 234,56')).toBe(123456);
    expect(parseMoneyInput('1\u00a0234,5')).toBe(123450);
    expect(parseMoneyInput('450000')).toBe(45000000);
    expect(parseMoneyInput('0.07')).toBe(7);
    expect(parseMoneyInput(' 12 zł ')).toBe(1200);
    expect(parseMoneyInput('-12,50')).toBe(-1250);
  });
  it('refuses what it would have to guess', () => {
    for (const bad of ['', '12,345', '1 2 3 4', 'abc', '--5', '1e6']) expect(parseMoneyInput(bad)).toBeNull();
  });
  it('round-trips through the input text', () => {
    expect(moneyInputText(123456)).toBe('1 234,56');
    expect(parseMoneyInput(moneyInputText(45000000))).toBe(45000000);
    expect(parseMoneyInput(moneyInputText(-50))).toBe(-50);
  });
});
