import { describe, expect, it } from 'vitest';
import { categoriesOf, categoryLabel, findProduct, productsFor, providersFor } from './catalogue.ts';

const catalogue = [
  {
    id: 'bank-aurora',
    name: 'Bank Aurora',
    kind: 'bank',
    products: [
      { id: 'aurora-mortgage', name: 'Kredyt hipoteczny', category: 'mortgage' },
      { id: 'aurora-cash-loan', name: 'Kredyt gotówkowy', category: 'cash-loan' },
    ],
  },
  {
    id: 'tu-tarcza',
    name: 'TU Tarcza',
    kind: 'insurer',
    products: [{ id: 'tarcza-life', name: 'Na życie', category: 'insurance' }],
  },
];

describe('the sale form catalogue', () => {
  it('lists categories once, in catalogue order, with labels for the usual ones', () => {
    expect(categoriesOf(catalogue)).toEqual(['mortgage', 'cash-loan', 'insurance']);
    expect(categoryLabel('mortgage', 'pl')).toBe('Kredyt hipoteczny');
    expect(categoryLabel('mortgage', 'en')).toBe('Mortgage');
    expect(categoryLabel('own-category', 'pl')).toBe('own-category');
  });
  it('offers only providers and products of the chosen category', () => {
    expect(providersFor(catalogue, 'insurance').map((p) => p.id)).toEqual(['tu-tarcza']);
    expect(providersFor(catalogue, '').map((p) => p.id)).toEqual(['bank-aurora', 'tu-tarcza']);
    expect(productsFor(catalogue, 'bank-aurora', 'cash-loan').map((p) => p.id)).toEqual(['aurora-cash-loan']);
    expect(productsFor(catalogue, 'bank-aurora', '').map((p) => p.id)).toEqual(['aurora-mortgage', 'aurora-cash-loan']);
    expect(productsFor(catalogue, 'tu-tarcza', 'mortgage')).toEqual([]);
    expect(productsFor(catalogue, 'no-such-bank', '')).toEqual([]);
  });
  it('finds a product and its provider by the product id alone (a carried-over value)', () => {
    expect(findProduct(catalogue, 'tarcza-life')?.provider.id).toBe('tu-tarcza');
    expect(findProduct(catalogue, 'Kredyt hipoteczny')).toBeUndefined();
  });
});
