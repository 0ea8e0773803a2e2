/**
 * @module leads/intake
 * Receiving one lead: validated against the lead schema and the consents, matched against
 * existing clients by keyed hash (a match gets an activity, not a duplicate), protected for the
 * first referring partner within the window, assigned by the rules, and announced to the advisor
 * through the outbox — all in one transaction with the consent evidence, the audit entry and the
 * idempotency record, so a crash leaves either the whole lead or nothing. On SQLite, leads that
 * arrive together share one commit (see `group-commit.ts`): their idempotency records and candidate
 * clients are read in one query each (`batch-reads.ts`), their rows written as multi-row inserts,
 * and a lead that fails still rolls back alone.
 */
import { randomBytes } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { systemActor, type Actor } from '../access/index.ts';
import { writeAudit } from '../audit/index.ts';
import {
  clientFields,
  type KeyKind,
  type DuplicateProbe,
  updateClient,
  assertValidClassification,
} from '../clients/index.ts';
import { consentRowsForLead, methodOfLead } from '../consents/index.ts';
import { contextFor, type Ctx, type Runtime } from '../context.ts';
import { conflict, CrmError, invalid } from '../errors.ts';
import { newId } from '../ids/index.ts';
import { enqueue } from '../notifications/index.ts';
import { isUniqueViolation } from '../org/index.ts';
import { recordActivity, recordInitialStatus } from '../workflow/index.ts';
import { assignLead } from './assign.ts';
import { groupCommit, memo, type Batch } from './group-commit.ts';
import { insertLeadClient, prepareLeadClient, type PreparedClient } from './lead-client.ts';
import { priorResponse, responseOf, reusedKey, storeFirstResponse, type StoredResponse } from './idempotency.ts';
import { batchDuplicate, batchKey, leadReads, probeHashes, rememberClient, type LeadHint } from './batch-reads.ts';
import { checkConsents, parseLead, type LeadInput } from './lead-schema.ts';
import { leadNotice } from './notice.ts';
import type { SourceKey } from './source-keys.ts';
import { DAY_MS } from '../time/index.ts';

/** Who sends the lead: a public source key (browsers) or an actor (API key, signed-in user). */
export type LeadCaller =
  { kind: 'public-key'; key: SourceKey; origin: string | null } | { kind: 'actor'; actor: Actor };

export interface LeadOptions {
  idempotencyKey?: string;
  /** The hash of the raw request body (idempotency compares it). */
  bodyHash?: string;
  /** The portal mapping that produced the lead, for the record. */
  mapping?: string;
}

export interface LeadResult extends StoredResponse {
  replayed: boolean;
}

export const newReference = () => `L-${randomBytes(5).toString('hex').toUpperCase()}`;
const scopeOf = (c: LeadCaller) =>
  c.kind === 'public-key' ? `public-key:${c.key.id}` : `user:${c.actor.userId ?? c.actor.name}`;
const viaOf = (c: LeadCaller) =>
  c.kind === 'public-key' ? `public-key:${c.key.id}` : `${c.actor.kind}:${c.actor.userId ?? c.actor.name}`;

interface Resolved {
  kind: 'person' | 'company';
  type: string;
  source: string | null;
  partnerId: string | null;
  personId: string | null;
  referrerId: string | null;
  reference: string;
  /** The partner's own reference, kept apart and unique per partner. */
  partnerReference: string | null;
}

