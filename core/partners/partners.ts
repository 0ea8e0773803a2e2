/**
 * @module partners/partners
 * Partner firms: real-estate agencies, developers, other intermediaries, each with a type from
 * the config, an address, contact e-mails and a commission group for partners. An internal partner
 * is another advisor of the firm: the firm row names that user.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { writeAudit } from '../audit/index.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { invalid, notFound, type FieldProblem } from '../errors.ts';
import { newId, parseNip } from '../ids/index.ts';
import type { Tables, PartnerAddress } from '../storage/index.ts';
import { partnerCondition } from './access.ts';

export type PartnerRow = Tables['partners']['$inferSelect'];
export interface Partner {
  id: string;
  name: string;
  type: string;
  nip: string | null;
  address: PartnerAddress;
  contactEmails: string[];
  commissionGroup: string | null;
  internalUserId: string | null;
  archived: boolean;
  createdAt: Date;
  updatedAt: Date;
}
export interface PartnerInput {
  name: string;
  type: string;
  nip?: string | null;
  address?: PartnerAddress;
  contactEmails?: string[];
  commissionGroup?: string | null;
  internalUserId?: string | null;
}
export type PartnerPatch = Partial<PartnerInput> & { archived?: boolean };

export const toPartner = (r: PartnerRow): Partner => ({
  id: r.id,
  name: r.name,
  type: r.type,
  nip: r.nip,
  address: r.address,
  contactEmails: r.contactEmails,
  commissionGroup: r.commissionGroup,
  internalUserId: r.internalUserId,
  archived: r.archivedAt !== null,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const POSTCODE = /^\d{2}-\d{3}$/;

/**
 * The NIP (checksum, stored as 10 digits) and the postcode (`00-000`) of a partner's input, checked
 * like a client's. Only the fields present are checked, so an old record can still be renamed.
 * @example
 * contactFields({ nip: '526-025-02-74' }) // { nip: '5260250274' }
 */
export function contactFields(input: { nip?: string | null; address?: PartnerAddress }): { nip?: string | null } {
  const problems: FieldProblem[] = [];
  const out: { nip?: string | null } = {};
  if (input.nip !== undefined && input.nip !== null) {
    const r = parseNip(input.nip);
    if (r.ok) out.nip = r.value;
    else problems.push({ path: '/nip', message: r.message });
  } else if (input.nip === null) out.nip = null;
  const code = input.address?.postalCode;
  if (code !== undefined && !POSTCODE.test(code.trim()))
    problems.push({ path: '/address/postalCode', message: 'must be a Polish postcode like 80-123' });
  if (problems.length) throw invalid('The partner is invalid', problems);
  return out;
}

async function assertValid(
  ctx: Ctx,
  p: { type: string; commissionGroup: string | null; internalUserId: string | null },
): Promise<void> {
  const problems: FieldProblem[] = [];
  const type = ctx.config.partners.types[p.type];
  if (!type)
    problems.push({
      path: '/type',
      message: `unknown partner type "${p.type}" (known: ${Object.keys(ctx.config.partners.types).join(', ')})`,
    });
  const group = p.commissionGroup ? ctx.config.commissionGroups[p.commissionGroup] : undefined;
  if (p.commissionGroup && group?.for !== 'partner')
    problems.push({
      path: '/commissionGroup',
      message: `"${p.commissionGroup}" is not a commission group for partners`,
    });
  if (type?.internal && !p.internalUserId)
    problems.push({ path: '/internalUserId', message: 'an internal partner names the advisor who refers' });
  if (type && !type.internal && p.internalUserId)
    problems.push({ path: '/internalUserId', message: 'only an internal partner names a user' });
  if (p.internalUserId) {
    const [u] = await ctx.db
      .select({ id: ctx.t.users.id })
      .from(ctx.t.users)
      .where(and(eq(ctx.t.users.id, p.internalUserId), isNull(ctx.t.users.disabledAt)))
      .limit(1);
    if (!u) problems.push({ path: '/internalUserId', message: 'no active user with this id' });
  }
  if (problems.length) throw invalid('The partner is invalid', problems);
}

/**
 * @example
 * const agency = await createPartner(ctx, { name: 'Bursztyn Nieruchomości', type: 'real-estate-agency',
 *   contactEmails: ['biuro@bursztyn.example.pl'], commissionGroup: 'partner-standard' });
 */
export async function createPartner(ctx: Ctx, input: PartnerInput): Promise<Partner> {
  partnerCondition(ctx, 'partners:write');
  const checked = contactFields(input);
  const row: PartnerRow = {
    id: newId(),
    name: input.name.trim(),
    type: input.type,
    nip: checked.nip ?? null,
    address: input.address ?? {},
    contactEmails: input.contactEmails ?? [],
    commissionGroup: input.commissionGroup ?? null,
    internalUserId: input.internalUserId ?? null,
    archivedAt: null,
    createdAt: ctx.clock.now(),
    updatedAt: ctx.clock.now(),
  };
  await assertValid(ctx, row);
  await inTransaction(ctx, async (tx) => {
    await tx.db.insert(tx.t.partners).values(row);
    await writeAudit(tx, {
      action: 'partner.create',
      entity: 'partner',
      entityId: row.id,
      data: { name: row.name, type: row.type },
    });
  });
  return toPartner(row);
}

/** One partner the actor may see; 404 otherwise (a partner login asking for another firm included). */
export async function getPartner(ctx: Ctx, id: string): Promise<Partner> {
  const { t } = ctx;
  const [row] = await ctx.db
    .select()
    .from(t.partners)
    .where(and(eq(t.partners.id, id), partnerCondition(ctx, 'partners:read')))
    .limit(1);
  if (!row) throw notFound('Partner', id);
  return toPartner(row);
}

export async function listPartners(
  ctx: Ctx,
  filter: { type?: string; includeArchived?: boolean } = {},
): Promise<Partner[]> {
  const { t } = ctx;
  const rows = await ctx.db
    .select()
    .from(t.partners)
    .where(
      and(
        partnerCondition(ctx, 'partners:read'),
        filter.type ? eq(t.partners.type, filter.type) : undefined,
        filter.includeArchived ? undefined : isNull(t.partners.archivedAt),
      ),
    )
    .orderBy(asc(t.partners.name));
  return rows.map(toPartner);
}

export async function updatePartner(ctx: Ctx, id: string, patch: PartnerPatch): Promise<Partner> {
  const { t } = ctx;
  const [cur] = await ctx.db
    .select()
    .from(t.partners)
    .where(and(eq(t.partners.id, id), partnerCondition(ctx, 'partners:write')))
    .limit(1);
  if (!cur) throw notFound('Partner', id);
  // An empty patch is the check "may the actor manage this partner?" (representatives, logins,
  // reports): it changes nothing and audits nothing.
  if (!Object.keys(patch).length) return toPartner(cur);
  const { archived, ...rest } = patch;
  const next: PartnerRow = { ...cur, ...rest, ...contactFields(patch), updatedAt: ctx.clock.now() };
  if (archived !== undefined) next.archivedAt = archived ? (cur.archivedAt ?? ctx.clock.now()) : null;
  await assertValid(ctx, next);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db.update(tx.t.partners).set(next).where(eq(tx.t.partners.id, id)).returning();
    await writeAudit(tx, {
      action: 'partner.update',
      entity: 'partner',
      entityId: id,
      data: { fields: Object.keys(patch) },
    });
    return toPartner(row!);
  });
}
