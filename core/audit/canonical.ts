/**
 * @module audit/canonical
 * The canonical form of an audit entry and its hash. An entry's hash is SHA-256 over one line of JSON
 * holding, in a fixed order, the format version, its place in the chain, every column that says what
 * happened, and the previous entry's hash; `data` is written with its object keys sorted at every
 * depth, so the form does not depend on how an engine stores JSON (PostgreSQL's jsonb reorders keys).
 */
import { createHash } from 'node:crypto';

/** The previous hash of the first entry. */
export const GENESIS = '0'.repeat(64);

/** What an entry's hash covers. */
export interface ChainedFields {
  seq: number;
  id: string;
  at: Date;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  clientId: string | null;
  data: Record<string, unknown>;
  prevHash: string;
}

/**
 * JSON with object keys sorted at every depth (arrays keep their order, `undefined` members are left out).
 * @example
 * canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }); // '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonicalJson(x))).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

/**
 * `data` as it will read back from either engine: plain JSON (a Date becomes its ISO string, `undefined` goes).
 * Hashing this form makes the hash computed at write time equal to the one recomputed by `verify`.
 */
export function plainData(data: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
}

/**
 * The hash of an entry (hex SHA-256).
 * @example
 * const hash = entryHash({ seq: 1, id, at, actorId, action, entity, entityId, clientId, data, prevHash: GENESIS });
 */
export function entryHash(e: ChainedFields): string {
  const head = JSON.stringify([
    1,
    e.seq,
    e.id,
    e.at.getTime(),
    e.actorId,
    e.action,
    e.entity,
    e.entityId,
    e.clientId,
    e.prevHash,
  ]);
  return createHash('sha256').update(head).update('\n').update(canonicalJson(e.data)).digest('hex');
}
