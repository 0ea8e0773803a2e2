/**
 * `<crm-rule-sets>`'s words: the rule checks' problems (English from the server and the CLI) read in
 * Polish for the common kinds, with the rule, ledger, product and dates kept; unknown ones pass through.
 * The widget itself is walked in Chromium by tests/browser/admin-rule-sets.test.ts.
 */
import { expect, it } from 'vitest';
import { problemPl, t } from './words.ts';

it('says an overlap and a gap in Polish with the rule, ledger, product and dates', () => {
  expect(
    problemPl(
      'overlaps rule "aurora-cash-loan" (/rules/7): both would apply on the firm ledger to the same sale from ' +
        '2026-01-01; narrow the conditions or dates, or give the intended one a higher priority',
    ),
  ).toBe(
    'nakłada się na regułę „aurora-cash-loan” (/rules/7): obie objęłyby tę samą sprzedaż w księdze firm od ' +
      '2026-01-01; zawęź warunki lub daty albo nadaj właściwej regule wyższy priorytet',
  );
  expect(
    problemPl(
      'gap in the firm rules for product "aurora-mortgage": nothing applies from 2026-04-01 until 2026-05-01, ' +
        'though rules exist before and after',
    ),
  ).toBe(
    'luka w regułach księgi firm dla produktu „aurora-mortgage”: od 2026-04-01 do 2026-05-01 nie obowiązuje ' +
      'żadna reguła, choć są reguły przed i po',
  );
  expect(problemPl('a rate must not be negative, got -5 bp')).toBe('stawka nie może być ujemna (jest -5 bp)');
  expect(problemPl('something new')).toBe('something new');
});

it('counts sales in the simulation and says "first N of M" when capped', () => {
  expect(t('pl', 'simSales', 3, 3)).toBe('Przeliczono 3 sprzedaże.');
  expect(t('pl', 'simSales', 5, 5)).toBe('Przeliczono 5 sprzedaży.');
  expect(t('pl', 'simSales', 20000, 31000)).toBe('Przeliczono pierwsze 20000 z 31000 sprzedaży.');
  expect(t('en', 'simSales', 20000, 31000)).toBe('The first 20000 of 31000 sales recomputed.');
  expect(t('en', 'field', 'rate')).toBe('rate');
  expect(t('pl', 'field', 'rate')).toBe('stawka');
});
