/**
 * @module gdpr/requests
 * The register of data-subject requests (GDPR Art. 15–21): what was asked, about whom, when it came
 * in and when it is due (one month, Art. 12(3); extendable once by up to two months with a reason the
 * person is told), its status and the decision with its legal basis, and who handled it.
 *
 * Scoping: every call needs `gdpr:manage`; a request about a client is seen by whoever holds that
 * permission over the client (owner, unit, subtree, all), a request whose person was not found only
 * by a firm-wide (`all`) holder. A client outside the caller's reach is "not found", exactly like a
 * client that does not exist, so nobody learns from the register whether a person is a client.
 */
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { clientScope, requirePermission, scopeCondition } from '../access/index.ts';
import { writeAudit } from '../audit/index.ts';
import { hashOf, type KeyKind } from '../clients/index.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { conflict, invalid, notFound, type FieldProblem } from '../errors.ts';
import { newId } from '../ids/index.ts';
import type { Tables } from '../storage/index.ts';
import { addMonths, isLocalDate, localToday } from './dates.ts';

export const requestKinds = ['access', 'rectification', 'erasure', 'restriction', 'objection', 'portability'] as const;
export type RequestKind = (typeof requestKinds)[number];
export type RequestStatus = 'open' | 'extended' | 'done' | 'refused';
export type RequestRow = Tables['gdprRequests']['$inferSelect'];

/** How a person who is not (yet) matched to a client identified themselves. */
export interface Identifiers {
  name?: string;
  email?: string;
  phone?: string;
  pesel?: string;
  nip?: string;
  note?: string;
}

export interface RequestInput {
  kind: RequestKind;
  /** The client, when the caller already found them. */
  clientId?: string | null;
  /** Otherwise (or as well) what the person gave; PESEL, NIP, phone and e-mail are matched by keyed hash. */
  identifiers?: Identifiers;
  /** Local date the request came in (default today); the deadline runs from it. */
  receivedOn?: string;
  note?: string | null;
}

/** A request as the API shows it: the row plus whether it is overdue today. */
export interface GdprRequest extends Omit<RequestRow, 'ownerId' | 'unitId'> {
  /** The date it is due now: the extended date when extended. */
  due: string;
  overdue: boolean;
  clientName: string | null;
}

const scopeOf = (ctx: Ctx) =>
  scopeCondition(ctx.actor, 'gdpr:manage', { owner: ctx.t.gdprRequests.ownerId, unit: ctx.t.gdprRequests.unitId });

async function shown(ctx: Ctx, rows: RequestRow[]): Promise<GdprRequest[]> {
  const ids = [...new Set(rows.map((r) => r.clientId).filter((x): x is string => !!x))];
  const names = new Map<string, string>();
  if (ids.length)
    for (const c of await ctx.db
      .select({ id: ctx.t.clients.id, name: ctx.t.clients.displayName })
      .from(ctx.t.clients)
      .where(inArray(ctx.t.clients.id, ids)))
      names.set(c.id, c.name);
  const today = localToday(ctx.clock.now());
  return rows.map(({ ownerId: _o, unitId: _u, ...r }) => {
    const due = r.extendedTo ?? r.dueOn;
    return {
      ...r,
      due,
      overdue: (r.status === 'open' || r.status === 'extended') && due < today,
      clientName: r.clientId ? (names.get(r.clientId) ?? null) : null,
    };
  });
}

/** The client a request names, within the caller's `gdpr:manage` reach; 404 alike for missing and out of reach. */
export async function reachableClient(ctx: Ctx, clientId: string) {
  const c = ctx.t.clients;
  const [row] = await ctx.db
    .select({ id: c.id, ownerId: c.ownerId, unitId: c.unitId, displayName: c.displayName })
    .from(c)
    .where(and(eq(c.id, clientId), clientScope(ctx, 'gdpr:manage')))
    .limit(1);
  if (!row) throw notFound('Client', clientId);
  return row;
}

