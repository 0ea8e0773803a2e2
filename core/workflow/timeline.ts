/**
 * @module workflow/timeline
 * One client's history, newest first: status changes and contacts merged, paged by keyset
 * (`at`, `id`) so page 50 costs what page 1 does. Ids are unique across both tables (UUIDv7), so the
 * pair orders every item exactly once.
 */
import { and, desc, eq, lt, or, type Column, type SQL } from 'drizzle-orm';
import { canAccess } from '../access/index.ts';
import type { Ctx } from '../context.ts';
import { badCursor, isCursorId, isCursorInstant, openCursor, sealCursor } from '../cursor/index.ts';
import { scopedClient } from './client-row.ts';
import { financialFields } from './rules.ts';

interface Who {
  id: string | null;
  name: string | null;
}
export type TimelineItem =
  | {
      kind: 'status';
      id: string;
      at: Date;
      actor: Who;
      from: string | null;
      to: string;
      transition: string;
      note: string | null;
      fields: Record<string, unknown>;
      /** What the person confirmed with the move (`uncovered-sale`: no commission rule covered the sale). */
      acknowledged: string[];
    }
  | {
      kind: 'activity';
      id: string;
      at: Date;
      actor: Who;
      type: string;
      outcome: string | null;
      note: string | null;
      nextStep: { at: Date; note: string | null } | null;
    };

export interface TimelinePage {
  items: TimelineItem[];
  nextCursor: string | null;
}

// Sealed (see core/cursor): a caller can neither read nor forge a timeline cursor; every field is checked.
const encode = (secret: string, clientId: string, at: Date, id: string) =>
  sealCursor(secret, 'timeline', [clientId, at.getTime(), id]);
function decode(secret: string, clientId: string, cursor: string): { at: Date; id: string } {
  const v = openCursor(secret, 'timeline', cursor);
  if (!Array.isArray(v) || v.length !== 3 || v[0] !== clientId || !isCursorInstant(v[1]) || !isCursorId(v[2]))
    throw badCursor();
  return { at: new Date(v[1]), id: v[2] };
}

/**
 * @example
 * const page1 = await timeline(ctx, clientId, { limit: 20 });
 * const page2 = await timeline(ctx, clientId, { limit: 20, cursor: page1.nextCursor! });
 */
export async function timeline(
  ctx: Ctx,
  clientId: string,
  options: { cursor?: string | null; limit?: number } = {},
): Promise<TimelinePage> {
  const client = await scopedClient(ctx, clientId, 'clients:read');
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const after = options.cursor ? decode(ctx.secret, client.id, options.cursor) : null;
  const { t } = ctx;
  const before = (at: Column, id: Column): SQL | undefined =>
    after ? or(lt(at, after.at), and(eq(at, after.at), lt(id, after.id))) : undefined;
  const [history, acts] = await Promise.all([
    ctx.db
      .select({ row: t.statusHistory, name: t.users.name })
      .from(t.statusHistory)
      .leftJoin(t.users, eq(t.users.id, t.statusHistory.actorId))
      .where(and(eq(t.statusHistory.clientId, client.id), before(t.statusHistory.at, t.statusHistory.id)))
      .orderBy(desc(t.statusHistory.at), desc(t.statusHistory.id))
      .limit(limit + 1),
    ctx.db
      .select({ row: t.activities, name: t.users.name })
      .from(t.activities)
      .leftJoin(t.users, eq(t.users.id, t.activities.actorId))
      .where(and(eq(t.activities.clientId, client.id), before(t.activities.at, t.activities.id)))
      .orderBy(desc(t.activities.at), desc(t.activities.id))
      .limit(limit + 1),
  ]);
  const hidden = canAccess(ctx.actor, 'financial:read', client)
    ? new Set<string>()
    : financialFields(ctx.config.workflow);
  // Notes are free text and may hold personal data: only readers of the client's PII see them
  // (a partner sees the dates and statuses of its referral, never what an advisor wrote).
  const notes = canAccess(ctx.actor, 'pii:read', client);
  const note = (n: string | null) => (notes ? n : null);
  const items: TimelineItem[] = [
    ...history.map(({ row: h, name }): TimelineItem => ({
      kind: 'status',
      id: h.id,
      at: h.at,
      actor: { id: h.actorId, name },
      from: h.fromStatus,
      to: h.toStatus,
      transition: h.kind,
      note: note(h.note),
      fields: Object.fromEntries(Object.entries(h.fields).filter(([k]) => !hidden.has(k))),
      acknowledged: h.acknowledged ?? [],
    })),
    ...acts.map(({ row: a, name }): TimelineItem => ({
      kind: 'activity',
      id: a.id,
      at: a.at,
      actor: { id: a.actorId, name },
      type: a.type,
      outcome: a.outcome,
      note: note(a.note),
      nextStep: a.nextStepAt ? { at: a.nextStepAt, note: note(a.nextStepNote) } : null,
    })),
  ].sort((x, y) => y.at.getTime() - x.at.getTime() || (x.id < y.id ? 1 : x.id > y.id ? -1 : 0));
  const page = items.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page,
    nextCursor: items.length > limit && last ? encode(ctx.secret, client.id, last.at, last.id) : null,
  };
}
