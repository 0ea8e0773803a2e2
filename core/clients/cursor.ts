/**
 * @module clients/cursor
 * Opaque keyset cursors: the sort key and id of the last row of a page, base64url-encoded with the
 * sort they belong to, so a cursor from another sort is refused instead of skipping rows.
 */
import { badRequest } from '../errors.ts';

export type SortKey = 'createdAt' | 'updatedAt' | 'displayName';
export type Order = 'asc' | 'desc';
export interface CursorValue {
  sort: SortKey;
  order: Order;
  value: string | number;
  id: string;
}

export function encodeCursor(c: CursorValue): string {
  return Buffer.from(JSON.stringify([c.sort, c.order, c.value, c.id])).toString('base64url');
}

/**
 * @example
 * decodeCursor(encodeCursor({ sort: 'createdAt', order: 'desc', value: 1767225600000, id: 'x' }), 'createdAt', 'desc')
 */
export function decodeCursor(text: string, sort: SortKey, order: Order): CursorValue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 4 ||
    typeof parsed[3] !== 'string' ||
    !['string', 'number'].includes(typeof parsed[2])
  ) {
    throw badRequest('The cursor is not valid; start again from the first page', {
      problems: [{ path: '?cursor', message: 'malformed cursor' }],
    });
  }
  if (parsed[0] !== sort || parsed[1] !== order) {
    throw badRequest('The cursor belongs to another sort order; start again from the first page', {
      problems: [{ path: '?cursor', message: 'cursor of another sort' }],
    });
  }
  return { sort, order, value: parsed[2] as string | number, id: parsed[3] };
}
