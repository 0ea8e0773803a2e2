/**
 * @module reconciliation/match
 * The pure matching of received payments to expected firm-ledger commissions, in three passes so a
 * strong match is never taken by a weak one: the provider's reference, then the client's keyed
 * identifier (the closest amount among that client's sales), then amount and date within the
 * tolerances. Each match is `matched`, `short-paid` or `over-paid`; a payment nothing matched is
 * `unexpected`, an expected commission nothing paid is `missing`.
 */

export type Outcome = 'matched' | 'short-paid' | 'over-paid' | 'unexpected' | 'missing';

export interface ExpectedSale {
  saleId: string;
  /** The firm-ledger line a difference is booked against. */
  lineId: string;
  saleDate: string;
  /** Net of every firm-ledger line of the sale in the month (proposal, adjustments, clawbacks). */
  expectedMinor: number;
  /** References the provider may quote for it: the sale id, the client's loan number… */
  references: string[];
  /** Keyed hashes of the client's identifiers. */
  identifierHashes: string[];
}

export interface ReceivedPayment {
  line: number;
  reference: string | null;
  identifierHash: string | null;
  amountMinor: number;
  paidOn: string | null;
}

export interface MatchedRow {
  line: number | null;
  outcome: Outcome;
  matchedBy: 'reference' | 'identifier' | 'amount-date' | null;
  saleId: string | null;
  lineId: string | null;
  receivedMinor: number;
  expectedMinor: number;
  differenceMinor: number;
}

export interface Tolerances {
  toleranceMinor: number;
  dateToleranceDays: number;
}

const days = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 864e5;

/**
 * @example
 * matchPayments(expected, received, { toleranceMinor: 100, dateToleranceDays: 45 });
 * // [{ line: 2, outcome: 'short-paid', saleId: 's-1', receivedMinor: 600_000, expectedMinor: 675_000, ... }, ...]
 */
export function matchPayments(
  expected: readonly ExpectedSale[],
  received: readonly ReceivedPayment[],
  t: Tolerances,
): MatchedRow[] {
  const taken = new Map<number, { sale: ExpectedSale; by: MatchedRow['matchedBy'] }>();
  const free = new Set(expected);
  const take = (p: ReceivedPayment, sale: ExpectedSale | undefined, by: MatchedRow['matchedBy']) => {
    if (!sale) return;
    taken.set(p.line, { sale, by });
    free.delete(sale);
  };
  const closest = (p: ReceivedPayment, sales: ExpectedSale[]) =>
    sales.sort(
      (a, b) =>
        Math.abs(a.expectedMinor - p.amountMinor) - Math.abs(b.expectedMinor - p.amountMinor) ||
        a.saleDate.localeCompare(b.saleDate) ||
        a.saleId.localeCompare(b.saleId),
    )[0];
  for (const p of received)
    if (p.reference)
      take(
        p,
        [...free].find((s) => s.references.includes(p.reference!)),
        'reference',
      );
  for (const p of received)
    if (!taken.has(p.line) && p.identifierHash)
      take(
        p,
        closest(
          p,
          [...free].filter((s) => s.identifierHashes.includes(p.identifierHash!)),
        ),
        'identifier',
      );
  for (const p of received)
    if (!taken.has(p.line))
      take(
        p,
        closest(
          p,
          [...free].filter((s) => {
            if (Math.abs(s.expectedMinor - p.amountMinor) > t.toleranceMinor) return false;
            if (!p.paidOn) return true;
            const d = days(s.saleDate, p.paidOn);
            return d >= 0 && d <= t.dateToleranceDays;
          }),
        ),
        'amount-date',
      );

  const rows: MatchedRow[] = received.map((p) => {
    const m = taken.get(p.line);
    const expectedMinor = m?.sale.expectedMinor ?? 0;
    const differenceMinor = p.amountMinor - expectedMinor;
    const outcome: Outcome = !m
      ? 'unexpected'
      : Math.abs(differenceMinor) <= t.toleranceMinor
        ? 'matched'
        : differenceMinor < 0
          ? 'short-paid'
          : 'over-paid';
    return {
      line: p.line,
      outcome,
      matchedBy: m?.by ?? null,
      saleId: m?.sale.saleId ?? null,
      lineId: m?.sale.lineId ?? null,
      receivedMinor: p.amountMinor,
      expectedMinor,
      differenceMinor,
    };
  });
  for (const s of expected)
    if (free.has(s) && s.expectedMinor !== 0)
      rows.push({
        line: null,
        outcome: 'missing',
        matchedBy: null,
        saleId: s.saleId,
        lineId: s.lineId,
        receivedMinor: 0,
        expectedMinor: s.expectedMinor,
        differenceMinor: -s.expectedMinor,
      });
  return rows;
}

export interface OutcomeTotal {
  count: number;
  expectedMinor: number;
  receivedMinor: number;
  differenceMinor: number;
}

/** Totals per outcome and overall, in integer grosze. */
export function totalsOf(rows: ReadonlyArray<Pick<MatchedRow, 'outcome' | 'expectedMinor' | 'receivedMinor'>>) {
  const zero = (): OutcomeTotal => ({ count: 0, expectedMinor: 0, receivedMinor: 0, differenceMinor: 0 });
  const byOutcome: Record<Outcome, OutcomeTotal> = {
    matched: zero(),
    'short-paid': zero(),
    'over-paid': zero(),
    unexpected: zero(),
    missing: zero(),
  };
  const all = zero();
  for (const r of rows)
    for (const t of [byOutcome[r.outcome], all]) {
      t.count++;
      t.expectedMinor += r.expectedMinor;
      t.receivedMinor += r.receivedMinor;
      t.differenceMinor += r.receivedMinor - r.expectedMinor;
    }
  return { ...all, byOutcome };
}
