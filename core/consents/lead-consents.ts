/**
 * @module consents/lead-consents
 * The ledger rows a lead's consents become: one `given` row per consent, with the version the form
 * showed and the SHA-256 of its text, how it came (a web form, a partner, a portal, an import) and
 * the lead's source. Lead intake inserts them in its own batch.
 */
import type { FirmSections } from '../config/index.ts';
import { newId } from '../ids/index.ts';
import type { ConsentMethod } from './state.ts';
import { purposeOf } from './purposes.ts';

/** How a lead's consents came: a public form, a partner's referral, a portal mapping, or an import/API. */
export function methodOfLead(lead: {
  viaPublicKey: boolean;
  partnerId: string | null;
  mapping: string | null;
}): ConsentMethod {
  if (lead.partnerId) return 'partner';
  if (lead.mapping) return 'portal';
  return lead.viaPublicKey ? 'form' : 'import';
}

/**
 * @example
 * const rows = consentRowsForLead(ctx.config, { leadId, clientId, at: now, origin, method: 'form',
 *   leadSource: 'website-form', consents: [{ purpose: 'contact', version: '2026-01' }] });
 * await tx.db.insert(tx.t.leadConsents).values(rows);
 */
export function consentRowsForLead(
  config: Partial<Pick<FirmSections, 'purposes' | 'leads'>>,
  lead: {
    leadId: string;
    clientId: string;
    at: Date;
    origin: string | null;
    method: ConsentMethod;
    leadSource: string | null;
    consents: ReadonlyArray<{ purpose: string; version: string }>;
  },
) {
  return lead.consents.map((c) => {
    // The form shows the Polish text unless it says otherwise (the lead carries no language).
    const text = purposeOf(config, c.purpose)?.versions.find((v) => v.id === c.version);
    return {
      id: newId(),
      leadId: lead.leadId,
      clientId: lead.clientId,
      purpose: c.purpose,
      version: c.version,
      givenAt: lead.at,
      origin: lead.origin,
      action: 'given' as const,
      method: lead.method,
      recordedBy: null,
      leadSource: lead.leadSource,
      textHash: text?.sha256.pl ?? null,
      language: text ? 'pl' : null,
      note: null,
    };
  });
}
