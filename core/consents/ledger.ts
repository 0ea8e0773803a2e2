/**
 * @module consents/ledger
 * The consent ledger (table `lead_consents`): a client's consents and objections per purpose, each
 * an appended row — purpose, version, the SHA-256 of the exact text, given or withdrawn, when, how,
 * by whom, a note. Reading and recording go through the client's scope like every client route
 * (`clients:read` to see, `clients:write` to record); a client out of scope is "not found".
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { writeAudit } from '../audit/index.ts';
import { openClientRow, scopedClientRow } from '../clients/index.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { conflict, invalid } from '../errors.ts';
import { newId } from '../ids/index.ts';
import { purposeOf, purposesOf, type Label, type Lang, type Purpose } from './purposes.ts';
import {
  consentMethods,
  derive,
  type ConsentAction,
  type ConsentMethod,
  type LedgerEvent,
  type PurposeStateCore,
} from './state.ts';

export interface ConsentEvent extends LedgerEvent {
  id: string;
  method: string;
  recordedBy: { id: string; name: string } | null;
  leadId: string | null;
  leadSource: string | null;
  origin: string | null;
  textHash: string | null;
  language: string | null;
  note: string | null;
}

export interface PurposeState extends PurposeStateCore {
  purpose: {
    id: string;
    label: Label;
    basis: Purpose['basis'];
    channels: string[];
    current: string | null;
    /** The current version's texts and their SHA-256, to show before recording a consent. */
    text: Label | null;
    sha256: Label | null;
  };
  history: ConsentEvent[];
}

export interface ClientConsents {
  clientId: string;
  purposes: PurposeState[];
  /** Rows for purposes no longer in the config: kept as evidence. */
  other: ConsentEvent[];
}

/** Ledger rows of these clients (and purposes), oldest first. */
export async function ledgerRows(ctx: Ctx, clientIds: readonly string[], purposes?: readonly string[]) {
  if (!clientIds.length) return [];
  const c = ctx.t.leadConsents;
  return ctx.db
    .select()
    .from(c)
    .where(and(inArray(c.clientId, [...clientIds]), purposes ? inArray(c.purpose, [...purposes]) : undefined))
    .orderBy(asc(c.givenAt), asc(c.id));
}

type Row = Awaited<ReturnType<typeof ledgerRows>>[number];
const eventOf = (r: Row, names: Map<string, string>): ConsentEvent => ({
  id: r.id,
  purpose: r.purpose,
  version: r.version,
  action: r.action,
  at: r.givenAt,
  method: r.method,
  recordedBy: r.recordedBy ? { id: r.recordedBy, name: names.get(r.recordedBy) ?? '' } : null,
  leadId: r.leadId,
  leadSource: r.leadSource,
  origin: r.origin,
  textHash: r.textHash,
  language: r.language,
  note: r.note,
});

function stateOf(p: Purpose, events: ConsentEvent[], data: Record<string, unknown>): PurposeState {
  const current = p.versions.find((v) => v.id === p.current);
  return {
    purpose: {
      id: p.id,
      label: p.label,
      basis: p.basis,
      channels: p.channels,
      current: p.current,
      text: current?.text ?? null,
      sha256: current?.sha256 ?? null,
    },
    ...derive(p, events, data),
    history: events.filter((e) => e.purpose === p.id),
  };
}

/**
 * A client's consents: per purpose its state (derived from the ledger) and history, newest last.
 * @example
 * const { purposes } = await getConsents(ctx, clientId);
 * purposes.find((p) => p.purpose.id === 'sms-reminders')?.state // 'given'
 */
export async function getConsents(ctx: Ctx, clientId: string): Promise<ClientConsents> {
  const row = openClientRow(ctx, await scopedClientRow(ctx, clientId, 'clients:read'));
  const rows = await ledgerRows(ctx, [clientId]);
  const userIds = [...new Set(rows.map((r) => r.recordedBy).filter((u): u is string => !!u))];
  const users = userIds.length
    ? await ctx.db
        .select({ id: ctx.t.users.id, name: ctx.t.users.name })
        .from(ctx.t.users)
        .where(inArray(ctx.t.users.id, userIds))
    : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  const events = rows.map((r) => eventOf(r, names));
  const purposes = purposesOf(ctx.config);
  const known = new Set(purposes.map((p) => p.id));
  return {
    clientId,
    purposes: purposes.map((p) => stateOf(p, events, row.data)),
    other: events.filter((e) => !known.has(e.purpose)),
  };
}

export interface ConsentInput {
  purpose: string;
  action: ConsentAction;
  /** How the person gave or withdrew it: by phone, on paper, by e-mail… */
  method: ConsentMethod;
  /** The version shown (default: the current one). Only for `given`. */
  version?: string;
  /** The language of the text shown (default `pl`). */
  language?: Lang;
  note?: string;
}

