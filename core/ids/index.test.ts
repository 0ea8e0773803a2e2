import { describe, expect, it } from 'vitest';
import { identifierMessages, identifierValidators } from './index.ts';

describe('identifierValidators', () => {
  it('maps each kind to its validator', () => {
    expect(identifierValidators.pesel('44051401359').ok).toBe(true);
    expect(identifierValidators.nip('526-025-02-74')).toEqual({ ok: true, value: '5260250274' });
    expect(identifierValidators.regon('123456785').ok).toBe(true);
    expect(identifierValidators.iban('PL61109010140000071219812874').ok).toBe(true);
    expect(identifierValidators.pesel('5260250274').ok).toBe(false);
  });

  it('has a Polish message for every failure key', () => {
    const failure = identifierValidators.pesel('44051401358');
    expect(failure.ok).toBe(false);
    if (!failure.ok) expect(identifierMessages.pl[failure.messageKey]).toMatch(/^Cyfra kontrolna PESEL/);
    expect(Object.keys(identifierMessages.pl).sort()).toEqual(Object.keys(identifierMessages.en).sort());
  });
});
