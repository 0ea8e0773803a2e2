/**
 * @module gdpr/erase
 * Erasure (GDPR Art. 17) that keeps the books: the person's data is removed from every table and
 * index — the client record (fields, name, search text and its full-text index, keyed hashes), notes
 * of status moves and contacts, calendar items' titles, notes and places, messages' recipients and
 * texts, consent origins, pre-contract disclosures' names and PDFs, free texts of commission
 * inquiries and corrections, request identifiers — while sales,
 * commission lines and statements stay and sum as before (Art. 17(3)(b): records the firm must keep
 * under accounting and tax law), pointing at a pseudonymised client ("Klient usunięty #1a2b3c4d").
 * The client is marked `erased` (no write is accepted afterwards) and one `gdpr.erasure` audit entry
 * records the decision, its basis and what was done, by counts. The audit log is not rewritten: it
 * holds ids, actions and field names, never personal values (the audit module's rule), and rewriting
 * it would break its hash chain.
 *
 * The rows are rewritten in one transaction; `compactAfterErasure` then makes sure the old text does
 * not survive in the database file (SQLite: full-text index rebuilt, VACUUM, WAL truncated;
 * PostgreSQL: VACUUM of the tables touched) and discards kept export files.
 */
import { and, eq, inArray, notInArray } from 'drizzle-orm';
import { requirePermission } from '../access/index.ts';
import { writeAudit } from '../audit/index.ts';
import { compactClientStorage, openClientRow } from '../clients/index.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { conflict } from '../errors.ts';
import { OPEN_STATUSES } from '../notifications/index.ts';
import { exportJobs } from '../reports/index.ts';
import type { OutboxPayload } from '../storage/index.ts';
import { outboxAbout, relatedIds } from './export-data.ts';
import { reachableClient } from './requests.ts';

/** What an erased client is called everywhere from now on. */
export const pseudonymOf = (clientId: string) => `Klient usunięty #${clientId.replace(/-/g, '').slice(-8)}`;

const REDACTED = '[usunięto]';

export interface ErasureOptions {
  /** The request this executes, if any. */
  requestId?: string | null;
  /** The legal basis recorded with the decision. */
  basis?: string;
  /** Skip the file compaction (a retention run compacts once after many erasures). */
  compact?: boolean;
}

export interface ErasureResult {
  clientId: string;
  pseudonym: string;
  /** Rows rewritten per table. */
  rewritten: Record<string, number>;
  /** What stays, and why. */
  kept: Array<{ what: string; rows: number; why: string }>;
}

/** Every text of the person worth hunting for in free texts and JSON copies: values of 3+ characters. */
function needlesOf(displayName: string, data: Record<string, unknown>): string[] {
  const out = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === 'string' && v.trim().length >= 3) out.add(v.trim());
    else if (typeof v === 'number' && String(v).length >= 5) out.add(String(v));
  };
  add(displayName);
  for (const w of displayName.split(/\s+/)) add(w);
  for (const v of Object.values(data)) add(v);
  // A phone is also written without its spaces and country code.
  for (const v of Object.values(data))
    if (typeof v === 'string' && /^\+?[\d\s()-]{9,}$/.test(v)) {
      const digits = v.replace(/\D/g, '');
      add(digits);
      if (digits.startsWith('48') && digits.length === 11) add(digits.slice(2));
    }
  // Longest first, so "Jan Kowalski" goes before "Jan".
  return [...out].sort((a, b) => b.length - a.length);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A scrubber that replaces every needle in a text (case-insensitive) and in every string of a JSON value. */
function scrubberOf(needles: string[]) {
  const re = needles.length ? new RegExp(needles.map(escape).join('|'), 'giu') : null;
  const text = (s: string) => (re ? s.replace(re, REDACTED) : s);
  const json = (v: unknown): unknown => {
    if (typeof v === 'string') return text(v);
    if (Array.isArray(v)) return v.map(json);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, json(x)]));
    return v;
  };
  return { text, json, changed: (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b) };
}

/**
 * Erases one client's personal data (needs `gdpr:manage` and `clients:delete` over the client).
 * @example
 * const r = await eraseClient(ctx, clientId, { requestId, basis: 'Art. 17(1)(a): no longer necessary' });
 * r.pseudonym // 'Klient usunięty #9f3c2a10'
 */
