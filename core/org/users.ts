/**
 * @module org/users
 * Users: roles from the config, a commission group (dated: `commission-groups.ts`), a supervisor,
 * and dated memberships in units. Moving a user closes the current membership and opens a new one, so past work stays
 * attributed to the unit where it was done. A disabled user cannot act and loses every session.
 */
import { and, asc, desc, eq, gt, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import { canAccess, requirePermission, orgChanged } from '../access/index.ts';
import { busFor } from '../bus/index.ts';
import { writeAudit } from '../audit/index.ts';
import { digest, forgetAll, forgetUser, hashPassword, verifyPassword } from '../auth/index.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { conflict, invalid, notFound, forbidden } from '../errors.ts';
import { newId, normalizeEmail } from '../ids/index.ts';
import { prepared, readDb, type Tables } from '../storage/index.ts';
import { utcToZoned } from '../time/index.ts';
import { recordCommissionGroup } from './commission-groups.ts';
import { uniqueOr409 } from './unique.ts';
import { getUnit } from './units.ts';

type UserRow = Tables['users']['$inferSelect'];
export type Membership = Tables['memberships']['$inferSelect'];
/** A user as the API shows it: no password hash, no lockout counters. */
export interface User {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  roles: string[];
  commissionGroup: string | null;
  supervisorId: string | null;
  knfNumber: string | null;
  partnerId: string | null;
  disabled: boolean;
  unitId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface UserInput {
  email: string;
  name: string;
  roles: string[];
  unitId?: string | null;
  password?: string;
  phone?: string | null;
  commissionGroup?: string | null;
  supervisorId?: string | null;
  knfNumber?: string | null;
  partnerId?: string | null;
}

export { normalizeEmail };

export function publicUser(u: UserRow, unitId: string | null): User {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    phone: u.phone,
    roles: u.roles,
    commissionGroup: u.commissionGroup,
    supervisorId: u.supervisorId,
    knfNumber: u.knfNumber,
    partnerId: u.partnerId,
    disabled: u.disabledAt !== null,
    unitId,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}

/**
 * The memberships in force at an instant (from `validFrom`, before `validTo`): the condition every
 * "who is in which unit now" query joins on.
 * @example
 * ctx.db.select().from(t.users)
 *   .leftJoin(t.memberships, and(eq(t.memberships.userId, t.users.id), membershipAt(t, now)));
 */
export const membershipAt = (t: Tables, at: Date) =>
  and(lte(t.memberships.validFrom, at), or(isNull(t.memberships.validTo), gt(t.memberships.validTo, at)));

/** The unit a user belonged to at an instant (default now): attribution of work to branches. */
export async function unitOfUser(ctx: Ctx, userId: string, at: Date = ctx.clock.now()): Promise<string | null> {
  const { t } = ctx;
  const [m] = await readDb(ctx.database, ctx.db)
    .select({ unitId: t.memberships.unitId })
    .from(t.memberships)
    .where(and(eq(t.memberships.userId, userId), membershipAt(t, at)))
    .orderBy(desc(t.memberships.validFrom))
    .limit(1);
  return m?.unitId ?? null;
}

function validateRoles(ctx: Ctx, roles: string[], commissionGroup: string | null | undefined): void {
  // The path names the role's place in the request, not its place among the unknown ones.
  const problems = roles.flatMap((r, i) =>
    ctx.config.roles[r]
      ? []
      : [{ path: `/roles/${i}`, message: `unknown role "${r}" (known: ${Object.keys(ctx.config.roles).join(', ')})` }],
  );
  if (commissionGroup && !ctx.config.commissionGroups[commissionGroup])
    problems.push({ path: '/commissionGroup', message: `unknown commission group "${commissionGroup}"` });
  if (problems.length) throw invalid('Invalid roles or commission group', problems);
}

/**
 * The ids a user points to must exist: the supervisor (another user) and the partner firm; and a
 * user with a partner role (`partner: true` in the config) must name its partner firm, or it would
 * sign in as a partner of nobody. 422 naming the field.
 */
async function assertUserReferences(
  ctx: Ctx,
  roles: readonly string[],
  supervisorId: string | null,
  partnerId: string | null,
): Promise<void> {
  const { t } = ctx;
  const problems: { path: string; message: string }[] = [];
  if (supervisorId) {
    const [s] = await ctx.db.select({ id: t.users.id }).from(t.users).where(eq(t.users.id, supervisorId)).limit(1);
    if (!s) problems.push({ path: '/supervisorId', message: 'no user with this id' });
  }
  if (partnerId) {
    const [p] = await ctx.db
      .select({ id: t.partners.id })
      .from(t.partners)
      .where(eq(t.partners.id, partnerId))
      .limit(1);
    if (!p) problems.push({ path: '/partnerId', message: 'no partner firm with this id' });
  }
  const partnerRole = roles.find((r) => (ctx.config.roles[r] as { partner?: boolean } | undefined)?.partner);
  if (partnerRole && !partnerId)
    problems.push({ path: '/partnerId', message: `a user with the role "${partnerRole}" must name its partner firm` });
  if (problems.length) throw invalid('The user points to something that does not exist', problems);
}

/** Whether the actor may manage this user (users:write at a scope covering the user's unit). */
export async function assertMayManage(ctx: Ctx, unitId: string | null, userId?: string): Promise<void> {
  requirePermission(ctx.actor, 'users:write');
  if (!canAccess(ctx.actor, 'users:write', { unitId, ownerId: userId ?? null })) {
    throw forbidden('You may not manage users of this unit', { permission: 'users:write' });
  }
}

/**
 * @example
 * const anna = await createUser(ctx, { email: 'anna.nowak@kredyt-dom.pl', name: 'Anna Nowak', roles: ['advisor'],
 *   unitId: waw.id, password: '…' });
 */
export async function createUser(ctx: Ctx, input: UserInput): Promise<User> {
  validateRoles(ctx, input.roles, input.commissionGroup);
  if (input.unitId) await getUnit(ctx, input.unitId);
  await assertMayManage(ctx, input.unitId ?? null);
  const min = ctx.config.security.passwordMinLength;
  if (input.password !== undefined && input.password.length < min)
    throw invalid('Password too short', [{ path: '/password', message: `must be at least ${min} characters` }]);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const email = normalizeEmail(input.email);
  await assertUserReferences(ctx, input.roles, input.supervisorId ?? null, input.partnerId ?? null);
  const taken = () => conflict(`A user with the e-mail ${email} already exists`, { field: '/email' });
  const result = await uniqueOr409(
    () =>
      inTransaction(ctx, async (tx) => {
        const { t } = tx;
        const [dup] = await tx.db.select({ id: t.users.id }).from(t.users).where(eq(t.users.email, email)).limit(1);
        if (dup) throw taken();
        const now = tx.clock.now();
        const id = newId();
        const [row] = await tx.db
          .insert(t.users)
          .values({
            id,
            email,
            name: input.name,
            phone: input.phone ?? null,
            passwordHash,
            roles: input.roles,
            commissionGroup: input.commissionGroup ?? null,
            supervisorId: input.supervisorId ?? null,
            knfNumber: input.knfNumber ?? null,
            partnerId: input.partnerId ?? null,
            disabledAt: null,
            failedLogins: [],
            lockedUntil: null,
            mustChangePassword: false,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        if (input.commissionGroup)
          await recordCommissionGroup(tx, id, {
            group: input.commissionGroup,
            from: utcToZoned(now, tx.config.firm.timeZone).date,
          });
        if (input.unitId)
          await tx.db.insert(t.memberships).values({
            id: newId(),
            userId: id,
            unitId: input.unitId,
            validFrom: now,
            validTo: null,
            note: null,
            createdBy: tx.actor.userId,
          });
        await writeAudit(tx, {
          action: 'user.create',
          entity: 'user',
          entityId: id,
          data: { email, roles: input.roles, unitId: input.unitId ?? null },
        });
        return publicUser(row!, input.unitId ?? null);
      }),
    ['users_email_uq', 'users.email'],
    taken,
  );
  orgChanged(ctx.database);
  forgetAll();
  return result;
}

export async function getUser(ctx: Ctx, id: string): Promise<User> {
  requirePermission(ctx.actor, 'users:read');
  // Read on every GET /api/me: outside a transaction, a statement prepared once per database.
  const [row] =
    ctx.db === ctx.database.db
      ? await prepared(
          ctx.database,
          'user-by-id',
          (db, t) =>
            db
              .select()
              .from(t.users)
              .where(eq(t.users.id, sql.placeholder('id')))
              .limit(1),
          { id },
        )
      : await ctx.db.select().from(ctx.t.users).where(eq(ctx.t.users.id, id)).limit(1);
  const unitId = row ? await unitOfUser(ctx, id) : null;
  if (!row || !canAccess(ctx.actor, 'users:read', { ownerId: id, unitId })) throw notFound('User', id);
  return publicUser(row, unitId);
}

/** Users the actor may see (users:read scope), with their current unit. */
export async function listUsers(
  ctx: Ctx,
  filter: { unitId?: string; role?: string; includeDisabled?: boolean } = {},
): Promise<User[]> {
  requirePermission(ctx.actor, 'users:read');
  const { t } = ctx;
  const now = ctx.clock.now();
  const rows = await ctx.db
    .select({ user: t.users, unitId: t.memberships.unitId })
    .from(t.users)
    .leftJoin(t.memberships, and(eq(t.memberships.userId, t.users.id), membershipAt(t, now)))
    .where(
      and(
        filter.includeDisabled ? undefined : isNull(t.users.disabledAt),
        filter.unitId ? eq(t.memberships.unitId, filter.unitId) : undefined,
        filter.role ? sql`cast(${t.users.roles} as text) like ${`%"${filter.role}"%`}` : undefined,
      ),
    )
    .orderBy(asc(t.users.name));
  return rows
    .filter((r) => canAccess(ctx.actor, 'users:read', { ownerId: r.user.id, unitId: r.unitId }))
    .map((r) => publicUser(r.user, r.unitId));
}

/** Every membership of a user, newest first. */
export async function membershipsOf(ctx: Ctx, userId: string): Promise<Membership[]> {
  await getUser(ctx, userId);
  const { t } = ctx;
  return ctx.db
    .select()
    .from(t.memberships)
    .where(eq(t.memberships.userId, userId))
    .orderBy(desc(t.memberships.validFrom));
}

/**
 * Move a user to another unit from `at` (default now): the current membership is closed at `at`
 * and a new one opens. History is kept.
 * @example
 * await moveUser(ctx, anna.id, krakow.id, { note: 'Przeniesienie do Krakowa' });
 */
export async function moveUser(
  ctx: Ctx,
  userId: string,
  unitId: string,
  options: { at?: Date; note?: string } = {},
): Promise<Membership> {
  const user = await getUser(ctx, userId);
  await getUnit(ctx, unitId);
  await assertMayManage(ctx, user.unitId, userId);
  await assertMayManage(ctx, unitId);
  const at = options.at ?? ctx.clock.now();
  const result = await inTransaction(ctx, async (tx) => {
    const { t } = tx;
    const open = await tx.db
      .select()
      .from(t.memberships)
      .where(and(eq(t.memberships.userId, userId), or(isNull(t.memberships.validTo), gt(t.memberships.validTo, at))));
    if (open.some((m) => m.unitId === unitId && m.validFrom <= at))
      throw conflict('The user already belongs to this unit');
    if (open.some((m) => m.validFrom > at))
      throw conflict('The user has a membership starting after this date; moves must follow each other in time');
    if (open.length)
      await tx.db
        .update(t.memberships)
        .set({ validTo: at })
        .where(
          inArray(
            t.memberships.id,
            open.map((m) => m.id),
          ),
        );
    const [m] = await tx.db
      .insert(t.memberships)
      .values({
        id: newId(),
        userId,
        unitId,
        validFrom: at,
        validTo: null,
        note: options.note ?? null,
        createdBy: tx.actor.userId,
      })
      .returning();
    await writeAudit(tx, {
      action: 'user.move',
      entity: 'user',
      entityId: userId,
      data: { from: open.map((o) => o.unitId), to: unitId, at: at.toISOString() },
    });
    return m!;
  });
  orgChanged(ctx.database);
  forgetAll();
  return result;
}

export interface UserPatch {
  name?: string;
  phone?: string | null;
  roles?: string[];
  commissionGroup?: string | null;
  supervisorId?: string | null;
  knfNumber?: string | null;
}

/**
 * Change a user's name, phone, roles, supervisor, commission group (from today) or KNF number.
 * Removing the administrator role from the last active administrator is a 409 (`last-admin`).
 * @example
 * await updateUser(ctx, anna.id, { roles: ['senior-advisor'], supervisorId: tomasz.id });
 */
export async function updateUser(ctx: Ctx, userId: string, patch: UserPatch): Promise<User> {
  const user = await getUser(ctx, userId);
  await assertMayManage(ctx, user.unitId, userId);
  if (patch.roles || patch.commissionGroup) validateRoles(ctx, patch.roles ?? user.roles, patch.commissionGroup);
  if (patch.supervisorId === userId)
    throw invalid('A user cannot supervise themselves', [{ path: '/supervisorId', message: 'must be another user' }]);
  await assertUserReferences(ctx, patch.roles ?? [], patch.supervisorId ?? null, user.partnerId);
  const result = await inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(tx.t.users)
      .set({ ...patch, updatedAt: tx.clock.now() })
      .where(eq(tx.t.users.id, userId))
      .returning();
    if (patch.roles && !user.disabled && isAdminRoles(tx, user.roles) && !isAdminRoles(tx, patch.roles))
      await assertAnAdminRemains(tx);
    // A group set here takes effect today; back-dated or future changes go through changeCommissionGroup.
    if (patch.commissionGroup !== undefined && patch.commissionGroup !== user.commissionGroup)
      await recordCommissionGroup(tx, userId, {
        group: patch.commissionGroup,
        from: utcToZoned(tx.clock.now(), tx.config.firm.timeZone).date,
      });
    await writeAudit(tx, { action: 'user.update', entity: 'user', entityId: userId, data: { ...patch } });
    return publicUser(row!, user.unitId);
  });
  orgChanged(ctx.database);
  forgetAll();
  return result;
}

/**
 * The roles that make an administrator: those granting `users:write` (at any scope). The firm must
 * keep at least one active user holding one, or nobody could manage people any more.
 */
export function adminRoles(ctx: Pick<Ctx, 'config'>): string[] {
  return Object.entries(ctx.config.roles)
    .filter(([, r]) => (r as { permissions?: Record<string, unknown> }).permissions?.['users:write'] !== undefined)
    .map(([id]) => id);
}

/** Whether these roles make an administrator (see `adminRoles`). */
export const isAdminRoles = (ctx: Pick<Ctx, 'config'>, roles: readonly string[]): boolean =>
  roles.some((r) => adminRoles(ctx).includes(r));

/**
 * Inside the transaction that disables or demotes a user, after the change: 409 (rolling it back)
 * when no active user holds an administrator role any more. `details.reason` is `last-admin`.
 */
async function assertAnAdminRemains(tx: Ctx): Promise<void> {
  const { t } = tx;
  const roles = adminRoles(tx);
  const [left] = roles.length
    ? await tx.db
        .select({ id: t.users.id })
        .from(t.users)
        .where(
          and(
            isNull(t.users.disabledAt),
            or(...roles.map((r) => sql`cast(${t.users.roles} as text) like ${`%"${r}"%`}`)),
          ),
        )
        .limit(1)
    : [];
  if (!left)
    throw conflict(
      'This is the last active administrator (a user holding users:write): appoint or enable another one first',
      { reason: 'last-admin', roles },
    );
}

/**
 * Disable (or re-enable) a user. Disabling ends every session and stops every API key at once.
 * Disabling the last active administrator is a 409 (`details.reason: 'last-admin'`), and so is
 * disabling yourself.
 */
export async function setUserDisabled(ctx: Ctx, userId: string, disabled: boolean): Promise<User> {
  const user = await getUser(ctx, userId);
  await assertMayManage(ctx, user.unitId, userId);
  const result = await inTransaction(ctx, async (tx) => {
    const { t } = tx;
    const [row] = await tx.db
      .update(t.users)
      .set({ disabledAt: disabled ? tx.clock.now() : null, updatedAt: tx.clock.now() })
      .where(eq(t.users.id, userId))
      .returning();
    if (disabled && isAdminRoles(tx, user.roles)) await assertAnAdminRemains(tx);
    if (disabled && userId === tx.actor.userId)
      throw conflict('You cannot disable yourself', { reason: 'self', field: '/userId' });
    if (disabled) await tx.db.delete(t.sessions).where(eq(t.sessions.userId, userId));
    await writeAudit(tx, { action: disabled ? 'user.disable' : 'user.enable', entity: 'user', entityId: userId });
    return publicUser(row!, user.unitId);
  });
  forgetUser(userId); // cached sessions of this user end now, not in a few seconds
  await busFor(ctx.database).publish('user', userId); // in every instance
  return result;
}

export interface SetPasswordOptions {
  /** Required when users change their own password: the password they have now. */
  currentPassword?: string;
  /** The session token of the request making a self-change: that one session stays open. */
  keepSessionToken?: string | null;
}

/**
 * Set a new password, by an administrator (a reset: every session of the user ends) or by the
 * user for themselves (the current password is required; every other session and bearer session
 * token ends, the one making the change stays). The lockout is cleared. API keys are separate
 * credentials and stay valid (revoke them, or disable the user, to stop them).
 * @example
 * await setPassword(ctx, ctx.actor.userId!, 'nowe-haslo-2026', {
 *   currentPassword: 'stare-haslo',
 *   keepSessionToken: token,
 * });
 */
export async function setPassword(
  ctx: Ctx,
  userId: string,
  password: string,
  options: SetPasswordOptions = {},
): Promise<void> {
  const self = userId === ctx.actor.userId;
  if (!self) {
    const u = await getUser(ctx, userId);
    await assertMayManage(ctx, u.unitId, userId);
  }
  const min = ctx.config.security.passwordMinLength;
  if (password.length < min)
    throw invalid('Password too short', [{ path: '/password', message: `must be at least ${min} characters` }]);
  if (self) {
    const [row] = await ctx.db
      .select({ hash: ctx.t.users.passwordHash })
      .from(ctx.t.users)
      .where(eq(ctx.t.users.id, userId))
      .limit(1);
    const current = options.currentPassword;
    if (current === undefined || current === '')
      throw invalid('Enter your current password to change it', [
        { path: '/currentPassword', message: 'required to change your own password' },
      ]);
    if (!row?.hash || !(await verifyPassword(current, row.hash)))
      throw invalid('The current password is wrong', [{ path: '/currentPassword', message: 'wrong password' }]);
  }
  const hash = await hashPassword(password);
  const keep = self && options.keepSessionToken ? digest(options.keepSessionToken) : null;
  await inTransaction(ctx, async (tx) => {
    const { t } = tx;
    await tx.db
      .update(t.users)
      .set({
        passwordHash: hash,
        failedLogins: [],
        lockedUntil: null,
        mustChangePassword: false,
        updatedAt: tx.clock.now(),
      })
      .where(eq(t.users.id, userId));
    const ended = await tx.db
      .delete(t.sessions)
      .where(and(eq(t.sessions.userId, userId), keep ? ne(t.sessions.tokenHash, keep) : undefined))
      .returning({ h: t.sessions.tokenHash });
    await writeAudit(tx, {
      action: self ? 'user.password' : 'user.password-reset',
      entity: 'user',
      entityId: userId,
      data: { sessionsEnded: ended.length },
    });
  });
  forgetUser(userId);
  await busFor(ctx.database).publish('user', userId);
}

/**
 * The user with this e-mail (as normalised for sign-in), or null; users:read as for `getUser`.
 * @example
 * const u = await findUserByEmail(crm.system(), 'admin@kredyt-dom.pl');
 */
export async function findUserByEmail(ctx: Ctx, email: string): Promise<User | null> {
  const [row] = await ctx.db
    .select({ id: ctx.t.users.id })
    .from(ctx.t.users)
    .where(eq(ctx.t.users.email, normalizeEmail(email)))
    .limit(1);
  return row ? getUser(ctx, row.id) : null;
}

/**
 * Lift a sign-in lockout before it expires on its own (users:write over the user).
 * @example
 * await unlockUser(ctx, anna.id);
 */
export async function unlockUser(ctx: Ctx, userId: string): Promise<User> {
  const user = await getUser(ctx, userId);
  await assertMayManage(ctx, user.unitId, userId);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(tx.t.users)
      .set({ failedLogins: [], lockedUntil: null })
      .where(eq(tx.t.users.id, userId))
      .returning();
    await writeAudit(tx, { action: 'user.unlock', entity: 'user', entityId: userId });
    return publicUser(row!, user.unitId);
  });
}
