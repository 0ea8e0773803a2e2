/**
 * `<crm-api-keys>`'s words: the warnings a person must not miss say the same thing in both
 * languages (the key is shown once; a revoked key stops at once), and names reach the messages.
 * The widget itself is walked in Chromium by tests/browser/admin-people-more.test.ts.
 */
import { expect, it } from 'vitest';
import { t } from './words.ts';

it('warns in Polish and English that the key is shown once and that revoking stops it at once', () => {
  expect(t('pl', 'onceWarning')).toMatch(/tylko raz/);
  expect(t('en', 'onceWarning')).toMatch(/only once/);
  expect(t('pl', 'revokeAsk')).toMatch(/od razu/);
  expect(t('en', 'revokeAsk')).toMatch(/at once/);
});

it('names the key and the limits in its messages', () => {
  expect(t('pl', 'created', 'Portal Otodom')).toBe('Utworzono klucz „Portal Otodom”.');
  expect(t('en', 'revokedOk', 'Portal Otodom')).toBe('Key “Portal Otodom” revoked: it no longer works.');
  expect(t('pl', 'pickPermissions', 10)).toBe('Wybierz od 1 do 10 uprawnień.');
});
