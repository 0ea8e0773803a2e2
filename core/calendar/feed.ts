/**
 * @module calendar/feed
 * The iCal feed (RFC 5545) a person subscribes to from Google, Outlook or Apple: a secret URL with a
 * random token, stored only as its SHA-256, revocable (a new token revokes the old). Times are
 * written in UTC (`DTSTART:20260326T090000Z`): the calendar-level `timezone` of ical-generator is
 * deliberately left out (with it and plain Dates it writes floating local times of the server's
 * zone). UTC instants are exact, every client shows them in its own zone, and
 * recurring items are expanded into single events, so no client has to agree with us about DST.
 *
 * Privacy by default: a feed is read by an outside calendar service, so it carries times and no
 * personal data. An item about a client shows as "Spotkanie z klientem" (or the like) without its
 * title, place or link; no item carries its note. A role granted `calendar:disclose` gets
 * titles, notes, places and links as in the CRM.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNull, lt } from 'drizzle-orm';
import icalGenerator, { ICalEventStatus } from 'ical-generator';
import { writeAudit } from '../audit/index.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { forbidden, notFound } from '../errors.ts';
import { newId } from '../ids/index.ts';
import { loadActor, requirePermission } from '../access/index.ts';
import { expand } from './recurrence.ts';
import { DAY_MS } from '../time/index.ts';

/** The feed covers this much past and future. */
export const FEED_PAST_DAYS = 31;
export const FEED_FUTURE_DAYS = 186;

/** What a feed without `calendar:disclose` shows for an item about a client. */
const privateTitle: Record<string, string> = {
  meeting: 'Spotkanie z klientem',
  call: 'Rozmowa z klientem',
  task: 'Zadanie (klient)',
  block: 'Zajęte',
};

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A new secret feed token for the actor (the previous one stops working). Shown once.
 * @example
 * const { token, path } = await createFeedToken(ctx); // path: '/api/calendar/feed/Xy…Q.ics'
 */
export async function createFeedToken(ctx: Ctx): Promise<{ token: string; path: string; createdAt: Date }> {
  const userId = ctx.actor.userId;
  if (!userId || ctx.actor.partnerId) throw forbidden('Only a user with a calendar can subscribe to it');
  requirePermission(ctx.actor, 'calendar:read');
  const token = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  await inTransaction(ctx, async (tx) => {
    const f = tx.t.calendarFeedTokens;
    await tx.db
      .update(f)
      .set({ revokedAt: now })
      .where(and(eq(f.userId, userId), isNull(f.revokedAt)));
    await tx.db.insert(f).values({ id: newId(), userId, tokenHash: hashToken(token), createdAt: now, revokedAt: null });
    await writeAudit(tx, { action: 'calendar.feed-token', entity: 'user', entityId: userId });
  });
  return { token, path: `/api/calendar/feed/${token}.ics`, createdAt: now };
}

/**
 * Revoke the actor's feed token: subscribed calendars stop updating.
 * @example
 * await revokeFeedToken(ctx); // 1
 */
export async function revokeFeedToken(ctx: Ctx): Promise<{ revoked: number }> {
  const userId = ctx.actor.userId;
  if (!userId) throw forbidden('Only a user has a feed');
  const f = ctx.t.calendarFeedTokens;
  const rows = await ctx.db
    .update(f)
    .set({ revokedAt: ctx.clock.now() })
    .where(and(eq(f.userId, userId), isNull(f.revokedAt)))
    .returning({ id: f.id });
  return { revoked: rows.length };
}

/**
 * The feed for a token, as iCalendar text; 404 for an unknown, revoked or disabled user's token.
 * Runs with a system context: the token IS the credential, and it shows only its user's own items.
 * @example
 * const ics = await feedFor(crm.system('ical'), token); // 'BEGIN:VCALENDAR…'
 */
export async function feedFor(ctx: Ctx, token: string): Promise<string> {
  const f = ctx.t.calendarFeedTokens;
  const u = ctx.t.users;
  const [owner] = await ctx.db
    .select({ id: u.id, name: u.name, disabledAt: u.disabledAt, partnerId: u.partnerId })
    .from(f)
    .innerJoin(u, eq(u.id, f.userId))
    .where(and(eq(f.tokenHash, hashToken(token)), isNull(f.revokedAt)))
    .limit(1);
  if (!owner || owner.disabledAt || owner.partnerId) throw notFound('Calendar feed');
  const actor = await loadActor(ctx.database, ctx.config, owner.id, { at: ctx.clock.now() });
  const details = actor?.permissions.has('calendar:disclose') === true;
  const now = ctx.clock.now().getTime();
  const from = new Date(now - FEED_PAST_DAYS * DAY_MS);
  const to = new Date(now + FEED_FUTURE_DAYS * DAY_MS);
  const c = ctx.t.calendarItems;
  const rows = await ctx.db
    .select()
    .from(c)
    .where(
      and(
        eq(c.assigneeId, owner.id),
        inArray(c.status, ['planned', 'done']),
        lt(c.startAt, to),
        gt(c.seriesEndAt, from),
      ),
    )
    .orderBy(asc(c.startAt))
    .limit(5000);
  const cal = icalGenerator({
    name: `${ctx.config.firm.name} — ${owner.name}`,
    prodId: { company: 'broker-crm', product: 'calendar', language: 'PL' },
    ttl: 900,
  });
  for (const r of rows) {
    for (const o of expand(r, from, to)) {
      const open = details || !r.clientId;
      const title = open ? r.title : privateTitle[r.kind];
      cal.createEvent({
        id: r.rrule ? `${r.id}-${o.localStart.slice(0, 10)}@broker-crm` : `${r.id}@broker-crm`,
        start: o.start,
        end: r.kind === 'task' ? new Date(o.start.getTime() + 15 * 60_000) : o.end,
        summary: r.kind === 'task' ? `☐ ${title}` : title,
        description: details ? (r.note ?? undefined) : undefined,
        location: open ? (r.place ?? r.onlineUrl ?? undefined) : undefined,
        url: open ? (r.onlineUrl ?? undefined) : undefined,
        status: ICalEventStatus.CONFIRMED,
        stamp: r.updatedAt,
        sequence: r.version,
      });
    }
  }
  return cal.toString();
}