async function resolveReferral(ctx: Ctx, caller: LeadCaller, lead: LeadInput): Promise<Resolved> {
  const pk = caller.kind === 'public-key' ? caller.key : null;
  if (pk && (lead.clientType || lead.source))
    throw invalid('A public source key fixes the client type and source', [
      { path: lead.clientType ? '/clientType' : '/source', message: 'not allowed with a public key' },
    ]);
  if (pk?.partnerId && lead.partner && lead.partner.id !== pk.partnerId)
    throw invalid('This key belongs to another partner', [{ path: '/partner/id', message: "not the key's partner" }]);
  const partnerRef = lead.partner?.id ?? pk?.partnerId ?? null;
  let partnerId: string | null = null;
  let referrerId: string | null = null;
  let personId: string | null = null;
  if (partnerRef) {
    const { t } = ctx;
    const [p] = await ctx.db
      .select({ id: t.partners.id, internalUserId: t.partners.internalUserId })
      .from(t.partners)
      .where(and(eq(t.partners.id, partnerRef), isNull(t.partners.archivedAt)))
      .limit(1);
    if (!p) throw invalid('Unknown partner', [{ path: '/partner/id', message: 'no active partner with this id' }]);
    if (lead.partner?.personId) {
      const [person] = await ctx.db
        .select({ id: t.partnerPeople.id })
        .from(t.partnerPeople)
        .where(
          and(
            eq(t.partnerPeople.id, lead.partner.personId),
            eq(t.partnerPeople.partnerId, p.id),
            isNull(t.partnerPeople.archivedAt),
          ),
        )
        .limit(1);
      if (!person)
        throw invalid('Unknown representative of this partner', [
          { path: '/partner/personId', message: 'not a representative of the partner' },
        ]);
      personId = person.id;
    }
    // An internal partner is an advisor: the client carries the user as referrer and no partner firm.
    if (p.internalUserId) referrerId = p.internalUserId;
    else {
      partnerId = p.id;
      referrerId = personId;
    }
  }
  const r: Resolved = {
    kind: lead.kind ?? 'person',
    type: pk?.clientType ?? lead.clientType ?? ctx.config.leads.clientType,
    source: pk?.source ?? lead.source ?? null,
    partnerId,
    personId,
    referrerId,
    reference: lead.partner?.reference ?? newReference(),
    partnerReference: partnerId ? (lead.partner?.reference ?? null) : null,
  };
  assertValidClassification(ctx, { type: r.type, source: r.source, partnerId: r.partnerId, referrerId: r.referrerId });
  return r;
}

function probeOf(ctx: Ctx, kind: 'person' | 'company', data: Record<string, unknown>): DuplicateProbe {
  const probe: DuplicateProbe = {};
  const allowed = new Set<string>(ctx.config.leads.dedupe);
  for (const f of clientFields(ctx.config)[kind].fields.values()) {
    const v = data[f.name];
    if (f.key && allowed.has(f.key) && typeof v === 'string') probe[f.key as KeyKind] = v;
  }
  return probe;
}

/** The first partner keeps a referral within the window; a later partner's claim is recorded. */
async function protectReferral(tx: Ctx, clientId: string, r: Resolved, leadId: string): Promise<void> {
  if (!r.partnerId) return;
  const { t } = tx;
  const [c] = await tx.db
    .select({
      partnerId: t.clients.partnerId,
      createdAt: t.clients.createdAt,
      version: t.clients.version,
      unitId: t.clients.unitId,
      type: t.clients.type,
      source: t.clients.source,
    })
    .from(t.clients)
    .where(eq(t.clients.id, clientId))
    .limit(1);
  if (!c || c.partnerId === r.partnerId) return;
  if (!c.partnerId) return; // the firm knew the person before any partner: no partner gains it by a late referral
  const [first] = await tx.db
    .select({ at: t.leads.createdAt })
    .from(t.leads)
    .where(and(eq(t.leads.clientId, clientId), eq(t.leads.partnerId, c.partnerId)))
    .orderBy(asc(t.leads.createdAt))
    .limit(1);
  const since = first?.at ?? c.createdAt;
  const now = tx.clock.now();
  if (now.getTime() - since.getTime() < tx.config.leads.protectionDays * DAY_MS) {
    await tx.db.insert(t.referralConflicts).values({
      id: newId(),
      clientId,
      keptPartnerId: c.partnerId,
      claimingPartnerId: r.partnerId,
      leadId,
      unitId: c.unitId,
      at: now,
      resolvedAt: null,
      resolvedBy: null,
      note: null,
    });
    return;
  }
  await updateClient(tx, clientId, {
    version: c.version,
    partnerId: r.partnerId,
    referrerId: r.personId,
    type: r.type,
    source: r.source,
  });
}

/** A partner's own reference names one referral: a second use is a 409 naming the field. */
const referenceTaken = (reference: string) =>
  conflict(`You have already used the reference "${reference}" for another referral`, {
    problems: [{ path: '/partner/reference', message: 'already used for another referral of this partner' }],
  });

