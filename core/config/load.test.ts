import { describe, expect, it } from 'vitest';
import { ConfigError, configLoader, type ConfigCheck } from './index.ts';

/** A configuration of no module at all: the kernel loads whatever schema and checks it is given. */
const schema = {
  type: 'object',
  properties: {
    version: { type: 'integer', const: 1 },
    shelves: { type: 'array', items: { type: 'string' }, default: [] },
  },
  required: ['version'],
  additionalProperties: false,
} as const;
const noTwins: ConfigCheck = (config, report) => {
  const shelves = (config as unknown as { shelves?: unknown }).shelves;
  if (!Array.isArray(shelves)) return;
  shelves.forEach((s, i) => {
    if (shelves.indexOf(s) !== i) report(`/shelves/${i}`, `"${String(s)}" twice`);
  });
};
const loader = configLoader<{ version: 1; shelves: string[] }, { version: 1; shelves?: string[] }>(schema, [noTwins]);
const problemsOf = (text: string) => {
  try {
    loader.parseConfig(text, 'shop.json');
  } catch (e) {
    if (e instanceof ConfigError)
      return e.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.path} ${p.message}`);
    throw e;
  }
  return [];
};

describe('configLoader (the kernel, knowing no module)', () => {
  it('fills defaults from the schema it is given', () => {
    expect(loader.parseConfig('{ "version": 1 }')).toEqual({ version: 1, shelves: [] });
    expect(loader.resolveConfig({ version: 1, shelves: ['a'] })).toEqual({ version: 1, shelves: ['a'] });
  });

  it('reports schema problems and its checks’ problems in one pass, with file, line and column', () => {
    const text = '{\n  "version": 1,\n  "shelves": ["a", "a"],\n  "extra": true\n}';
    expect(problemsOf(text)).toEqual([
      'shop.json:3:20 /shelves/1 "a" twice',
      'shop.json:4:3 /extra unknown key "extra"',
    ]);
  });

  it('runs extra checks a caller passes', () => {
    const noA: ConfigCheck = (_config, report) => report('/version', 'no, not today');
    expect(() => loader.parseConfig('{ "version": 1 }', 'x.json', [noA])).toThrow(
      /x\.json:1:\d+ {2}\/version {2}no, not today/,
    );
  });
});
