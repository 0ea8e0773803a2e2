/**
 * @module org/commission-groups
 * Advisors' commission groups, dated like unit memberships: a change (junior → senior) takes effect
 * from a local date in the firm's zone and closes the previous group the day before, so a sale
 * recorded late still uses the group of its own date. Dates are local dates, half-open, like the
 * rules' validity. The user's `commissionGroup` column keeps the group in force today (what the API
 * shows); the engine reads `commissionGroupOn`.
 *
 * Before the first dated membership the first group applies (the group given when the user was
 * created stands for the time before). A user with no dated membership (data from before dated
 * groups) has the column's group at every date.
 */
import { asc, eq } from 'drizzle-orm';
import { canAccess, orgChanged, requirePermission } from '../access/index.ts';
import { writeAudit } from '../audit/index.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { forbidden, invalid, notFound } from '../errors.ts';
import { newId } from '../ids/index.ts';
import type { Tables } from '../storage/index.ts';
import { utcToZoned } from '../time/index.ts';
import { getUser, unitOfUser } from './users.ts';

export type CommissionGroupMembership = Tables['commissionGroupMemberships']['$inferSelect'];

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const localDate = (ctx: Ctx, at: Date) => utcToZoned(at, ctx.config.firm.timeZone).date;

async function membershipsOf(ctx: Ctx, userId: string): Promise<CommissionGroupMembership[]> {
  const m = ctx.t.commissionGroupMemberships;
  return ctx.db.select().from(m).where(eq(m.userId, userId)).orderBy(asc(m.validFrom));
}

/**
 * The advisor's commission group on a local date (`YYYY-MM-DD`), or null.
 * @example
 * await commissionGroupOn(ctx, annaId, '2026-03-20') // 'advisor-junior' (senior only from 1 April)
 */
export async function commissionGroupOn(ctx: Ctx, userId: string, date: string): Promise<string | null> {
  const list = await membershipsOf(ctx, userId);
  if (!list.length) {
    const [u] = await ctx.db
      .select({ group: ctx.t.users.commissionGroup })
      .from(ctx.t.users)
      .where(eq(ctx.t.users.id, userId))
      .limit(1);
    return u?.group ?? null;
  }
  const hit = list.find((x) => x.validFrom <= date && (x.validTo === null || date < x.validTo));
  if (hit) return hit.groupId;
  return date < list[0]!.validFrom ? list[0]!.groupId : null;
}

/** The day the user joined: the first unit membership, or the account's creation, as a local date. */
async function joinedOn(ctx: Ctx, userId: string): Promise<string | null> {
  const { t } = ctx;
  const [u] = await ctx.db.select({ createdAt: t.users.createdAt }).from(t.users).where(eq(t.users.id, userId));
  if (!u) return null;
  const [m] = await ctx.db
    .select({ validFrom: t.memberships.validFrom })
    .from(t.memberships)
    .where(eq(t.memberships.userId, userId))
    .orderBy(asc(t.memberships.validFrom))
    .limit(1);
  const first = m && m.validFrom < u.createdAt ? m.validFrom : u.createdAt;
  return localDate(ctx, first);
}

/**
 * Puts the advisor into `group` from the local date `from` (default today), in `ctx`'s transaction
 * or a new one. Used by `createUser` and `updateUser`, and by `changeCommissionGroup`.
 */
export async function recordCommissionGroup(
  ctx: Ctx,
  userId: string,
  input: { group: string | null; from: string; note?: string | null },
): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const m = tx.t.commissionGroupMemberships;
    const list = await membershipsOf(tx, userId);
    const last = list.at(-1);
    if (last && input.from < last.validFrom)
      throw invalid('A later commission group change exists', [
        { path: '/from', message: `must not be before the last change (${last.validFrom}); correct that one first` },
      ]);
    if (last && last.validFrom === input.from) {
      if (input.group)
        await tx.db
          .update(m)
          .set({ groupId: input.group, note: input.note ?? null })
          .where(eq(m.id, last.id));
      else await tx.db.delete(m).where(eq(m.id, last.id));
    } else {
      if (last && last.validTo === null) await tx.db.update(m).set({ validTo: input.from }).where(eq(m.id, last.id));
      if (input.group)
        await tx.db.insert(m).values({
          id: newId(),
          userId,
          groupId: input.group,
          validFrom: input.from,
          validTo: null,
          note: input.note ?? null,
          createdBy: tx.actor.userId,
          createdAt: tx.clock.now(),
        });
    }
    const today = await commissionGroupOn(tx, userId, localDate(tx, tx.clock.now()));
    await tx.db.update(tx.t.users).set({ commissionGroup: today }).where(eq(tx.t.users.id, userId));
  });
}

/**
 * Changes an advisor's commission group from a date (`users:write` over the user). 422 for an unknown
 * group or one not for advisors, a date before the advisor joined or before the last change.
 * @example
 * await changeCommissionGroup(ctx, annaId, { group: 'advisor-senior', from: '2026-04-01', note: 'awans' });
 */
export async function changeCommissionGroup(
  ctx: Ctx,
  userId: string,
  input: { group: string | null; from: string; note?: string | null },
): Promise<CommissionGroupMembership[]> {
  requirePermission(ctx.actor, 'users:write');
  const problems = [];
  const group = input.group ? ctx.config.commissionGroups[input.group] : undefined;
  if (input.group && !group) problems.push({ path: '/group', message: `unknown commission group "${input.group}"` });
  else if (group && group.for !== 'advisor')
    problems.push({ path: '/group', message: `"${input.group}" is a group for ${group.for}s, not advisors` });
  if (typeof input.from !== 'string' || !DATE.test(input.from))
    problems.push({ path: '/from', message: 'must be a date YYYY-MM-DD' });
  if (problems.length) throw invalid('The commission group change is invalid', problems);
  const joined = await joinedOn(ctx, userId);
  if (!joined) throw notFound('User', userId);
  if (!canAccess(ctx.actor, 'users:write', { unitId: await unitOfUser(ctx, userId), ownerId: userId }))
    throw forbidden('You may not manage users of this unit', { permission: 'users:write' });
  if (input.from < joined)
    throw invalid('The change is dated before the advisor joined', [
      { path: '/from', message: `must not be before ${joined}, the day the advisor joined` },
    ]);
  const result = await inTransaction(ctx, async (tx) => {
    await recordCommissionGroup(tx, userId, input);
    await writeAudit(tx, {
      action: 'user.commission-group',
      entity: 'user',
      entityId: userId,
      data: { group: input.group, from: input.from },
    });
    return membershipsOf(tx, userId);
  });
  orgChanged(ctx.database);
  return result;
}

/** The advisor's dated groups, oldest first (`users:read`). */
export async function listCommissionGroups(ctx: Ctx, userId: string): Promise<CommissionGroupMembership[]> {
  await getUser(ctx, userId); // users:read over the user, else 404
  return membershipsOf(ctx, userId);
}
