import { describe, expect, it } from 'vitest';
import { identifierMessage, lengthProblem, readyForCheck } from './identifiers.ts';

describe('new-client form: identifiers before the server sees them', () => {
  it('asks for a duplicate check only once the identifier has all its digits', () => {
    expect(readyForCheck('pesel', '4405140135')).toBeNull();
    expect(readyForCheck('pesel', '4405 1401 359')).toBe('44051401359');
    expect(readyForCheck('nip', 'PL 526-025-02-74')).toBe('5260250274');
    expect(readyForCheck('regon', '12345678')).toBeNull();
    expect(readyForCheck('regon', '123456785')).toBe('123456785');
    expect(readyForCheck('regon', '12345678512347')).toBe('12345678512347');
    expect(readyForCheck('pesel', '4405140135x')).toBeNull();
  });

  it('names the length or character problem of a typed value, leaving checksums to the server', () => {
    expect(lengthProblem('pesel', '4405140')).toBe('pesel.length');
    expect(lengthProblem('pesel', '44051401358')).toBeNull();
    expect(lengthProblem('nip', '52602502x4')).toBe('nip.digits');
    expect(lengthProblem('phone', '600 100 200')).toBe(null);
    expect(lengthProblem('phone', '600 100 20')).toBe('phone.length');
    expect(lengthProblem('phone', '+48 600 100 200')).toBe(null);
    expect(lengthProblem('phone', '600-abc')).toBe('phone.characters');
    expect(lengthProblem('phone', '')).toBe(null);
  });

  it('says why in the page language, by the reason the API names or the kind', () => {
    expect(identifierMessage('pl', 'pesel', 'pesel.checksum')).toBe(
      'Cyfra kontrolna PESEL się nie zgadza; sprawdź, czy nie ma literówki',
    );
    expect(identifierMessage('en', 'pesel', 'pesel.checksum')).toBe(
      'PESEL check digit does not match; look for a typo',
    );
    expect(identifierMessage('pl', 'phone', 'phone.length')).toMatch(/^Polski numer telefonu ma 9 cyfr/);
    // A reason of another kind, or none, falls back to the kind's own sentence.
    expect(identifierMessage('pl', 'nip', 'pesel.length')).toBe('Niepoprawny numer NIP');
    expect(identifierMessage('en', 'regon')).toBe('Invalid REGON');
  });
});
