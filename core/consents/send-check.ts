/**
 * @module consents/send-check
 * The send-time question: may this message about this client go out now? The purposes whose
 * `sends` name the message's outbox purpose decide (all of them must allow it); a message no purpose
 * names is not governed here and the caller keeps its own rule. Partner sharing counts only the
 * purposes that name the partner (or name none).
 */
import { inArray } from 'drizzle-orm';
import { openClientRow } from '../clients/index.ts';
import type { Ctx } from '../context.ts';
import { ledgerRows } from './ledger.ts';
import { purposesOf, type Purpose } from './purposes.ts';
import { derive, refusal, type LedgerEvent } from './state.ts';

export type SendVerdict =
  | { governed: false; allowed: true }
  | {
      governed: true;
      allowed: boolean;
      /**
       * What decided the refusal: the ledger, the legacy client field, no purpose for the partner, or a
       * restriction, objection or erasure recorded by the data-subject requests (`client_restrictions`).
       */
      source: 'ledger' | 'field' | 'basis' | 'none' | 'restriction';
      /** The purpose that refused, and why (names the purpose). */
      purpose?: string;
      reason?: string;
    };

/** The purposes gating a message (an outbox purpose such as `meeting-reminder`). */
export function gatingPurposes(config: Ctx['config'], send: string): Purpose[] {
  return purposesOf(config).filter((p) => p.sends.includes(send));
}

/**
 * Verdicts for many clients at once (a partner report's rows): two queries whatever their number.
 * @example
 * const v = await sendVerdicts(ctx, [clientId], 'meeting-reminder');
 * v.get(clientId) // { governed: true, allowed: false, purpose: 'sms-reminders', reason: 'the client withdrew …' }
 */
export async function sendVerdicts(
  ctx: Ctx,
  clientIds: readonly string[],
  send: string,
  options: { partnerId?: string } = {},
): Promise<Map<string, SendVerdict>> {
  const out = new Map<string, SendVerdict>();
  const gating = gatingPurposes(ctx.config, send);
  const limits = await restrictionsOf(ctx, clientIds);
  const limited = (id: string): SendVerdict | undefined => {
    const kinds = limits.get(id);
    if (kinds?.has('restriction') || kinds?.has('erased'))
      return {
        governed: true,
        allowed: false,
        source: 'restriction',
        reason: kinds.has('erased')
          ? "the client's data was erased (GDPR Art. 17)"
          : 'processing of this client is restricted (GDPR Art. 18): no messages',
      };
    // An objection (Art. 21) stops what rests on a legitimate interest; consents are withdrawn in the ledger.
    const li = gating.find((p) => p.basis === 'legitimate-interest');
    if (kinds?.has('objection') && li)
      return {
        governed: true,
        allowed: false,
        source: 'restriction',
        purpose: li.id,
        reason: `the client objected to processing (GDPR Art. 21): "${li.id}" (${li.label.en})`,
      };
    return undefined;
  };
  if (!gating.length) {
    for (const id of clientIds) out.set(id, limited(id) ?? { governed: false, allowed: true });
    return out;
  }
  const relevant = options.partnerId
    ? gating.filter((p) => !p.partners || p.partners.includes(options.partnerId!))
    : gating;
  if (!relevant.length) {
    const reason = `no purpose covers "${send}" for this partner (${options.partnerId})`;
    for (const id of clientIds) out.set(id, { governed: true, allowed: false, source: 'none', reason });
    return out;
  }
  const rows = await ledgerRows(
    ctx,
    clientIds,
    relevant.map((p) => p.id),
  );
  const events = new Map<string, LedgerEvent[]>();
  for (const r of rows) {
    const list = events.get(r.clientId) ?? [];
    list.push({ purpose: r.purpose, version: r.version, action: r.action, at: r.givenAt });
    events.set(r.clientId, list);
  }
  // The legacy client field is read only for clients the ledger says nothing about.
  const needData = clientIds.filter((id) =>
    relevant.some((p) => p.clientField && !(events.get(id) ?? []).some((e) => e.purpose === p.id)),
  );
  const data = new Map<string, Record<string, unknown>>();
  if (needData.length) {
    const t = ctx.t;
    const found = await ctx.db
      .select({ id: t.clients.id, data: t.clients.data })
      .from(t.clients)
      .where(inArray(t.clients.id, needData));
    for (const c of found) data.set(c.id, openClientRow(ctx, c).data);
  }
  for (const id of clientIds) {
    let verdict: SendVerdict = limited(id) ?? { governed: true, allowed: true, source: 'ledger' };
    for (const p of relevant) {
      if (!verdict.allowed) break;
      const s = derive(p, events.get(id) ?? [], data.get(id) ?? {});
      if (!s.allowsSending) {
        verdict = { governed: true, allowed: false, source: s.source, purpose: p.id, reason: refusal(p, s) };
        break;
      }
    }
    out.set(id, verdict);
  }
  return out;
}

/** Restrictions (Art. 18), objections (Art. 21) and erasures in force, per client. */
async function restrictionsOf(ctx: Ctx, clientIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (!clientIds.length) return out;
  const r = ctx.t.clientRestrictions;
  const rows = await ctx.db
    .select({ clientId: r.clientId, kind: r.kind })
    .from(r)
    .where(inArray(r.clientId, [...clientIds]));
  for (const row of rows) out.set(row.clientId, (out.get(row.clientId) ?? new Set()).add(row.kind));
  return out;
}

/** The verdict for one client. */
export async function sendVerdict(
  ctx: Ctx,
  clientId: string,
  send: string,
  options: { partnerId?: string } = {},
): Promise<SendVerdict> {
  return (await sendVerdicts(ctx, [clientId], send, options)).get(clientId)!;
}