async function assertFreeReference(tx: Ctx, r: Resolved, batch: Batch): Promise<void> {
  if (!r.partnerId || !r.partnerReference) return;
  const held = batch.held(tx.t.leads) as Array<{ partnerId: string | null; partnerReference: string | null }>;
  if (held.some((l) => l.partnerId === r.partnerId && l.partnerReference === r.partnerReference))
    throw referenceTaken(r.partnerReference);
  const { t } = tx;
  const [used] = await tx.db
    .select({ id: t.leads.id })
    .from(t.leads)
    .where(and(eq(t.leads.partnerId, r.partnerId), eq(t.leads.partnerReference, r.partnerReference)))
    .limit(1);
  if (used) throw referenceTaken(r.partnerReference);
}

async function notifyAdvisor(
  tx: Ctx,
  owner: { id: string | null; email?: string },
  unitId: string | null,
  clientId: string,
  r: Resolved,
  lead: LeadInput,
  matched: boolean,
  batch: Batch,
): Promise<void> {
  const ownerId = owner.id;
  if (!ownerId) return;
  const email =
    owner.email ??
    (await memo(batch, `user-email:${ownerId}`, async () => {
      const [u] = await tx.db
        .select({ email: tx.t.users.email })
        .from(tx.t.users)
        .where(eq(tx.t.users.id, ownerId))
        .limit(1);
      return u?.email ?? null;
    }));
  if (!email) return;
  // Only to the assigned advisor, who may see the client; the body (name, phone) is sealed in the outbox.
  const { subject, text } = leadNotice(tx.config, {
    reference: r.reference,
    kind: r.kind,
    type: r.type,
    source: r.source,
    clientId,
    data: lead.data,
    matched,
  });
  await enqueue(batch.later(tx), {
    channel: 'email',
    purpose: 'lead-assigned',
    to: [email],
    email: { subject, text },
    sealed: true,
    subject: `client:${clientId}`,
    ownerId,
    ...(unitId ? { unitId } : {}),
  });
}

/**
 * Receive one lead. Throws 422 with every problem for an invalid lead; replays the first response
 * for a repeated idempotency key.
 * @example
 * const r = await receiveLead(crm.runtime, { kind: 'actor', actor }, { data: { firstName: 'Jan', lastName: 'Kowalski',
 *   phone: '600100200' },
 *   consents: [{ purpose: 'contact', version: '1' }] }, { idempotencyKey: 'f1c2…' });
 * r.status // 201
 */
export async function receiveLead(
  rt: Runtime,
  caller: LeadCaller,
  body: unknown,
  options: LeadOptions = {},
): Promise<LeadResult> {
  const ctx = contextFor(rt, systemActor(`leads:${viaOf(caller)}`));
  const scope = scopeOf(caller);
  const key = options.idempotencyKey;
  const hash = options.bodyHash ?? '';
  // No look-up of the key here: the batch reads every lead's idempotency record in one query, and a read
  // here would cost every new lead a round trip (PostgreSQL) to spare a rare replay the wait for a batch.
  const lead = parseLead(rt.config, body);
  checkConsents(rt.config, lead.consents);
  const r = await resolveReferral(ctx, caller, lead);
  // Hashed before the batch: the batch reads every lead's idempotency record and candidates at once.
  const hashes = probeHashes(ctx, probeOf(ctx, r.kind, lead.data));
  const hint: LeadHint = { scope, hashes, ...(key ? { key } : {}) };
  // The new client's fields validated, normalised, sealed and hashed outside the write transaction.
  const prepared = prepareLeadClient(ctx, {
    kind: r.kind,
    type: r.type,
    source: r.source,
    partnerId: r.partnerId,
    referrerId: r.referrerId,
    data: lead.data,
  });
  try {
    return await groupCommit(
      ctx,
      async (tx, batch) => {
        const twin = `idempotency:${scope}\n${key}`;
        if (key) {
          // A twin earlier in the same batch (its row is not written yet), else a committed one.
          const mine = batch.memo.get(twin) as { hash: string; response: StoredResponse } | undefined;
          if (mine) {
            if (mine.hash !== hash) throw reusedKey();
            return { ...mine.response, replayed: true };
          }
          const read = batchKey(batch.memo, scope, key);
          const prior = read === undefined ? await priorResponse(tx, scope, key, hash) : responseOf(read, hash);
          if (prior) return { ...prior, replayed: true };
        }
        const response = await processLead(tx, caller, lead, r, options, batch, hashes, prepared);
        if (key) {
          await storeFirstResponse(batch.later(tx), scope, key, hash, response);
          batch.memo.set(twin, { hash, response });
        }
        return { ...response, replayed: false };
      },
      { batchRead: leadReads, hint },
    );
  } catch (e) {
    // Another instance stored the same partner reference first: the same 409 the check gives.
    if (r.partnerReference && isUniqueViolation(e, ['leads_partner_reference_uq', 'leads.partner_reference']))
      throw referenceTaken(r.partnerReference);
    // A concurrent twin with the same key committed first (PostgreSQL unique key): replay its answer.
    if (key) {
      // …or with another body: that twin's refusal (422) is the answer, not the database's error.
      const prior = await priorResponse(ctx, scope, key, hash).catch((err: unknown) => {
        if (err instanceof CrmError) throw err;
        return null;
      });
      if (prior) return { ...prior, replayed: true };
    }
    throw e;
  }
}

