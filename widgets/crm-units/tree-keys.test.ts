/**
 * @module widgets/crm-units/tree-keys.test
 * The unit tree's keys over a small tree: moving, opening and closing, choosing.
 */
import { describe, expect, it } from 'vitest';
import { treeKey, type VisibleRow } from './tree-keys.ts';

// Centrala (open) → Północ (open) → Gdańsk; Południe (closed, has Kraków).
const rows: VisibleRow[] = [
  { id: 'hq', parentId: null, hasChildren: true, expanded: true },
  { id: 'north', parentId: 'hq', hasChildren: true, expanded: true },
  { id: 'gdansk', parentId: 'north', hasChildren: false, expanded: false },
  { id: 'south', parentId: 'hq', hasChildren: true, expanded: false },
];

describe('unit tree keyboard (ARIA tree view)', () => {
  it('moves up and down the visible rows and jumps to the first and last, without wrapping', () => {
    expect(treeKey('ArrowDown', rows, 'hq')).toEqual({ kind: 'focus', id: 'north' });
    expect(treeKey('ArrowUp', rows, 'gdansk')).toEqual({ kind: 'focus', id: 'north' });
    expect(treeKey('ArrowDown', rows, 'south')).toEqual({ kind: 'none' });
    expect(treeKey('ArrowUp', rows, 'hq')).toEqual({ kind: 'none' });
    expect(treeKey('Home', rows, 'south')).toEqual({ kind: 'focus', id: 'hq' });
    expect(treeKey('End', rows, 'hq')).toEqual({ kind: 'focus', id: 'south' });
  });

  it('opens a closed row with Right and enters an open one; Left closes it or goes to the parent', () => {
    expect(treeKey('ArrowRight', rows, 'south')).toEqual({ kind: 'expand', id: 'south' });
    expect(treeKey('ArrowRight', rows, 'north')).toEqual({ kind: 'focus', id: 'gdansk' });
    expect(treeKey('ArrowRight', rows, 'gdansk')).toEqual({ kind: 'none' });
    expect(treeKey('ArrowLeft', rows, 'north')).toEqual({ kind: 'collapse', id: 'north' });
    expect(treeKey('ArrowLeft', rows, 'gdansk')).toEqual({ kind: 'focus', id: 'north' });
    expect(treeKey('ArrowLeft', rows, 'south')).toEqual({ kind: 'focus', id: 'hq' });
    expect(treeKey('ArrowLeft', rows, 'hq')).toEqual({ kind: 'collapse', id: 'hq' });
  });

  it('chooses with Enter or Space; other keys do nothing; a lost focus goes to the first row', () => {
    expect(treeKey('Enter', rows, 'gdansk')).toEqual({ kind: 'choose', id: 'gdansk' });
    expect(treeKey(' ', rows, 'south')).toEqual({ kind: 'choose', id: 'south' });
    expect(treeKey('a', rows, 'south')).toEqual({ kind: 'none' });
    expect(treeKey('ArrowDown', rows, 'gone')).toEqual({ kind: 'focus', id: 'hq' });
    expect(treeKey('ArrowDown', [], 'gone')).toEqual({ kind: 'none' });
  });
});
