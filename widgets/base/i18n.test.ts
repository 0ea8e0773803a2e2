import { describe, expect, it } from 'vitest';
import {
  defineTranslations,
  enPlural,
  formatDate,
  formatDateTime,
  formatMoney,
  normalizeLang,
  plPlural,
  t,
} from './i18n.ts';

const nbsp = '\u00a0';

describe('Polish plurals', () => {
  const klient = (n: number) => plPlural(n, 'klient', 'klienci', 'klientów', 'klienta');
  it.each([
    [0, 'klientów'],
    [1, 'klient'],
    [2, 'klienci'],
    [4, 'klienci'],
    [5, 'klientów'],
    [11, 'klientów'],
    [12, 'klientów'],
    [14, 'klientów'],
    [21, 'klientów'],
    [22, 'klienci'],
    [24, 'klienci'],
    [25, 'klientów'],
    [101, 'klientów'],
    [112, 'klientów'],
    [122, 'klienci'],
    [1.5, 'klienta'],
  ])('%d → %s', (n, form) => {
    expect(klient(n)).toBe(form);
  });

  it('are used by the shared messages', () => {
    expect(t('pl', 'clients', 1)).toBe('1 klient');
    expect(t('pl', 'clients', 23)).toBe('23 klienci');
    expect(t('pl', 'clients', 12345)).toBe(`12${nbsp}345 klientów`);
    expect(t('en', 'clients', 1)).toBe('1 client');
    expect(t('en', 'results', 10000, true)).toBe('over 10,000 results');
    expect(enPlural(0, 'client', 'clients')).toBe('clients');
  });
});

describe('translations', () => {
  const tr = defineTranslations({
    pl: { hi: 'Cześć', n: (n: number) => `${n}×` },
    en: { hi: 'Hi', n: (n: number) => `${n} times` },
  });
  it('follow the language of the host', () => {
    expect(tr({ resolvedLang: 'en' }, 'hi')).toBe('Hi');
    expect(tr('pl', 'n', 3)).toBe('3×');
  });
  it('map page language tags onto ours', () => {
    expect(normalizeLang('en-US')).toBe('en');
    expect(normalizeLang('PL_pl')).toBe('pl');
    expect(normalizeLang('de')).toBeUndefined();
  });
});

describe('formatMoney', () => {
  it('formats grosze exactly, grouping thousands', () => {
    expect(formatMoney(123456, 'pl')).toBe(`1${nbsp}234,56${nbsp}zł`);
    expect(formatMoney(5, 'pl')).toBe(`0,05${nbsp}zł`);
    expect(formatMoney(-199, 'pl')).toBe(`-1,99${nbsp}zł`);
    expect(formatMoney(123456, 'en')).toBe(`PLN${nbsp}1,234.56`);
  });
  it('keeps every grosz of amounts beyond float precision', () => {
    expect(formatMoney(900719925474099199n, 'pl')).toBe(
      `9${nbsp}007${nbsp}199${nbsp}254${nbsp}740${nbsp}991,99${nbsp}zł`,
    );
  });
  it('refuses a float', () => {
    expect(() => formatMoney(12.5, 'pl')).toThrow(/integer minor units/);
  });
});

describe('formatDate', () => {
  it('shows an instant as the date in Warsaw', () => {
    expect(formatDate('2026-03-29T22:30:00Z', 'pl')).toBe('30 mar 2026'); // 00:30 CEST
    expect(formatDate('2026-03-29T22:30:00Z', 'en', 'UTC')).toBe('29 Mar 2026');
  });
  it('shows a plain date as written', () => {
    expect(formatDate('1980-01-01', 'pl')).toBe('1 sty 1980');
  });
  it('shows Warsaw wall time across the DST change', () => {
    expect(formatDateTime('2026-03-28T08:00:00Z', 'pl')).toBe('28 mar 2026, 09:00');
    expect(formatDateTime('2026-03-30T07:00:00Z', 'pl')).toBe('30 mar 2026, 09:00');
  });
});
