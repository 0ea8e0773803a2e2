/**
 * `<crm-referral-conflicts>`'s words: both languages say what a decision changes (the partner
 * credited from now on) and name the client and the winner. The widget itself is walked in
 * Chromium by tests/browser/referral-conflict.test.ts.
 */
import { expect, it } from 'vitest';
import { t } from './words.ts';

it('says in Polish and English that the winner is credited on sales from now on', () => {
  expect(t('pl', 'intro')).toMatch(/prowizję od sprzedaży zapisanych od teraz/);
  expect(t('en', 'intro')).toMatch(/commission on sales recorded from now on/);
});

it('names the client, the winner and who decided', () => {
  expect(t('pl', 'decided', 'Ewa Polecona', 'Osiedle Zielone')).toBe(
    'Konflikt rozstrzygnięty: Ewa Polecona — wygrywa Osiedle Zielone.',
  );
  expect(t('en', 'resolvedBy', 'Katarzyna Lewandowska', '6 Dec 2026')).toBe(
    'Resolved by Katarzyna Lewandowska, 6 Dec 2026',
  );
  expect(t('pl', 'needNote')).toBe('Wpisz uzasadnienie decyzji.');
});
