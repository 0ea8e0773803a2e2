/**
 * @module org/path
 * Materialized paths: a unit's path is its ancestors' ids and its own, `/a/b/c/`. "This unit and
 * everything below it" is the index range `[path, path with its last '/' replaced by '0')`:
 * '0' is the byte after '/', so the range holds exactly the paths that start with `path`.
 */
import { and, gte, lt, type Column, type SQL } from 'drizzle-orm';

export const childPath = (parentPath: string | null, id: string) => `${parentPath ?? '/'}${id}/`;

/** The SQL condition "column holds a path in the subtree of `path`" (the unit itself included). */
export function inSubtree(column: Column, path: string): SQL {
  return and(gte(column, path), lt(column, `${path.slice(0, -1)}0`))!;
}

export const isWithin = (path: string, ancestorPath: string) => path.startsWith(ancestorPath);
export const depthOf = (path: string) => path.split('/').length - 2;