/** Clients within reach that hold one of the identifiers (by keyed hash). */
async function matchIdentifiers(ctx: Ctx, ids: Identifiers): Promise<string[]> {
  const hashes = (['pesel', 'nip', 'phone', 'email'] as const)
    .map((k) => (ids[k] ? hashOf(ctx.secret, k as KeyKind, ids[k]!) : null))
    .filter((h): h is string => !!h);
  if (!hashes.length) return [];
  const { t } = ctx;
  const rows = await ctx.db
    .selectDistinct({ id: t.clients.id })
    .from(t.clientKeys)
    .innerJoin(t.clients, eq(t.clients.id, t.clientKeys.clientId))
    .where(and(inArray(t.clientKeys.hash, hashes), clientScope(ctx, 'gdpr:manage')));
  return rows.map((r) => r.id);
}

function cleanIdentifiers(ids: Identifiers | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(ids ?? {})) if (typeof v === 'string' && v.trim()) out[k] = v.trim();
  return out;
}

/**
 * Registers a request. With `identifiers` and no `clientId`, a single client within reach holding one
 * of them becomes the request's client (and the identifiers are not kept: the client record has them).
 * @example
 * const r = await registerRequest(ctx, { kind: 'access', clientId, receivedOn: '2026-03-02' });
 * r.dueOn // '2026-04-02'
 */
export async function registerRequest(ctx: Ctx, input: RequestInput): Promise<GdprRequest> {
  requirePermission(ctx.actor, 'gdpr:manage');
  const today = localToday(ctx.clock.now());
  const receivedOn = input.receivedOn ?? today;
  const problems: FieldProblem[] = [];
  if (!(requestKinds as readonly string[]).includes(input.kind))
    problems.push({ path: '/kind', message: `must be one of ${requestKinds.join(', ')}` });
  if (!isLocalDate(receivedOn)) problems.push({ path: '/receivedOn', message: 'must be a date YYYY-MM-DD' });
  else if (receivedOn > today) problems.push({ path: '/receivedOn', message: 'cannot be in the future' });
  const identifiers = cleanIdentifiers(input.identifiers);
  if (!input.clientId && !Object.keys(identifiers).length)
    problems.push({ path: '/clientId', message: 'name the client, or give what the person identified themselves by' });
  if (problems.length) throw invalid('The request cannot be registered', problems);
  let client = input.clientId ? await reachableClient(ctx, input.clientId) : null;
  if (!client) {
    const found = await matchIdentifiers(ctx, identifiers);
    if (found.length === 1) client = await reachableClient(ctx, found[0]!);
  }
  const now = ctx.clock.now();
  const row: RequestRow = {
    id: newId(now.getTime()),
    kind: input.kind,
    clientId: client?.id ?? null,
    identifiers: client ? {} : identifiers,
    receivedOn,
    dueOn: addMonths(receivedOn, 1),
    extendedTo: null,
    extensionReason: null,
    status: 'open',
    decision: null,
    basis: null,
    outcome: null,
    note: input.note ?? null,
    createdBy: ctx.actor.userId,
    handledBy: null,
    closedAt: null,
    ownerId: client?.ownerId ?? null,
    unitId: client?.unitId ?? null,
    createdAt: now,
    updatedAt: now,
  };
  await inTransaction(ctx, async (tx) => {
    await tx.db.insert(tx.t.gdprRequests).values(row);
    await writeAudit(tx, {
      action: 'gdpr.request',
      entity: 'gdpr_request',
      entityId: row.id,
      data: { kind: row.kind, clientId: row.clientId, dueOn: row.dueOn },
    });
  });
  return (await shown(ctx, [row]))[0]!;
}

/** One request within reach (404 otherwise). */
export async function requestRow(ctx: Ctx, id: string): Promise<RequestRow> {
  const r = ctx.t.gdprRequests;
  const [row] = await ctx.db
    .select()
    .from(r)
    .where(and(eq(r.id, id), scopeOf(ctx)))
    .limit(1);
  if (!row) throw notFound('Request', id);
  return row;
}

/** @example const r = await getRequest(ctx, id); */
export async function getRequest(ctx: Ctx, id: string): Promise<GdprRequest> {
  return (await shown(ctx, [await requestRow(ctx, id)]))[0]!;
}

/**
 * The requests within reach, the soonest due first; `status: 'active'` means open or extended.
 * @example
 * const { items } = await listRequests(ctx, { status: 'active' });
 */
