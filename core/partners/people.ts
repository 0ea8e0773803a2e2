/**
 * @module partners/people
 * A partner firm's representatives: the people who refer clients. A representative may get a login
 * (a user with the config's partner role, `partnerId` set), which sees only the firm's referred
 * clients through the partner portal.
 */
import { and, asc, eq } from 'drizzle-orm';
import { writeAudit } from '../audit/index.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { newId, parsePhone } from '../ids/index.ts';
import { createUser, inviteUser, type User } from '../org/index.ts';
import type { Tables } from '../storage/index.ts';
import { getPartner, updatePartner } from './partners.ts';

export type PartnerPersonRow = Tables['partnerPeople']['$inferSelect'];
export interface PartnerPerson {
  id: string;
  partnerId: string;
  name: string;
  email: string | null;
  phone: string | null;
  userId: string | null;
  archived: boolean;
  createdAt: Date;
}

const toPerson = (r: PartnerPersonRow): PartnerPerson => ({
  id: r.id,
  partnerId: r.partnerId,
  name: r.name,
  email: r.email,
  phone: r.phone,
  userId: r.userId,
  archived: r.archivedAt !== null,
  createdAt: r.createdAt,
});

/** A representative's phone number, checked and stored normalised (+48…), like a client's; 422 otherwise. */
function checkedPhone(phone: string | null | undefined): string | null {
  if (phone === undefined || phone === null || phone.trim() === '') return null;
  const r = parsePhone(phone);
  if (!r.ok) throw invalid('The phone number is invalid', [{ path: '/phone', message: r.message }]);
  return r.value;
}

/**
 * @example
 * const jola = await addPartnerPerson(ctx, agency.id, { name: 'Jolanta Bursztyn', email: 'jola@bursztyn.example.pl' });
 */
export async function addPartnerPerson(
  ctx: Ctx,
  partnerId: string,
  input: { name: string; email?: string | null; phone?: string | null },
): Promise<PartnerPerson> {
  await updatePartner(ctx, partnerId, {}); // 404 unless the actor may manage this partner
  const phone = checkedPhone(input.phone);
  const row: PartnerPersonRow = {
    id: newId(),
    partnerId,
    name: input.name.trim(),
    email: input.email?.trim().toLowerCase() ?? null,
    phone,
    userId: null,
    archivedAt: null,
    createdAt: ctx.clock.now(),
  };
  await inTransaction(ctx, async (tx) => {
    await tx.db.insert(tx.t.partnerPeople).values(row);
    await writeAudit(tx, {
      action: 'partner.person.add',
      entity: 'partner',
      entityId: partnerId,
      data: { personId: row.id },
    });
  });
  return toPerson(row);
}

export async function listPartnerPeople(ctx: Ctx, partnerId: string): Promise<PartnerPerson[]> {
  await getPartner(ctx, partnerId);
  const { t } = ctx;
  return (
    await ctx.db
      .select()
      .from(t.partnerPeople)
      .where(eq(t.partnerPeople.partnerId, partnerId))
      .orderBy(asc(t.partnerPeople.name))
  ).map(toPerson);
}

/** The representative, if it belongs to the partner (used to check lead references). */
export async function partnerPerson(ctx: Ctx, partnerId: string, personId: string): Promise<PartnerPerson | null> {
  const { t } = ctx;
  const [r] = await ctx.db
    .select()
    .from(t.partnerPeople)
    .where(and(eq(t.partnerPeople.id, personId), eq(t.partnerPeople.partnerId, partnerId)))
    .limit(1);
  return r ? toPerson(r) : null;
}

export async function updatePartnerPerson(
  ctx: Ctx,
  partnerId: string,
  personId: string,
  patch: { name?: string; email?: string | null; phone?: string | null; archived?: boolean },
): Promise<PartnerPerson> {
  await updatePartner(ctx, partnerId, {});
  if (!(await partnerPerson(ctx, partnerId, personId))) throw notFound('Partner person', personId);
  const { archived, ...rest } = patch;
  if (rest.phone !== undefined) rest.phone = checkedPhone(rest.phone);
  const set = { ...rest, ...(archived === undefined ? {} : { archivedAt: archived ? ctx.clock.now() : null }) };
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(tx.t.partnerPeople)
      .set(set)
      .where(eq(tx.t.partnerPeople.id, personId))
      .returning();
    await writeAudit(tx, {
      action: 'partner.person.update',
      entity: 'partner',
      entityId: partnerId,
      data: { personId, fields: Object.keys(patch) },
    });
    return toPerson(row!);
  });
}

/**
 * Give a representative a login: a user with the config's partner role (`partners.loginRole`) and
 * `partnerId` set, so every query it makes is limited to the firm's referred clients. With
 * `invite: true` and no password, the representative is e-mailed a one-time link to set a password
 * on the partner portal (`firm.partnerPortalUrl`), through the outbox, in the same transaction.
 * @example
 * const user = await createPartnerLogin(ctx, agency.id, jola.id, { password: 'długie-hasło-123' });
 */
export async function createPartnerLogin(
  ctx: Ctx,
  partnerId: string,
  personId: string,
  input: { email?: string; password?: string; invite?: boolean; lang?: 'pl' | 'en' },
): Promise<User & { invitedUntil?: Date }> {
  await updatePartner(ctx, partnerId, {});
  const person = await partnerPerson(ctx, partnerId, personId);
  if (!person) throw notFound('Partner person', personId);
  if (person.userId) throw conflict('This representative already has a login', { userId: person.userId });
  const email = input.email ?? person.email;
  if (!email) throw conflict('The representative has no e-mail address to sign in with; give one');
  return inTransaction(ctx, async (tx) => {
    const user = await createUser(tx, {
      email,
      name: person.name,
      roles: [tx.config.partners.loginRole],
      unitId: null,
      partnerId,
      ...(input.password ? { password: input.password } : {}),
    });
    await tx.db.update(tx.t.partnerPeople).set({ userId: user.id }).where(eq(tx.t.partnerPeople.id, personId));
    await writeAudit(tx, {
      action: 'partner.login.create',
      entity: 'partner',
      entityId: partnerId,
      data: { personId, userId: user.id, invited: !!input.invite && !input.password },
    });
    // The invitation (a one-time link to the partner portal, through the outbox) rolls back with the login.
    if (input.invite && !input.password) {
      const { expiresAt } = await inviteUser(tx, user.id, input.lang ? { lang: input.lang } : {});
      return { ...user, invitedUntil: expiresAt };
    }
    return user;
  });
}
