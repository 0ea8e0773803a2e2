/**
 * @module clients/normalize.test
 * What is stored besides the typed fields, on the demo firm's client fields: identifiers in one
 * form whatever the typing (so dedupe and search find them), e-mails trimmed and lower-cased, the
 * display name, and folded words ("Łódź" found by "lodz").
 */
import { describe, expect, it } from 'vitest';
import { demoConfig } from '../../tests/fixtures/small-firm.ts';
import { clientFields } from './fields.ts';
import { displayNameOf, fold, normaliseData, trimInput, words } from './normalize.ts';

const person = clientFields(demoConfig()).person;

describe('clients/normalize', () => {
  it('folds case and Polish diacritics, ł included, and splits words on anything else', () => {
    expect(fold('Łucja Żółkiewska-Łódź')).toBe('lucja zolkiewska-lodz');
    expect(words('  ul. Świętokrzyska 12/4, ŁÓDŹ ')).toEqual(['ul', 'swietokrzyska', '12', '4', 'lodz']);
  });

  it('stores identifiers in one form however they were typed, and leaves other fields as typed', () => {
    const stored = normaliseData(person, {
      pesel: '4405 1401 359',
      phone: '+48 600-100-200',
      email: ' Jan.Kowalski@Poczta.PL ',
      city: 'Gdańsk ',
    });
    expect(stored).toEqual({
      pesel: '44051401359',
      phone: '+48600100200',
      email: 'jan.kowalski@poczta.pl',
      city: 'Gdańsk ',
    });
  });

  it('trims pasted e-mails before validation, and nothing else', () => {
    expect(trimInput(person, { email: '  jan@example.pl\t', lastName: ' Kowalski ' })).toEqual({
      email: 'jan@example.pl',
      lastName: ' Kowalski ',
    });
  });

  it('names a person by the configured fields, skipping empty ones', () => {
    expect(displayNameOf(person, { firstName: ' Jan ', lastName: 'Kowalski' })).toBe('Jan Kowalski');
    expect(displayNameOf(person, { firstName: '  ', lastName: 'Kowalski' })).toBe('Kowalski');
  });
});
