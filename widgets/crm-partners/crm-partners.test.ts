/**
 * `<crm-partners>`'s helpers and words: a NIP is checked like the server does (check digit), e-mails
 * typed with commas or new lines become a list, and both languages name what was sent to whom.
 * The widget itself is walked in Chromium by tests/browser/admin-partners.test.ts.
 */
import { expect, it } from 'vitest';
import { splitEmails, t, validNip } from './words.ts';

it('checks a NIP by its check digit, with or without dashes', () => {
  expect(validNip('526-025-02-74')).toBe(true);
  expect(validNip('5260250274')).toBe(true);
  expect(validNip('526-025-02-75')).toBe(false);
  expect(validNip('12345')).toBe(false);
});

it('splits e-mails typed with commas, semicolons or new lines, once each', () => {
  expect(splitEmails('a@x.pl, b@x.pl\nb@x.pl;  c@x.pl ')).toEqual(['a@x.pl', 'b@x.pl', 'c@x.pl']);
  expect(splitEmails('  ')).toEqual([]);
});

it('says in Polish and English to whom the portal invitation went', () => {
  expect(t('pl', 'invited', 'jola@bursztyn.example')).toBe(
    'Zaproszenie do portalu partnera wysłane do: jola@bursztyn.example.',
  );
  expect(t('en', 'invited', 'jola@bursztyn.example')).toBe('Partner portal invitation sent to: jola@bursztyn.example.');
});
