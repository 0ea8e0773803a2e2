/**
 * What the review says after an approval, in both languages: how many lines, which statements it
 * produced, and for each recipient still without one, why (how many lines wait) — the answer to
 * "Nowe zestawienia: 0" with no reason. Also the pager's numbers.
 */
import { describe, expect, it } from 'vitest';
import type { ApprovalResult } from './commission-types.ts';
import { approvalText, LISTED, pageInfo } from './review-text.ts';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const result = (over: Partial<ApprovalResult>): ApprovalResult => ({
  approved: [],
  alreadyApproved: [],
  statements: [],
  waiting: [],
  ...over,
});
const waiting = (name: string, pending: number) => ({
  ledger: 'firm',
  period: '2026-03',
  recipientKind: 'provider',
  recipientId: name,
  recipientName: name,
  pending,
});

describe('review text', () => {
  it('names the statements made and the recipients still waiting, with the reason', () => {
    const r = approvalText(
      'pl',
      result({
        approved: ['a', 'b', 'c'],
        statements: [
          {
            id: 's',
            number: 'PR/2026/03/D/0001',
            ledger: 'advisor',
            period: '2026-03',
            recipientName: 'Anna Nowak',
            totalMinor: 280_000,
            lineCount: 2,
          },
        ],
        waiting: [waiting('Bank Aurora', 3)],
      }),
    );
    expect(r.headline).toBe('Zatwierdzono 3 linie. Nowe zestawienia (1):');
    expect(r.statements.map(nbsp)).toEqual(['Anna Nowak — 2026-03 — 2 800,00 zł']);
    expect(r.waiting).toEqual(['Bank Aurora — 2026-03: 3 linie czekają na zatwierdzenie']);
  });

  it('says that no statement came and why, and what was skipped, in English too', () => {
    const r = approvalText(
      'en',
      result({ approved: ['a'], waiting: [waiting('Bank Aurora', 1)], skippedNeedAmount: 2 }),
    );
    expect(r.headline).toBe(
      '1 line approved. 2 lines without a rule still waiting for an amount. No new statement was produced.',
    );
    expect(r.waiting).toEqual(['Bank Aurora — 2026-03: 1 line waiting for approval']);
    expect(approvalText('pl', result({})).headline).toBe('Nic nie zatwierdzono: te linie są już zatwierdzone.');
  });

  it('lists at most a few names and counts the rest', () => {
    const many = Array.from({ length: LISTED + 7 }, (_, i) => waiting(`Bank ${i}`, 12));
    const r = approvalText('pl', result({ approved: ['a'], waiting: many }));
    expect(r.waiting.length).toBe(LISTED);
    expect(r.waiting[0]).toBe('Bank 0 — 2026-03: 12 linii czeka na zatwierdzenie');
    expect(r.moreWaiting).toBe('…i jeszcze 7');
  });

  it('pages: 485 lines by 50 are 10 pages, the third shows lines 101–150, the last 451–485', () => {
    expect(pageInfo(100, 50, 485)).toEqual({ page: 3, pages: 10, from: 101, to: 150 });
    expect(pageInfo(450, 50, 485)).toEqual({ page: 10, pages: 10, from: 451, to: 485 });
    expect(pageInfo(0, 50, 0)).toEqual({ page: 1, pages: 1, from: 0, to: 0 });
  });
});