export async function listRequests(
  ctx: Ctx,
  options: { status?: RequestStatus | 'active'; clientId?: string; limit?: number } = {},
): Promise<{ items: GdprRequest[] }> {
  const r = ctx.t.gdprRequests;
  const where: Array<SQL | undefined> = [scopeOf(ctx)];
  if (options.status === 'active') where.push(inArray(r.status, ['open', 'extended']));
  else if (options.status) where.push(eq(r.status, options.status));
  if (options.clientId) where.push(eq(r.clientId, options.clientId));
  const rows = await ctx.db
    .select()
    .from(r)
    .where(and(...where))
    .orderBy(asc(r.dueOn), asc(r.id))
    .limit(Math.min(Math.max(options.limit ?? 200, 1), 500));
  const items = await shown(ctx, rows);
  // An extension moves the real deadline: sort by it, not by the first one.
  items.sort((a, b) => a.due.localeCompare(b.due) || a.id.localeCompare(b.id));
  return { items };
}

const isActive = (r: RequestRow) => r.status === 'open' || r.status === 'extended';

/**
 * Extends the deadline by up to two further months (Art. 12(3)), once, with the reason the person
 * must be told within the first month.
 * @example
 * await extendRequest(ctx, id, { months: 2, reason: 'Records in three branches to collect' });
 */
export async function extendRequest(
  ctx: Ctx,
  id: string,
  input: { months: number; reason: string },
): Promise<GdprRequest> {
  const row = await requestRow(ctx, id);
  const problems: FieldProblem[] = [];
  if (!Number.isInteger(input.months) || input.months < 1 || input.months > 2)
    problems.push({ path: '/months', message: 'an extension is 1 or 2 months (Art. 12(3))' });
  if (!input.reason?.trim()) problems.push({ path: '/reason', message: 'the person must be told why' });
  if (problems.length) throw invalid('The deadline cannot be extended', problems);
  if (row.status !== 'open')
    throw conflict(
      row.status === 'extended' ? 'The deadline was already extended once' : `The request is ${row.status}`,
      { status: row.status },
    );
  if (localToday(ctx.clock.now()) > row.dueOn)
    throw conflict('The first month has passed: an extension must be decided within it (Art. 12(3))', {
      dueOn: row.dueOn,
    });
  return update(ctx, row, {
    status: 'extended',
    extendedTo: addMonths(row.dueOn, input.months),
    extensionReason: input.reason.trim(),
  });
}

/**
 * Closes a request: `done` with what was decided, or `refused` with the basis (Art. 12(4): the person
 * is told why and that they may complain to the supervisory authority).
 * @example
 * await closeRequest(ctx, id, { status: 'refused', decision: 'Manifestly unfounded', basis: 'Art. 12(5)(b)' });
 */
export async function closeRequest(
  ctx: Ctx,
  id: string,
  input: { status: 'done' | 'refused'; decision: string; basis?: string | null; outcome?: Record<string, unknown> },
): Promise<GdprRequest> {
  const row = await requestRow(ctx, id);
  const problems: FieldProblem[] = [];
  if (!input.decision?.trim()) problems.push({ path: '/decision', message: 'say what was decided' });
  if (input.status === 'refused' && !input.basis?.trim())
    problems.push({ path: '/basis', message: 'a refusal names its legal basis' });
  if (problems.length) throw invalid('The request cannot be closed', problems);
  if (!isActive(row)) throw conflict(`The request is already ${row.status}`, { status: row.status });
  return update(ctx, row, {
    status: input.status,
    decision: input.decision.trim(),
    basis: input.basis?.trim() || null,
    ...(input.outcome ? { outcome: { ...(row.outcome ?? {}), ...input.outcome } } : {}),
    closedAt: ctx.clock.now(),
  });
}

/** Writes a change to a request with its audit entry (in the caller's transaction, or a new one). */
export async function update(ctx: Ctx, row: RequestRow, set: Partial<RequestRow>): Promise<GdprRequest> {
  const next = { ...row, ...set, handledBy: ctx.actor.userId, updatedAt: ctx.clock.now() };
  await inTransaction(ctx, async (tx) => {
    const r = tx.t.gdprRequests;
    await tx.db
      .update(r)
      .set({ ...set, handledBy: next.handledBy, updatedAt: next.updatedAt })
      .where(eq(r.id, row.id));
    await writeAudit(tx, {
      action: `gdpr.request.${set.status ?? 'update'}`,
      entity: 'gdpr_request',
      entityId: row.id,
      data: { kind: row.kind, clientId: row.clientId, status: next.status },
    });
  });
  return (await shown(ctx, [next]))[0]!;
}

export { isActive };