export async function eraseClient(ctx: Ctx, clientId: string, options: ErasureOptions = {}): Promise<ErasureResult> {
  requirePermission(ctx.actor, 'gdpr:manage');
  requirePermission(ctx.actor, 'clients:delete');
  await reachableClient(ctx, clientId);
  const result = await inTransaction(ctx, (tx) => eraseRows(tx, clientId, options));
  if (options.compact !== false) await compactAfterErasure(ctx);
  return result;
}

async function eraseRows(ctx: Ctx, clientId: string, options: ErasureOptions): Promise<ErasureResult> {
  const { t } = ctx;
  const [stored] = await ctx.db.select().from(t.clients).where(eq(t.clients.id, clientId)).limit(1);
  const [already] = await ctx.db
    .select({ since: t.clientRestrictions.since })
    .from(t.clientRestrictions)
    .where(and(eq(t.clientRestrictions.clientId, clientId), eq(t.clientRestrictions.kind, 'erased')));
  if (already) throw conflict('This client was already erased', { since: already.since.toISOString() });
  const client = openClientRow(ctx, stored!);
  const scrub = scrubberOf(needlesOf(client.displayName, client.data));
  const pseudonym = pseudonymOf(clientId);
  const now = ctx.clock.now();
  const rel = await relatedIds(ctx, clientId);
  const rewritten: Record<string, number> = {};
  const count = (table: string, n: number) => {
    if (n) rewritten[table] = (rewritten[table] ?? 0) + n;
  };

  await ctx.db
    .update(t.clients)
    .set({ data: {}, displayName: pseudonym, searchText: '', version: stored!.version + 1, updatedAt: now })
    .where(eq(t.clients.id, clientId));
  count('clients', 1);
  count(
    'client_keys',
    (await ctx.db.delete(t.clientKeys).where(eq(t.clientKeys.clientId, clientId)).returning()).length,
  );
  count(
    'status_history',
    (
      await ctx.db
        .update(t.statusHistory)
        .set({ note: null, fields: {} })
        .where(eq(t.statusHistory.clientId, clientId))
        .returning({ id: t.statusHistory.id })
    ).length,
  );
  count(
    'activities',
    (
      await ctx.db
        .update(t.activities)
        .set({ note: null, nextStepNote: null })
        .where(eq(t.activities.clientId, clientId))
        .returning({ id: t.activities.id })
    ).length,
  );
  count(
    'calendar_items',
    (
      await ctx.db
        .update(t.calendarItems)
        .set({ title: pseudonym, note: null, place: null, onlineUrl: null, updatedAt: now })
        .where(eq(t.calendarItems.clientId, clientId))
        .returning({ id: t.calendarItems.id })
    ).length,
  );
  // Messages: the recipient and the text go; the row stays (it was sent, and may have cost money).
  const about = outboxAbout(ctx, [clientId, ...rel.calendarItems, ...rel.leads]);
  const o = t.outbox;
  const open = [...OPEN_STATUSES] as Array<(typeof OPEN_STATUSES)[number]>;
  await ctx.db
    .update(o)
    .set({ status: 'cancelled', skipReason: 'the client was erased (GDPR Art. 17)' })
    .where(and(about, inArray(o.status, open)));
  const messages = await ctx.db.select({ id: o.id, channel: o.channel }).from(o).where(about);
  for (const m of messages)
    await ctx.db
      .update(o)
      .set({
        recipient: REDACTED,
        payload: (m.channel === 'sms'
          ? { kind: 'sms', text: '' }
          : { kind: 'email', to: [], subject: '', text: '' }) as OutboxPayload,
        lastError: null,
        updatedAt: now,
      })
      .where(eq(o.id, m.id));
  count('outbox', messages.length);
  count(
    'lead_consents',
    (
      await ctx.db
        .update(t.leadConsents)
        .set({ origin: null, note: null })
        .where(eq(t.leadConsents.clientId, clientId))
        .returning({ id: t.leadConsents.id })
    ).length,
  );
  // Pre-contract disclosures: the fact, date and amounts stay (with the PDF's hash); the name and the PDF go.
  for (const d of await ctx.db
    .select({ id: t.disclosures.id, document: t.disclosures.document })
    .from(t.disclosures)
    .where(eq(t.disclosures.clientId, clientId))) {
    const doc = scrub.json(d.document) as Record<string, unknown>;
    const named = doc.client && typeof doc.client === 'object' ? { ...doc.client, name: pseudonym } : doc.client;
    await ctx.db
      .update(t.disclosures)
      .set({ document: { ...doc, client: named }, pdf: '' })
      .where(eq(t.disclosures.id, d.id));
    count('disclosures', 1);
  }
  // Sales and commission lines stay (Art. 17(3)(b)); only free texts and copies that name the person are scrubbed.
  if (rel.sales.length) {
    for (const s of await ctx.db
      .select({ id: t.sales.id, facts: t.sales.facts, cancellation: t.sales.cancellation })
      .from(t.sales)
      .where(inArray(t.sales.id, rel.sales))) {
      const facts = scrub.json(s.facts) as Record<string, unknown>;
      const cancellation = scrub.json(s.cancellation) as Record<string, unknown> | null;
      if (scrub.changed(facts, s.facts) || scrub.changed(cancellation, s.cancellation)) {
        await ctx.db.update(t.sales).set({ facts, cancellation }).where(eq(t.sales.id, s.id));
        count('sales', 1);
      }
    }
    const lines = await ctx.db
      .select({
        id: t.commissionLines.id,
        reason: t.commissionLines.correctionReason,
        ex: t.commissionLines.explanation,
      })
      .from(t.commissionLines)
      .where(inArray(t.commissionLines.saleId, rel.sales));
    for (const l of lines) {
      const reason = l.reason === null ? null : scrub.text(l.reason);
      const explanation = scrub.json(l.ex) as Record<string, unknown>;
      if (reason !== l.reason || scrub.changed(explanation, l.ex)) {
        await ctx.db
          .update(t.commissionLines)
          .set({ correctionReason: reason, explanation })
          .where(eq(t.commissionLines.id, l.id));
        count('commission_lines', 1);
      }
    }
    const lineIds = lines.map((l) => l.id);
    if (lineIds.length) {
      for (const q of await ctx.db
        .select({
          id: t.commissionInquiries.id,
          text: t.commissionInquiries.text,
          answer: t.commissionInquiries.answer,
        })
        .from(t.commissionInquiries)
        .where(inArray(t.commissionInquiries.lineId, lineIds))) {
        const text = scrub.text(q.text);
        const answer = q.answer === null ? null : scrub.text(q.answer);
        if (text !== q.text || answer !== q.answer) {
          await ctx.db.update(t.commissionInquiries).set({ text, answer }).where(eq(t.commissionInquiries.id, q.id));
          count('commission_inquiries', 1);
        }
      }
      for (const e of await ctx.db
        .select({ id: t.commissionInquiryEvents.id, text: t.commissionInquiryEvents.text })
        .from(t.commissionInquiryEvents)
        .where(inArray(t.commissionInquiryEvents.lineId, lineIds))) {
        const text = e.text === null ? null : scrub.text(e.text);
        if (text !== e.text) {
          await ctx.db.update(t.commissionInquiryEvents).set({ text }).where(eq(t.commissionInquiryEvents.id, e.id));
          count('commission_inquiry_events', 1);
        }
      }
    }
  }
  for (const c of await ctx.db
    .select({ id: t.referralConflicts.id, note: t.referralConflicts.note })
    .from(t.referralConflicts)
    .where(eq(t.referralConflicts.clientId, clientId))) {
    const note = c.note === null ? null : scrub.text(c.note);
    if (note !== c.note) {
      await ctx.db.update(t.referralConflicts).set({ note }).where(eq(t.referralConflicts.id, c.id));
      count('referral_conflicts', 1);
    }
  }
  // Imports that created the client: their first problems may quote the person's cells.
  const importIds = (
    await ctx.db
      .select({ id: t.importClients.importId })
      .from(t.importClients)
      .where(eq(t.importClients.clientId, clientId))
  ).map((r) => r.id);
  if (importIds.length)
    for (const i of await ctx.db
      .select({ id: t.imports.id, problems: t.imports.problems })
      .from(t.imports)
      .where(inArray(t.imports.id, importIds))) {
      const problems = scrub.json(i.problems) as Array<Record<string, unknown>>;
      if (scrub.changed(problems, i.problems)) {
        await ctx.db.update(t.imports).set({ problems }).where(eq(t.imports.id, i.id));
        count('imports', 1);
      }
    }
  // The person's requests keep what was asked and decided, not how they identified themselves.
  for (const r of await ctx.db
    .select({ id: t.gdprRequests.id, note: t.gdprRequests.note })
    .from(t.gdprRequests)
    .where(eq(t.gdprRequests.clientId, clientId))) {
    await ctx.db
      .update(t.gdprRequests)
      .set({ identifiers: {}, note: r.note === null ? null : scrub.text(r.note) })
      .where(eq(t.gdprRequests.id, r.id));
    count('gdpr_requests', 1);
  }
  await ctx.db
    .insert(t.clientRestrictions)
    .values({
      clientId,
      kind: 'erased',
      requestId: options.requestId ?? null,
      since: now,
      setBy: ctx.actor.userId,
      reason: options.basis ?? null,
    })
    .onConflictDoNothing();
  // A restriction or objection has nothing left to protect: the erased mark stands for both.
  await ctx.db
    .delete(t.clientRestrictions)
    .where(and(eq(t.clientRestrictions.clientId, clientId), notInArray(t.clientRestrictions.kind, ['erased'])));
  const kept = await keptRecords(ctx, rel.sales, clientId);
  await writeAudit(ctx, {
    action: 'gdpr.erasure',
    entity: 'client',
    entityId: clientId,
    data: { requestId: options.requestId ?? null, basis: options.basis ?? null, rewritten, kept },
  });
  return { clientId, pseudonym, rewritten, kept };
}

