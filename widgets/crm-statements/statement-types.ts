/**
 * @module widgets/crm-statements/statement-types
 * The API shapes the Statements view reads: `GET /api/statements` and `GET /api/pending-statements`.
 */

export interface StatementItem {
  id: string;
  number: string;
  ledger: string;
  period: string;
  recipientKind?: string;
  recipientName: string;
  revision?: number;
  totalMinor: number;
  lineCount: number;
  createdAt?: string;
  supersededAt?: string | null;
  openInquiries?: number;
  /** Its month is closed: the statement will not change. */
  final?: boolean;
}

/** A recipient whose statement for a month is not produced (or out of date): its lines still wait. */
export interface WaitingStatement {
  ledger: string;
  period: string;
  recipientKind: string;
  recipientId: string;
  recipientName: string;
  pending: number;
  /** The out-of-date statement, when there is one. */
  statementId?: string | null;
}