async function processLead(
  tx: Ctx,
  caller: LeadCaller,
  lead: LeadInput,
  r: Resolved,
  options: LeadOptions,
  batch: Batch,
  hashes: readonly string[],
  prepared: PreparedClient,
): Promise<StoredResponse> {
  const leadId = newId();
  const now = tx.clock.now();
  const dup = batchDuplicate(batch.memo, hashes);
  // A known client: what follows reads and changes it, so the batch's held-back rows go first.
  if (dup) await batch.flush(tx);
  let clientId: string;
  let ownerId: string | null;
  let unitId: string | null;
  let ownerEmail: string | undefined;
  if (dup) {
    clientId = dup.id;
    ownerId = dup.ownerId;
    unitId = dup.unitId;
    await recordActivity(tx, clientId, {
      type: tx.config.leads.activityType,
      note: `Ponowne zgłoszenie (lead ${r.reference}${r.source ? `, źródło ${r.source}` : ''})`,
    });
    await assertFreeReference(tx, r, batch);
    await protectReferral(tx, clientId, r, leadId);
  } else {
    await assertFreeReference(tx, r, batch);
    const a = await assignLead(tx, { source: r.source, partnerId: r.partnerId, data: lead.data }, batch);
    ownerEmail = a.ownerEmail;
    // The client and its keys are held back too: later leads of the batch find it in the memo.
    const client = await insertLeadClient(batch.later(tx), batch, prepared, {
      ownerId: a.ownerId,
      unitId: a.unitId,
    });
    await recordInitialStatus(batch.later(tx), client);
    const keys = batch.held(tx.t.clientKeys) as Array<{ clientId: string; hash: string }>;
    rememberClient(
      batch.memo,
      client,
      keys.filter((k) => k.clientId === client.id).map((k) => k.hash),
    );
    clientId = client.id;
    ownerId = client.ownerId;
    unitId = client.unitId;
  }
  const { t } = tx;
  // Read back within a batch only for partner referrals (protectReferral), after a flush.
  await batch
    .later(tx)
    .db.insert(t.leads)
    .values({
      id: leadId,
      reference: r.reference,
      via: viaOf(caller),
      mapping: options.mapping ?? null,
      clientType: r.type,
      source: r.source,
      clientId,
      outcome: dup ? 'matched' : 'created',
      partnerId: r.partnerId,
      partnerReference: r.partnerReference,
      partnerPersonId: r.personId,
      assignedTo: ownerId,
      unitId,
      createdAt: now,
    });
  const origin = caller.kind === 'public-key' ? caller.origin : null;
  if (lead.consents?.length) {
    await batch
      .later(tx)
      .db.insert(t.leadConsents)
      .values(
        // The consent ledger's rows (core/consents): version, SHA-256 of the text, how and from which source.
        consentRowsForLead(tx.config, {
          leadId,
          clientId,
          at: now,
          origin,
          method: methodOfLead({
            viaPublicKey: caller.kind === 'public-key',
            partnerId: r.partnerId,
            mapping: options.mapping ?? null,
          }),
          leadSource: r.source,
          consents: lead.consents,
        }),
      );
  }
  await notifyAdvisor(
    tx,
    { id: ownerId, ...(ownerEmail ? { email: ownerEmail } : {}) },
    unitId,
    clientId,
    r,
    lead,
    !!dup,
    batch,
  );
  await writeAudit(batch.later(tx), {
    action: 'lead.receive',
    entity: 'lead',
    entityId: leadId,
    data: {
      clientId,
      outcome: dup ? 'matched' : 'created',
      source: r.source,
      partnerId: r.partnerId,
      via: viaOf(caller),
    },
  });
  return { status: 201, body: { id: leadId, reference: r.reference, received: true } };
}
