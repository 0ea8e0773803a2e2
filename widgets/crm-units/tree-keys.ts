/**
 * @module widgets/crm-units/tree-keys
 * The keyboard of the unit tree (WAI-ARIA tree view pattern), as a pure function of the visible
 * rows: Up/Down move between visible rows, Home/End to the first and last, Right opens a closed
 * row or goes to its first child, Left closes an open row or goes to its parent, Enter or Space
 * chooses the row.
 */

/** A row as shown (children of closed rows are not in the list). */
export interface VisibleRow {
  id: string;
  parentId: string | null;
  hasChildren: boolean;
  expanded: boolean;
}

export type TreeAction =
  | { kind: 'focus'; id: string }
  | { kind: 'expand'; id: string }
  | { kind: 'collapse'; id: string }
  | { kind: 'choose'; id: string }
  | { kind: 'none' };

/**
 * @example
 * treeKey('ArrowDown', rows, 'hq'); // { kind: 'focus', id: 'north' }
 */
export function treeKey(key: string, rows: readonly VisibleRow[], activeId: string): TreeAction {
  const i = rows.findIndex((r) => r.id === activeId);
  if (i < 0) return rows.length ? { kind: 'focus', id: rows[0]!.id } : { kind: 'none' };
  const row = rows[i]!;
  const to = (j: number): TreeAction => (rows[j] && j !== i ? { kind: 'focus', id: rows[j]!.id } : { kind: 'none' });
  switch (key) {
    case 'ArrowDown':
      return to(i + 1);
    case 'ArrowUp':
      return to(i - 1);
    case 'Home':
      return to(0);
    case 'End':
      return to(rows.length - 1);
    case 'ArrowRight':
      if (!row.hasChildren) return { kind: 'none' };
      return row.expanded ? to(i + 1) : { kind: 'expand', id: row.id };
    case 'ArrowLeft':
      if (row.hasChildren && row.expanded) return { kind: 'collapse', id: row.id };
      return row.parentId ? { kind: 'focus', id: row.parentId } : { kind: 'none' };
    case 'Enter':
    case ' ':
      return { kind: 'choose', id: row.id };
    default:
      return { kind: 'none' };
  }
}
