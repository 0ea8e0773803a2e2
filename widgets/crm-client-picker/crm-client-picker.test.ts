import { describe, expect, it } from 'vitest';
import { comboKey } from './combobox.ts';

describe('client picker keyboard (combobox pattern)', () => {
  it('moves down and up through the options, wrapping at both ends', () => {
    expect(comboKey('ArrowDown', -1, 3)).toEqual({ kind: 'move', active: 0 });
    expect(comboKey('ArrowDown', 2, 3)).toEqual({ kind: 'move', active: 0 });
    expect(comboKey('ArrowUp', 0, 3)).toEqual({ kind: 'move', active: 2 });
    expect(comboKey('ArrowUp', -1, 3)).toEqual({ kind: 'move', active: 2 });
    expect(comboKey('Home', 2, 3)).toEqual({ kind: 'move', active: 0 });
    expect(comboKey('End', 0, 3)).toEqual({ kind: 'move', active: 2 });
  });

  it('chooses only an active option; Escape closes; other keys are the input’s', () => {
    expect(comboKey('Enter', 1, 3)).toEqual({ kind: 'choose', active: 1 });
    expect(comboKey('Enter', -1, 3)).toEqual({ kind: 'none' });
    expect(comboKey('Enter', 3, 3)).toEqual({ kind: 'none' });
    expect(comboKey('Escape', 1, 3)).toEqual({ kind: 'close' });
    expect(comboKey('a', 1, 3)).toEqual({ kind: 'none' });
  });

  it('does nothing with arrows when there is nothing to choose', () => {
    expect(comboKey('ArrowDown', -1, 0)).toEqual({ kind: 'none' });
    expect(comboKey('End', -1, 0)).toEqual({ kind: 'none' });
  });
});
