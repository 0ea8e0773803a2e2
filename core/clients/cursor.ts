/**
 * @module clients/cursor
 * Keyset cursors of the client list: the sort key and id of the last row of a page with the sort
 * they belong to, sealed (encrypted and authenticated, see `core/cursor`), so a caller cannot read
 * the sort key (a client's name when sorting by name), forge a cursor, or reuse one from another
 * sort. Every field is checked after opening: anything wrong is a 400 naming `cursor`.
 */
import { badCursor, isCursorId, isCursorInstant, openCursor, sealCursor } from '../cursor/index.ts';
import { badRequest } from '../errors.ts';

export type SortKey = 'createdAt' | 'updatedAt' | 'displayName';
export type Order = 'asc' | 'desc';
export interface CursorValue {
  sort: SortKey;
  order: Order;
  value: string | number;
  id: string;
}

const PURPOSE = 'clients';

export function encodeCursor(secret: string, c: CursorValue): string {
  return sealCursor(secret, PURPOSE, [c.sort, c.order, c.value, c.id]);
}

/**
 * @example
 * const text = encodeCursor(secret, { sort: 'createdAt', order: 'desc', value: 1767225600000, id: 'x' });
 * decodeCursor(secret, text, 'createdAt', 'desc').value // 1767225600000
 */
export function decodeCursor(secret: string, text: string, sort: SortKey, order: Order): CursorValue {
  const parsed = openCursor(secret, PURPOSE, text);
  if (!Array.isArray(parsed) || parsed.length !== 4 || !isCursorId(parsed[3])) throw badCursor();
  if (parsed[0] !== sort || parsed[1] !== order) {
    throw badRequest('The cursor belongs to another sort order; start again from the first page', {
      field: 'cursor',
      problems: [{ path: '?cursor', message: 'cursor of another sort' }],
    });
  }
  const value: unknown = parsed[2];
  const ok = sort === 'displayName' ? typeof value === 'string' && value.length <= 1000 : isCursorInstant(value);
  if (!ok) throw badCursor();
  return { sort, order, value: value as string | number, id: parsed[3] };
}