/**
 * Record a consent given (by phone, on paper…) or a withdrawal (or an objection to a legitimate
 * interest). Withdrawing what was never given is a 409 naming the purpose.
 * @example
 * await recordConsent(ctx, clientId, { purpose: 'sms-reminders', action: 'given', method: 'phone',
 *   note: 'Zgoda udzielona w rozmowie 12.03' });
 * await recordConsent(ctx, clientId, { purpose: 'sms-reminders', action: 'withdrawn', method: 'email' });
 */
export async function recordConsent(ctx: Ctx, clientId: string, input: ConsentInput): Promise<PurposeState> {
  const purpose = purposeOf(ctx.config, input.purpose);
  if (!purpose)
    throw invalid(`There is no purpose "${input.purpose}"`, [
      {
        path: '/purpose',
        message: `unknown purpose (known: ${purposesOf(ctx.config)
          .map((p) => p.id)
          .join(', ')})`,
      },
    ]);
  if (!(consentMethods as readonly string[]).includes(input.method))
    throw invalid('Unknown method', [{ path: '/method', message: `one of ${consentMethods.join(', ')}` }]);
  const name = `"${purpose.id}" (${purpose.label.en})`;
  if (purpose.basis === 'contract' || purpose.basis === 'legal-obligation')
    throw invalid(`The purpose ${name} rests on ${purpose.basis}, not consent: there is nothing to give or withdraw`, [
      { path: '/purpose', message: `lawful basis ${purpose.basis}` },
    ]);
  if (input.action === 'given' && purpose.basis !== 'consent')
    throw invalid(`The purpose ${name} rests on a legitimate interest: record an objection (withdrawn) only`, [
      { path: '/action', message: 'only "withdrawn" for a legitimate interest' },
    ]);
  if (input.action === 'withdrawn' && input.version !== undefined)
    throw invalid('A withdrawal names no version', [{ path: '/version', message: 'not with "withdrawn"' }]);
  const versionId = input.version ?? purpose.current;
  const version = purpose.versions.find((v) => v.id === versionId);
  if (input.action === 'given' && !version)
    throw invalid(`The purpose ${name} has no version "${String(versionId)}"`, [
      { path: '/version', message: `known: ${purpose.versions.map((v) => v.id).join(', ')}` },
    ]);
  const language: Lang = input.language ?? 'pl';
  return inTransaction(ctx, async (tx) => {
    const client = openClientRow(tx, await scopedClientRow(tx, clientId, 'clients:write'));
    const prior = (await ledgerRows(tx, [clientId], [purpose.id])).map((r) => eventOf(r, new Map()));
    const before = derive(purpose, prior, client.data);
    if (input.action === 'withdrawn') {
      if (purpose.basis === 'consent' && before.state !== 'given')
        throw conflict(
          before.state === 'withdrawn'
            ? `The consent ${name} was already withdrawn on ${before.at!.toISOString().slice(0, 10)}`
            : `The consent ${name} was never given by this client, so it cannot be withdrawn`,
          { purpose: purpose.id, state: before.state },
        );
      if (purpose.basis === 'legitimate-interest' && before.state === 'withdrawn')
        throw conflict(`The client already objected to ${name}`, { purpose: purpose.id, state: before.state });
    }
    const now = tx.clock.now();
    const id = newId();
    await tx.db.insert(tx.t.leadConsents).values({
      id,
      leadId: null,
      clientId,
      purpose: purpose.id,
      version: input.action === 'given' ? version!.id : (before.version ?? purpose.current ?? '-'),
      givenAt: now,
      origin: null,
      action: input.action,
      method: input.method,
      recordedBy: tx.actor.userId,
      leadSource: null,
      textHash: input.action === 'given' ? version!.sha256[language] : null,
      language: input.action === 'given' ? language : null,
      note: input.note?.trim() || null,
    });
    await writeAudit(tx, {
      action: input.action === 'given' ? 'consent.give' : 'consent.withdraw',
      entity: 'client',
      entityId: clientId,
      data: { purpose: purpose.id, version: input.action === 'given' ? version!.id : null, method: input.method },
    });
    const rows = await ledgerRows(tx, [clientId], [purpose.id]);
    const users = tx.actor.userId
      ? await tx.db
          .select({ id: tx.t.users.id, name: tx.t.users.name })
          .from(tx.t.users)
          .where(eq(tx.t.users.id, tx.actor.userId))
      : [];
    return stateOf(
      purpose,
      rows.map((r) => eventOf(r, new Map(users.map((u) => [u.id, u.name])))),
      client.data,
    );
  });
}
