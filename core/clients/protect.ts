/**
 * @module clients/protect
 * The storage mapping of a client's fields: what is written for `data`, `search_text` and
 * `client_keys`, and how a stored row is read back. Fields marked `x-crm-encrypted` are stored
 * sealed (AES-256-GCM under the install's data key, a random IV per value, the key id with the
 * ciphertext, bound to the client's id and the field's name); the search index holds, for them,
 * only keyed hashes of their words (and of a phone's leading and trailing 4–9 digits), never the
 * words. Every writer goes through `storedClient`, every reader through `openClientRow` (or
 * `toClient`, which calls it): nothing else needs to know a field is encrypted.
 *
 * What search still finds for an encrypted field: the exact value (PESEL, NIP, phone, e-mail by
 * keyed hash in `client_keys`), a whole word of it (an e-mail's `kowalski`), and a phone by 4 or
 * more of its leading or trailing digits. Not found: word prefixes (`kowal`) and digits in the middle.
 */
import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { CrmError } from '../errors.ts';
import { isSealed, KeyError, openValue, sealValue, type Keyring } from '../keys/index.ts';
import type { FieldInfo, KindFields } from './fields.ts';
import { keysOf } from './keys.ts';
import { searchTextOf, words } from './normalize.ts';

/** Where a field's sealed value belongs: the associated data of its ciphertext. */
const placeOf = (clientId: string, field: string) => `client:${clientId}:${field}`;

/** A keyed hash of one search word, as it stands in `search_text` (a word no one types). */
export function searchToken(secret: string, word: string): string {
  return 'x' + createHmac('sha256', secret).update(`search:${word}`).digest('hex').slice(0, 24);
}

/** The hashed search words of an encrypted field's value. */
export function hashedWords(secret: string, f: FieldInfo, v: unknown): string[] {
  if (!f.searchable || v === undefined || v === null) return [];
  if (f.key === 'phone' && typeof v === 'string') {
    const digits = v.replace(/\D/g, '');
    const national = digits.length === 11 && digits.startsWith('48') ? digits.slice(2) : digits;
    const parts = new Set<string>([digits]);
    for (let n = 4; n <= national.length; n++) {
      parts.add(national.slice(0, n));
      parts.add(national.slice(-n));
    }
    return [...parts].map((p) => searchToken(secret, p));
  }
  if (f.key && f.key !== 'email') return []; // identifiers: exact match by keyed hash only
  if (typeof v !== 'string' && typeof v !== 'number') return [];
  return [...new Set(words(String(v)))].map((w) => searchToken(secret, w));
}

/**
 * The search alternatives of one query: per word its prefix or its hashed form; a phone-like
 * query also as one run of digits.
 */
export function queryTokens(
  secret: string,
  q: string,
): { terms: Array<{ word: string; token: string }>; digits?: string } {
  const terms = words(q)
    .slice(0, 8)
    .map((word) => ({ word, token: searchToken(secret, word) }));
  const digits = q.replace(/[\s()+-]/g, '');
  const phoneLike = /^\d{4,15}$/.test(digits) && terms.length > 1;
  const national = digits.length === 11 && digits.startsWith('48') ? digits.slice(2) : digits;
  return phoneLike ? { terms, digits: searchToken(secret, national) } : { terms };
}

/** What is stored for a client's (validated, normalised) data. */
export interface StoredFields {
  data: Record<string, unknown>;
  searchText: string;
  keys: ReturnType<typeof keysOf>;
}

/**
 * The stored form of a client's data: encrypted fields sealed, the search text with hashed words
 * for them, the keyed hashes of identifiers. Throws (writing nothing) when there is no usable key.
 * @example
 * const s = storedClient(ctx, kf, id, data, displayName);
 * await tx.db.insert(tx.t.clients).values({ id, …, data: s.data, searchText: s.searchText });
 * await storeKeys(tx, id, s.keys);
 */
export function storedClient(
  ctx: Pick<Ctx, 'keyring' | 'secret'>,
  kf: KindFields,
  clientId: string,
  data: Record<string, unknown>,
  displayName: string,
): StoredFields {
  const sealed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    const f = kf.fields.get(k);
    sealed[k] = f?.encrypted && v !== null && v !== undefined && !isSealed(v) ? seal(ctx.keyring, clientId, k, v) : v;
  }
  const hashed = [...kf.fields.values()].flatMap((f) => (f.encrypted ? hashedWords(ctx.secret, f, data[f.name]) : []));
  return {
    data: sealed,
    searchText: [searchTextOf(kf, data, displayName), ...hashed].filter(Boolean).join(' '),
    keys: keysOf(ctx.secret, kf, data),
  };
}

function seal(ring: Keyring, clientId: string, field: string, v: unknown): string {
  try {
    return sealValue(ring, placeOf(clientId, field), v);
  } catch (e) {
    throw keyProblem(e);
  }
}

/**
 * A stored client's data with every sealed value opened (whatever the config says now: a field
 * no longer marked encrypted still opens). A value that does not open is a 500 naming the key.
 * @example
 * const plain = openClientData(ctx, row.id, row.data);
 */
export function openClientData(
  ctx: Pick<Ctx, 'keyring'>,
  clientId: string,
  data: Record<string, unknown>,
): Record<string, unknown> {
  let out: Record<string, unknown> | null = null;
  for (const [k, v] of Object.entries(data)) {
    if (!isSealed(v)) continue;
    out ??= { ...data };
    try {
      out[k] = openValue(ctx.keyring, placeOf(clientId, k), v);
    } catch (e) {
      throw keyProblem(e);
    }
  }
  return out ?? data;
}

/**
 * A stored row with its data opened: what every reader of `clients.data` uses (lists, cards,
 * exports, reminders, PDFs). `toClient` calls it; a reader that needs the unmasked values calls it.
 * @example
 * const [row] = await ctx.db.select().from(ctx.t.clients).where(eq(ctx.t.clients.id, id));
 * const phone = openClientRow(ctx, row).data.phone;
 */
export function openClientRow<R extends { id: string; data: Record<string, unknown> }>(
  ctx: Pick<Ctx, 'keyring'>,
  row: R,
): R {
  const data = openClientData(ctx, row.id, row.data);
  return data === row.data ? row : { ...row, data };
}

function keyProblem(e: unknown): Error {
  if (e instanceof KeyError) return new CrmError('internal', `Encrypted client data: ${e.message}`);
  return e as Error;
}

/**
 * Check at start that the data keys open what this database holds: one sealed value is opened
 * (a wrong CRM_DATA_KEY is refused before anything is read or written with it).
 * @example
 * await verifyDataKeys(crm.system());
 */
export async function verifyDataKeys(ctx: Ctx): Promise<void> {
  const c = ctx.t.clients;
  const text = ctx.database.dialect === 'postgres' ? sql`${c.data}::text` : sql`${c.data}`;
  const [row] = await ctx.db
    .select({ id: c.id, data: c.data })
    .from(c)
    .where(sql`${text} like ${'%"enc:v1:%'}`)
    .limit(1);
  if (!row) return;
  for (const [k, v] of Object.entries(row.data))
    if (isSealed(v)) {
      openValue(ctx.keyring, placeOf(row.id, k), v); // a KeyError here says which key is missing or wrong
      return;
    }
}
