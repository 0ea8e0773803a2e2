/**
 * @module widgets/crm-client-picker/combobox
 * The keyboard half of the combobox pattern (WAI-ARIA APG "combobox with listbox popup"), as a pure
 * function so it can be tested without a browser: which option is active after a key.
 */

/** What a key does to the list: a new active index, choose the active option, close, or nothing. */
export type ComboAction =
  { kind: 'move'; active: number } | { kind: 'choose'; active: number } | { kind: 'close' } | { kind: 'none' };

/**
 * @param active the active option's index, -1 for none
 * @param count how many options are shown
 * @example
 * comboKey('ArrowDown', -1, 5); // { kind: 'move', active: 0 }
 * comboKey('ArrowUp', 0, 5);    // { kind: 'move', active: 4 } (wraps)
 * comboKey('Enter', 2, 5);      // { kind: 'choose', active: 2 }
 */
export function comboKey(key: string, active: number, count: number): ComboAction {
  switch (key) {
    case 'ArrowDown':
      return count ? { kind: 'move', active: active + 1 >= count ? 0 : active + 1 } : { kind: 'none' };
    case 'ArrowUp':
      return count ? { kind: 'move', active: active <= 0 ? count - 1 : active - 1 } : { kind: 'none' };
    case 'Home':
      return count ? { kind: 'move', active: 0 } : { kind: 'none' };
    case 'End':
      return count ? { kind: 'move', active: count - 1 } : { kind: 'none' };
    case 'Enter':
      return active >= 0 && active < count ? { kind: 'choose', active } : { kind: 'none' };
    case 'Escape':
      return { kind: 'close' };
    default:
      return { kind: 'none' };
  }
}
