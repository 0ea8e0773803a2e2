/**
 * @module widgets/crm-commission-review/commission-types
 * The API shapes the commission widgets read (a subset of `GET /api/commission-lines`, its
 * facets, `POST /api/commission-lines/approve`, `GET /api/statements` and
 * `GET /api/pending-statements`), and the line-explanation text in the page's language.
 */
import type { Lang } from '../base/lang.ts';
import type { StatementItem, WaitingStatement } from '../crm-statements/statement-types.ts';

// One definition of a statement's shape, the Statements view's; the review's approvals answer with it too.
export type { StatementItem, WaitingStatement };

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
  /** Names instead of codes; `client` is absent where the user may not see the client's name. */
  names?: { recipient: string; provider?: string; product?: string; advisor?: string; unit?: string; client?: string };
}
export interface RecipientGroup {
  recipientKind: string;
  recipientId: string;
  recipientName: string;
  lines: number;
  totalMinor: number;
  pending: number;
}
export interface LineSummary {
  total: number;
  totalMinor: number;
  approvable: number;
  needAmount: number;
  groups: RecipientGroup[];
}
export interface LinePage {
  items: CommissionLineItem[];
  offset: number;
  limit: number;
  summary?: LineSummary;
}
export interface Choice {
  id: string;
  name: string;
}
export interface LineFacets {
  periods: string[];
  units: Choice[];
  advisors: Choice[];
  partners: Choice[];
  providers: Choice[];
  products: Array<Choice & { providerId: string }>;
}
export interface ApprovalResult {
  approved: string[];
  alreadyApproved: string[];
  statements: StatementItem[];
  waiting: WaitingStatement[];
  skippedNeedAmount?: number;
}

export const explain = (l: CommissionLineItem, lang: Lang): string =>
  (lang === 'en' ? l.explanation.en : l.explanation.pl) ?? '';
