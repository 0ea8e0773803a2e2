/**
 * @module clients/record
 * A stored client row → the client as the actor may see it. Two rules live here:
 * - masking: fields marked `x-crm-pii` / `x-crm-financial` are left out (the key is absent, not
 *   blanked) unless the actor holds `pii:read` / `financial:read` for this record — except personal
 *   identifiers (PESEL, phone, e-mail…), shown as `*******1359` to holders of `pii:masked`; the
 *   display name is left out too when it is built from a field the actor may not read;
 * - the partner view: a caller reaching the client only as its referring partner gets no fields at
 *   all and no display name (status, dates, owner and unit only);
 * - encryption: sealed fields are opened here (`protect.ts`), before masking; this is the one
 *   function that maps a stored row to a client, and every reader of client rows uses it;
 * - schema evolution: only fields the current config declares are shown. A field removed from the
 *   config stays in storage untouched (and reappears if the field comes back) but is not shown.
 *
 * `clientJson` is `JSON.stringify(toClient(ctx, row))` for the list page, with a shortcut: a row
 * whose stored `data` holds only declared fields, none sealed, all of them readable by the actor,
 * is written with that stored JSON text as it is (nothing to open, drop or mask).
 */
import { canAccess, maskFields, referrerOnly } from '../access/index.ts';
import { isSealed } from '../keys/index.ts';
import type { Ctx } from '../context.ts';
import type { Tables } from '../storage/index.ts';
import { clientFields, type ClientKind, type KindFields } from './fields.ts';
import { isoInstantJson } from './iso-instant.ts';
import { openClientData } from './protect.ts';

export type ClientRow = Tables['clients']['$inferSelect'];

export interface Client {
  id: string;
  kind: ClientKind;
  type: string;
  source: string | null;
  status: string;
  ownerId: string | null;
  unitId: string | null;
  partnerId: string | null;
  referrerId: string | null;
  /** Absent when built from fields the actor may not read. */
  displayName?: string;
  data: Record<string, unknown>;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const maskable = new WeakMap<KindFields, ReadonlySet<string>>();
/** Identifier fields (PESEL, NIP, phone, e-mail…): shown masked to holders of `pii:masked`. */
function maskableOf(kf: KindFields): ReadonlySet<string> {
  let out = maskable.get(kf);
  if (!out) maskable.set(kf, (out = new Set([...kf.fields.values()].filter((f) => f.key).map((f) => f.name))));
  return out;
}

/**
 * @example
 * const client = toClient(ctx, row); // masked for ctx.actor
 */
export function toClient(ctx: Ctx, row: Omit<ClientRow, 'searchText'>): Client {
  const kf = clientFields(ctx.config)[row.kind as ClientKind] ?? clientFields(ctx.config).person;
  const known: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(openClientData(ctx, row.id, row.data))) if (kf.fields.has(k)) known[k] = v;
  const record = { ownerId: row.ownerId, unitId: row.unitId, partnerId: row.partnerId };
  // A partner reaching the client only as its referrer sees status and dates: no field of the record
  // (company names, NIPs, income source, household size are neither pii nor financial, still not its).
  const partnerView = referrerOnly(ctx.actor, 'clients:read', record);
  const data = partnerView ? {} : maskFields(ctx.actor, record, known, kf.classes, maskableOf(kf));
  const nameHidden =
    partnerView ||
    kf.displayName.some((f) => {
      const info = kf.fields.get(f);
      return (
        (info?.pii && !canAccess(ctx.actor, 'pii:read', record)) ||
        (info?.financial && !canAccess(ctx.actor, 'financial:read', record))
      );
    });
  return {
    id: row.id,
    kind: row.kind as ClientKind,
    type: row.type,
    source: row.source,
    status: row.status,
    ownerId: row.ownerId,
    unitId: row.unitId,
    partnerId: row.partnerId,
    referrerId: row.referrerId,
    ...(nameHidden ? {} : { displayName: row.displayName }),
    data,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const str = JSON.stringify;

/**
 * The JSON text of `toClient(ctx, row)` (the same value; with `dataText`, the stored text of
 * `row.data`, spliced in when the actor sees every field of it as stored; see the module comment).
 * @example
 * const item = clientJson(ctx, row, '{"firstName":"Jan"}'); // '{"id":…,"data":{"firstName":"Jan"},…}'
 */
export function clientJson(ctx: Ctx, row: Omit<ClientRow, 'searchText'>, dataText?: string | null): string {
  if (dataText == null) return str(toClient(ctx, row));
  const kf = clientFields(ctx.config)[row.kind as ClientKind] ?? clientFields(ctx.config).person;
  const record = { ownerId: row.ownerId, unitId: row.unitId, partnerId: row.partnerId };
  let pii: boolean | undefined;
  let financial: boolean | undefined;
  for (const k in row.data) {
    const v = row.data[k];
    if (!kf.fields.has(k) || isSealed(v)) return str(toClient(ctx, row));
    for (const c of kf.classes.get(k) ?? []) {
      const may =
        c === 'pii'
          ? (pii ??= canAccess(ctx.actor, 'pii:read', record))
          : (financial ??= canAccess(ctx.actor, 'financial:read', record));
      if (!may) return str(toClient(ctx, row));
    }
  }
  // The display name hides as toClient hides it (a name built from a field the actor may not read).
  for (const f of kf.displayName) {
    const info = kf.fields.get(f);
    if (info?.pii && !(pii ??= canAccess(ctx.actor, 'pii:read', record))) return str(toClient(ctx, row));
    if (info?.financial && !(financial ??= canAccess(ctx.actor, 'financial:read', record)))
      return str(toClient(ctx, row));
  }
  if (referrerOnly(ctx.actor, 'clients:read', record)) return str(toClient(ctx, row));
  return (
    `{"id":${str(row.id)},"kind":${str(row.kind)},"type":${str(row.type)},"source":${str(row.source)},` +
    `"status":${str(row.status)},"ownerId":${str(row.ownerId)},"unitId":${str(row.unitId)},` +
    `"partnerId":${str(row.partnerId)},"referrerId":${str(row.referrerId)},` +
    `"displayName":${str(row.displayName)},"data":${dataText},"version":${str(row.version)},` +
    `"createdAt":${isoInstantJson(row.createdAt.getTime())},"updatedAt":${isoInstantJson(row.updatedAt.getTime())}}`
  );
}
