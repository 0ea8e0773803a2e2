/**
 * @module widgets/crm-commission-review/commission-types
 * The API shapes the commission widgets read (a subset of `GET /api/commission-lines` and
 * `GET /api/statements`), and the line-explanation text in the page's language.
 */
import type { Lang } from '../base/lang.ts';

export interface CommissionLineItem {
  id: string;
  saleId: string;
  ledger: string;
  kind: string;
  status: 'proposed' | 'corrected' | 'approved';
  beneficiaryKind: string;
  beneficiaryId: string;
  amountMinor: number;
  originalMinor: number;
  correctionReason: string | null;
  missing: boolean;
  ruleId: string | null;
  ruleVersion: number | null;
  period: string;
  explanation: { pl?: string; en?: string };
  sale: { provider: string; product: string; amountMinor: number; saleDate: string };
}
export interface StatementItem {
  id: string;
  number: string;
  ledger: string;
  period: string;
  recipientName: string;
  totalMinor: number;
  lineCount: number;
}

export const explain = (l: CommissionLineItem, lang: Lang): string =>
  (lang === 'en' ? l.explanation.en : l.explanation.pl) ?? '';
