import { describe, expect, it } from 'vitest';
import { enumLabel, formFields, parseField, zlotyLabel } from './schema-form.ts';

const schema = {
  type: 'object',
  properties: {
    legalForm: {
      type: 'string',
      enum: ['sp-zoo', 'inna'],
      'x-crm-enum-labels': { 'sp-zoo': { pl: 'Spółka z o.o.', en: 'Limited liability company' } },
    },
    amountMinor: {
      type: 'integer',
      minimum: 100,
      'x-crm-label': { pl: 'Kwota kredytu (gr)', en: 'Loan amount (grosze)' },
    },
  },
};

describe('schema-form labels', () => {
  it('labels pick-list values from x-crm-enum-labels in the page language, else shows the value', () => {
    const [legalForm] = formFields(schema, 'pl');
    expect(legalForm!.optionLabels).toEqual(['Spółka z o.o.', 'inna']);
    expect(formFields(schema, 'en')[0]!.optionLabels).toEqual(['Limited liability company', 'inna']);
    expect(enumLabel(schema.properties.legalForm, 'sp-zoo', 'en')).toBe('Limited liability company');
    expect(enumLabel(schema.properties.legalForm, 'toString', 'pl')).toBe('toString');
    expect(enumLabel(undefined, 'x', 'pl')).toBe('x');
  });
  it('never labels a money input in grosze: people type złoty there', () => {
    expect(formFields(schema, 'pl')[1]!.label).toBe('Kwota kredytu');
    expect(formFields(schema, 'en')[1]!.label).toBe('Loan amount');
    expect(zlotyLabel('Dochód netto miesięcznie (grosze)')).toBe('Dochód netto miesięcznie');
    expect(zlotyLabel('Kwota')).toBe('Kwota');
  });
  it('reads złoty as people type them into grosze, and says why 0, a negative or garbage is refused', () => {
    const amount = formFields(schema, 'pl')[1]!;
    expect(parseField(amount, '450 000,00 zł', 'pl')).toEqual({ value: 45_000_000 });
    expect(parseField(amount, '450000', 'pl')).toEqual({ value: 45_000_000 });
    expect(parseField(amount, '450 000,5', 'pl')).toEqual({ value: 45_000_050 });
    expect(parseField(amount, '0', 'pl')).toEqual({ error: 'Najmniej 1,00 zł' });
    expect(parseField(amount, '-450 000', 'pl')).toEqual({ error: 'Najmniej 1,00 zł' });
    expect(parseField(amount, 'czterysta tysięcy', 'pl')).toEqual({ error: 'Wpisz kwotę, np. 1 234,56' });
    expect(parseField(amount, 'abc', 'en')).toEqual({ error: 'Enter an amount, e.g. 1 234.56' });
  });
});
