/**
 * The Statements view's pure helpers: a statement's state, the reason a recipient has no statement
 * yet in both languages (Polish plural forms included), and the recipient search.
 */
import { describe, expect, it } from 'vitest';
import { matchesSearch, stateOf, waitingReason } from './statements-text.ts';

describe('crm-statements text', () => {
  it('a statement is current, replaced by a newer revision, or final once its month is closed', () => {
    expect(stateOf({ supersededAt: null, final: false })).toBe('current');
    expect(stateOf({ supersededAt: null, final: true })).toBe('final');
    expect(stateOf({ supersededAt: '2026-03-31T10:00:00Z', final: true })).toBe('replaced');
  });

  it('says why a statement is missing, with Polish plurals, and when the present one is out of date', () => {
    expect(waitingReason('pl', { pending: 1, statementId: null })).toBe('1 linia czeka na zatwierdzenie');
    expect(waitingReason('pl', { pending: 3, statementId: null })).toBe('3 linie czekają na zatwierdzenie');
    expect(waitingReason('pl', { pending: 5, statementId: null })).toBe('5 linii czeka na zatwierdzenie');
    expect(waitingReason('pl', { pending: 22, statementId: null })).toBe('22 linie czekają na zatwierdzenie');
    expect(waitingReason('en', { pending: 1, statementId: 'x' })).toBe(
      '1 line waiting for approval; the current statement is out of date until they are approved',
    );
  });

  it('finds a recipient by any part of the name or the number, ignoring case and Polish letters', () => {
    const s = { recipientName: 'Łucja Żółtowska', number: 'PR/2026/03/D/0004' };
    expect(matchesSearch(s, 'lucja zoltow')).toBe(true);
    expect(matchesSearch(s, '0004')).toBe(true);
    expect(matchesSearch(s, '')).toBe(true);
    expect(matchesSearch(s, 'anna')).toBe(false);
  });
});
