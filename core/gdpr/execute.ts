/**
 * @module gdpr/execute
 * Carrying out a registered request: the access or portability export (recorded on the request),
 * an erasure (after the DPO confirmed what is kept and why), a restriction or an objection put in
 * force. Each closes the request as done with the decision and its basis; a rectification is made on
 * the client card and then closed by hand (`closeRequest`).
 */
import { requirePermission } from '../access/index.ts';
import { writeAudit } from '../audit/index.ts';
import type { Ctx } from '../context.ts';
import { conflict, invalid } from '../errors.ts';
import { eraseClient } from './erase.ts';
import { exportPerson, type PersonExport } from './export-data.ts';
import { restrictClient } from './restrict.ts';
import { closeRequest, isActive, requestRow, update, type GdprRequest, type RequestRow } from './requests.ts';

const bases = {
  erasure: 'Art. 17(1) GDPR; commission lines and statements kept pseudonymised under Art. 17(3)(b)',
  restriction: 'Art. 18(1) GDPR',
  objection: 'Art. 21(2)–(3) GDPR: no further processing for direct marketing',
} as const;

function clientOf(row: RequestRow): string {
  if (!row.clientId)
    throw conflict('The request is not matched to a client: nothing is held, or match it first', {
      requestId: row.id,
    });
  return row.clientId;
}

/**
 * The export for an access or portability request; the request records when it was produced.
 * @example
 * const data = await requestExport(ctx, requestId); // then personExportPdf(data, 'pl') for the PDF
 */
export async function requestExport(
  ctx: Ctx,
  requestId: string,
  format: 'json' | 'pdf' = 'json',
): Promise<PersonExport> {
  const row = await requestRow(ctx, requestId);
  const data = await exportPerson(ctx, clientOf(row));
  const exports = Array.isArray(row.outcome?.exports) ? (row.outcome.exports as unknown[]) : [];
  await update(ctx, row, {
    outcome: { ...(row.outcome ?? {}), exports: [...exports, { at: data.generatedAt, format }] },
  });
  await writeAudit(ctx, {
    action: 'gdpr.export',
    entity: 'client',
    entityId: row.clientId,
    data: { requestId, format },
  });
  return data;
}

type Kept = Array<{ key?: string; what: string; rows: number }>;
const keptPl: Record<string, string> = {
  sales: 'sprzedaże',
  'commission-lines': 'pozycje prowizyjne (i rozliczające je zestawienia)',
  disclosures: 'informacje przedumowne (data, kwoty, skrót PDF)',
};
/** The decisions the CRM writes itself, in the firm's language (a DPO's own decisions are theirs). */
const decisions = {
  pl: {
    erased: (pseudonym: string, kept: Kept) =>
      `Dane usunięte: klient to teraz „${pseudonym}”; zachowano: ${
        kept.map((k) => `${k.rows} ${(k.key && keptPl[k.key]) ?? k.what}`).join(', ') || 'nic'
      }`,
    restriction: 'Ograniczono przetwarzanie: karta jest tylko do odczytu, żadne wiadomości nie są wysyłane',
    objection: 'Sprzeciw uwzględniony: bez marketingu',
  },
  en: {
    erased: (pseudonym: string, kept: Kept) =>
      `Erased: the client is now "${pseudonym}"; ${
        kept.map((k) => `${k.rows} ${k.what}`).join(', ') || 'nothing'
      } kept`,
    restriction: 'Processing restricted: the record is read-only and no messages are sent',
    objection: 'Objection upheld: no marketing',
  },
};
const languageOf = (ctx: Ctx): 'pl' | 'en' => (ctx.config.firm.locale.startsWith('en') ? 'en' : 'pl');

/**
 * Executes an erasure, restriction or objection request and closes it as done.
 * @example
 * await executeRequest(ctx, requestId, { confirm: true }); // erasure: the client is pseudonymised
 */
export async function executeRequest(
  ctx: Ctx,
  requestId: string,
  input: { confirm?: boolean; basis?: string | null; reason?: string | null } = {},
): Promise<GdprRequest> {
  requirePermission(ctx.actor, 'gdpr:manage');
  const row = await requestRow(ctx, requestId);
  if (!isActive(row)) throw conflict(`The request is already ${row.status}`, { status: row.status });
  const clientId = clientOf(row);
  const basis = input.basis?.trim() || null;
  switch (row.kind) {
    case 'erasure': {
      if (input.confirm !== true)
        throw invalid('Confirm the erasure: it cannot be undone', [{ path: '/confirm', message: 'must be true' }]);
      const r = await eraseClient(ctx, clientId, { requestId, basis: basis ?? bases.erasure });
      return closeRequest(ctx, requestId, {
        status: 'done',
        decision: decisions[languageOf(ctx)].erased(r.pseudonym, r.kept),
        basis: basis ?? bases.erasure,
        outcome: { erasure: { rewritten: r.rewritten, kept: r.kept } },
      });
    }
    case 'restriction':
    case 'objection': {
      await restrictClient(ctx, clientId, row.kind, { requestId, reason: input.reason ?? null });
      return closeRequest(ctx, requestId, {
        status: 'done',
        decision: decisions[languageOf(ctx)][row.kind],
        basis: basis ?? bases[row.kind],
      });
    }
    default:
      throw conflict(
        row.kind === 'rectification'
          ? 'Correct the data on the client card, then close the request with what was changed'
          : 'Produce the export (JSON or PDF) and give it to the person, then close the request',
        { kind: row.kind },
      );
  }
}
