import { describe, expect, it } from 'vitest';
import { normalizeEmail } from './email.ts';

describe('normalizeEmail', () => {
  it('trims and lowercases, so sign-in and uniqueness see one spelling', () => {
    expect(normalizeEmail('  Anna.Nowak@Example.PL ')).toBe('anna.nowak@example.pl');
    expect(normalizeEmail('anna.nowak@example.pl')).toBe(normalizeEmail('ANNA.NOWAK@EXAMPLE.PL'));
  });
});