/**
 * What an erasure of the client keeps, and why: shown before the DPO confirms, recorded after.
 * @example
 * await erasurePreview(ctx, clientId)
 * // { pseudonym, erased: […], kept: [{ what: 'commission lines …', rows: 3, why: 'Art. 17(3)(b) …' }] }
 */
export async function erasurePreview(ctx: Ctx, clientId: string) {
  requirePermission(ctx.actor, 'gdpr:manage');
  const client = await reachableClient(ctx, clientId);
  const rel = await relatedIds(ctx, clientId);
  return {
    clientId,
    displayName: client.displayName,
    pseudonym: pseudonymOf(clientId),
    erasedKeys: ['record', 'notes', 'calendar', 'messages', 'evidence', 'free-texts'],
    erased: [
      'client record (fields, name, search index, identifier hashes)',
      'notes of status moves and contacts',
      "calendar items' titles, notes and places",
      'recipients and texts of messages',
      'consent origins, disclosure names and PDFs, request identifiers',
      'copies in free texts (corrections, inquiries, import problems)',
    ],
    kept: await keptRecords(ctx, rel.sales, clientId),
  };
}

async function keptRecords(ctx: Ctx, saleIds: string[], clientId: string) {
  const { t } = ctx;
  const lines = saleIds.length ? await ctx.db.$count(t.commissionLines, inArray(t.commissionLines.saleId, saleIds)) : 0;
  const disclosures = await ctx.db.$count(t.disclosures, eq(t.disclosures.clientId, clientId));
  const why = 'Art. 17(3)(b) GDPR: accounting and tax records the firm must keep (pseudonymised)';
  return [
    { key: 'sales', what: 'sales', rows: saleIds.length, why },
    { key: 'commission-lines', what: 'commission lines (and the statements that settle them)', rows: lines, why },
    {
      key: 'disclosures',
      what: 'pre-contract disclosures (date, amounts, PDF hash; no name, no PDF)',
      rows: disclosures,
      why: 'Art. 17(3)(b) GDPR: proof of the duty under art. 17 of the mortgage credit act',
    },
  ].filter((k) => k.rows > 0);
}

/**
 * Makes sure erased text does not survive in the database file: SQLite rebuilds the full-text index
 * (FTS5 keeps deleted tokens in its segments), VACUUMs (free pages hold old rows) and truncates the
 * write-ahead log; PostgreSQL VACUUMs the tables erasure rewrites. Kept export files are discarded.
 * @example
 * await compactAfterErasure(crm.system());
 */
export async function compactAfterErasure(ctx: Ctx): Promise<void> {
  await compactClientStorage(ctx);
  if (ctx.database.dialect === 'postgres')
    for (const table of [
      'status_history',
      'activities',
      'calendar_items',
      'outbox',
      'lead_consents',
      'disclosures',
      'gdpr_requests',
    ])
      await ctx.database.raw(`VACUUM ${table}`);
  // Any kept export may hold the person: every finished one is dropped (its creator can export again).
  exportJobs(ctx.database).sweep(new Date(8.64e15));
}
