import { describe, expect, it } from 'vitest';
import { parseWithPositions } from './positions.ts';

describe('parseWithPositions', () => {
  const text = '{\n  "firm": { "name": "X" },\n  "list": [10, { "a/b": 1, "t~x": 2 }]\n}';

  it('returns the value and no problems for good JSON', () => {
    const json = parseWithPositions(text);
    expect(json.syntaxOk).toBe(true);
    expect(json.problems).toEqual([]);
    expect(json.value).toEqual({ firm: { name: 'X' }, list: [10, { 'a/b': 1, 't~x': 2 }] });
  });

  it('places a pointer at its key, or at its value when asked', () => {
    const json = parseWithPositions(text);
    expect(json.positionOf('/firm/name')).toEqual({ line: 2, column: 13 });
    expect(json.positionOf('/firm/name', false)).toEqual({ line: 2, column: 21 });
    expect(json.positionOf('')).toEqual({ line: 1, column: 1 });
  });

  it('follows array indexes and escaped pointer segments (~1 is /, ~0 is ~)', () => {
    const json = parseWithPositions(text);
    expect(json.positionOf('/list/0')).toEqual({ line: 3, column: 12 });
    expect(json.positionOf('/list/1/a~1b')).toEqual({ line: 3, column: 18 });
    expect(json.positionOf('/list/1/t~0x')).toEqual({ line: 3, column: 28 });
  });

  it('places a missing key at its nearest existing ancestor', () => {
    const json = parseWithPositions(text);
    expect(json.positionOf('/firm/knfNumber', false)).toEqual({ line: 2, column: 11 });
    expect(json.positionOf('/list/7')).toEqual({ line: 3, column: 3 });
  });

  it('reports duplicate keys at any depth, and positions inside the one in effect (the last)', () => {
    const json = parseWithPositions('{\n  "a": { "x": 1, "x": 2 },\n  "a": { "y": 3 }\n}');
    expect(json.problems).toEqual([
      { line: 2, column: 18, path: '/a/x', message: 'duplicate key "x"' },
      { line: 3, column: 3, path: '/a', message: 'duplicate key "a"' },
    ]);
    expect(json.syntaxOk).toBe(true);
    expect(json.value).toEqual({ a: { y: 3 } });
    expect(json.positionOf('/a/y')).toEqual({ line: 3, column: 10 });
  });

  it('lists syntax errors with plain words and no value', () => {
    const json = parseWithPositions('{\n  "a": 1\n  "b": [1, 2,],\n  \'c\': 3\n}');
    expect(json.syntaxOk).toBe(false);
    expect(json.value).toBeUndefined();
    expect(json.problems).toEqual([
      { line: 3, column: 3, path: '', message: 'JSON syntax: a comma was expected' },
      { line: 3, column: 13, path: '', message: 'JSON syntax: trailing comma: remove the "," before ]' },
      { line: 4, column: 3, path: '', message: "JSON syntax: unexpected character ' (JSON needs double quotes)" },
    ]);
  });

  it('names a bare word and an empty file', () => {
    expect(parseWithPositions('{ "a": tru }').problems).toEqual([
      { line: 1, column: 8, path: '', message: 'JSON syntax: unexpected "tru"' },
    ]);
    expect(parseWithPositions('').problems).toEqual([
      { line: 1, column: 1, path: '', message: 'JSON syntax: a value was expected' },
    ]);
  });

  it('does not count a byte-order mark as a column', () => {
    expect(parseWithPositions('\uFEFF{ "a": 1, }').problems).toEqual([
      { line: 1, column: 9, path: '', message: 'JSON syntax: trailing comma: remove the "," before }' },
    ]);
  });

  it('keeps __proto__ an own key without touching prototypes', () => {
    const value = parseWithPositions('{ "__proto__": { "polluted": 1 }, "o": { "__proto__": null } }').value as Record<
      string,
      unknown
    >;
    expect(Object.keys(value)).toEqual(['__proto__', 'o']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(value.o)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
