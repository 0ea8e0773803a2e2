/**
 * @module cursor
 * Sealed (encrypted and authenticated) keyset cursors shared by every paged list.
 */
export { sealCursor, openCursor, badCursor, isCursorId, isCursorInstant } from './seal.ts';
