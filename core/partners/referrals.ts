/**
 * @module partners/referrals
 * A partner submits a referral from its portal: the lead form in partner mode. The partner firm and
 * the representative come from the signed-in login, never from the form; the client type and source
 * follow the partner's kind (the config's external-referral source of that id); the partner's own
 * reference (its label or number) is kept with the lead, unique per partner (a second use is a 409
 * naming `/reference`). The lead then goes through intake like any other: dedupe, referral
 * protection, assignment and the advisor's notice.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { conflict, CrmError, forbidden, invalid } from '../errors.ts';
import { formConfig, receiveLead, type FormConsent, type FormField } from '../leads/index.ts';
import type { FirmSections } from '../config/index.ts';

/** What the lead form needs in partner mode: the fields and consents, and the reference's rule. */
export interface ReferralForm {
  kind: 'person';
  fields: FormField[];
  consents: FormConsent[];
  reference: { maxLength: number; pattern: string };
}

/** The reference a partner types: letters, digits and ` ./_-`, as partner references of the lead API. */
export const REFERENCE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9 ./_-]*$';

export interface ReferralInput {
  reference: string;
  data: Record<string, unknown>;
  consents?: Array<{ purpose: string; version: string }>;
}

function partnerLogin(ctx: Ctx): { partnerId: string; userId: string } {
  if (!ctx.actor.partnerId || !ctx.actor.userId) throw forbidden('Referrals are submitted by partner logins');
  return { partnerId: ctx.actor.partnerId, userId: ctx.actor.userId };
}

/**
 * The client type and source of a partner's referral: the source with the partner's kind as its id
 * and `referral: "external"`, else the first external-referral source of any type.
 */
export function referralClassification(
  config: Pick<FirmSections, 'clients' | 'leads'>,
  partnerType: string,
): { clientType: string; source: string | null } {
  const types = config.clients.types as Record<string, { sources?: Record<string, { referral?: string }> }>;
  let first: { clientType: string; source: string } | null = null;
  for (const [clientType, t] of Object.entries(types))
    for (const [source, s] of Object.entries(t.sources ?? {})) {
      if (s.referral !== 'external') continue;
      if (source === partnerType) return { clientType, source };
      first ??= { clientType, source };
    }
  return first ?? { clientType: config.leads.clientType, source: null };
}

/**
 * @example
 * const form = referralForm(await crm.asUser(partnerUserId)); // { fields, consents, reference }
 */
export function referralForm(ctx: Ctx): ReferralForm {
  partnerLogin(ctx);
  const f = formConfig(ctx.config, ctx.secret, { id: 'partner-portal' } as Parameters<typeof formConfig>[2], 0);
  return {
    kind: 'person',
    fields: f.fields,
    consents: f.consents,
    reference: { maxLength: 64, pattern: REFERENCE_PATTERN },
  };
}

/**
 * Submit a referral as the signed-in partner login. 422 for bad fields (paths `/data/…`,
 * `/reference`), 409 when the partner already used the reference.
 * @example
 * const r = await submitReferral(await crm.asUser(partnerUserId), {
 *   reference: 'BN-2026-051', data: { firstName: 'Ewa', lastName: 'Lis', phone: '601 234 567' },
 *   consents: [{ purpose: 'contact', version: '2026-01' }] }, { idempotencyKey: 'a1b2…' });
 * r.body // { id, reference: 'BN-2026-051', received: true }
 */
export async function submitReferral(
  ctx: Ctx,
  input: ReferralInput,
  options: { idempotencyKey?: string; bodyHash?: string } = {},
) {
  const { partnerId, userId } = partnerLogin(ctx);
  const reference = typeof input.reference === 'string' ? input.reference.trim() : '';
  if (!reference || reference.length > 64 || !new RegExp(REFERENCE_PATTERN).test(reference))
    throw invalid('Give your own reference for this referral', [
      { path: '/reference', message: 'required: up to 64 letters, digits, spaces and . / _ -' },
    ]);
  const { t } = ctx;
  const [partner] = await ctx.db
    .select({ type: t.partners.type })
    .from(t.partners)
    .where(and(eq(t.partners.id, partnerId), isNull(t.partners.archivedAt)))
    .limit(1);
  if (!partner) throw forbidden('This partner is archived');
  const [person] = await ctx.db
    .select({ id: t.partnerPeople.id })
    .from(t.partnerPeople)
    .where(
      and(
        eq(t.partnerPeople.partnerId, partnerId),
        eq(t.partnerPeople.userId, userId),
        isNull(t.partnerPeople.archivedAt),
      ),
    )
    .limit(1);
  const { clientType, source } = referralClassification(ctx.config, partner.type);
  const lead = receiveLead(
    ctx,
    { kind: 'actor', actor: ctx.actor },
    {
      clientType,
      ...(source ? { source } : {}),
      data: input.data,
      ...(input.consents ? { consents: input.consents } : {}),
      partner: { id: partnerId, ...(person ? { personId: person.id } : {}), reference },
    },
    options,
  );
  // Intake names the lead API's field; the portal's form calls it `reference`.
  return lead.catch((e: unknown) => {
    if (e instanceof CrmError && e.code === 'conflict' && JSON.stringify(e.details).includes('/partner/reference'))
      throw conflict(e.message, { problems: [{ path: '/reference', message: 'already used for another referral' }] });
    throw e;
  });
}
