/**
 * @module partners/report-recheck
 * The outbox worker's send-time check for `partner-report` e-mails: a report queued before a client
 * withdrew consent to (or objected to) sharing with this partner is not sent. The report lists each
 * client as a line `- <reference>: …`; every client of the partner found there is checked against the
 * purposes now (core/consents). A refused report is skipped with the reason; sending it again
 * (`sendPartnerReportNow`) builds it without that client.
 */
import { sendVerdicts } from '../consents/index.ts';
import type { Ctx } from '../context.ts';
import type { RecheckResult } from '../notifications/index.ts';
import { referredClientsOf } from './portal.ts';
import { PARTNER_REPORT_PURPOSE } from './report.ts';

/**
 * @example
 * createOutboxWorker(runtime, { email, recheck: { 'partner-report': recheckPartnerReport } });
 */
export async function recheckPartnerReport(
  ctx: Ctx,
  row: { subject: string | null; payload: { kind: string; text?: string } },
): Promise<RecheckResult> {
  const m = /^partner:([^:]+)$/.exec(row.subject ?? '');
  if (!m || row.payload.kind !== 'email') return { ok: true };
  const partnerId = m[1]!;
  const text = row.payload.text ?? '';
  const listed = (await referredClientsOf(ctx, partnerId)).filter((c) => text.includes(`\n- ${c.reference}: `));
  if (!listed.length) return { ok: true };
  const verdicts = await sendVerdicts(
    ctx,
    listed.map((c) => c.id),
    PARTNER_REPORT_PURPOSE,
    { partnerId },
  );
  const refused = listed.find((c) => verdicts.get(c.id)?.allowed === false);
  if (!refused) return { ok: true };
  const why = (verdicts.get(refused.id) as { reason?: string }).reason ?? 'sharing is not allowed';
  return {
    ok: false,
    reason: `client ${refused.reference}: ${why}; the report was not sent (send it again to leave them out)`,
  };
}
