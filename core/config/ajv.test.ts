import { describe, expect, it } from 'vitest';
import { ajvProblems, compileOnce, createAjv } from './ajv.ts';

const schema = {
  $id: 'https://example.test/ajv-problems',
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1 },
    code: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
    count: { type: 'integer', minimum: 3, maximum: 10 },
    kind: { type: 'string', enum: ['a', 'b'] },
    version: { const: 1 },
    tags: { type: 'array', items: { type: 'string' }, uniqueItems: true },
    email: { type: 'string', format: 'email' },
    map: { type: 'object', propertyNames: { pattern: '^[a-z]+:[a-z]+$' }, minProperties: 1 },
  },
  required: ['name'],
  additionalProperties: false,
} as const;

const ajv = createAjv();
const problemsOf = (data: Record<string, unknown>) => {
  const validate = compileOnce(ajv, schema);
  expect(validate(data)).toBe(false);
  return ajvProblems(validate.errors, data).map((p) => `${p.path} ${p.message}`);
};

describe('ajvProblems', () => {
  it('names unknown and missing keys at their own path', () => {
    expect(problemsOf({ nmae: 'x', 'a/b~c': 1 })).toEqual([
      '/name "name" is required',
      '/nmae unknown key "nmae"',
      '/a~1b~0c unknown key "a/b~c"',
    ]);
  });

  it('says what type was wanted and what was found', () => {
    expect(problemsOf({ name: 5 })).toEqual(['/name must be a string, not number']);
    expect(problemsOf({ name: 'x', count: '5' })).toEqual(['/count must be an integer, not string']);
    expect(problemsOf({ name: 'x', tags: null })).toEqual(['/tags must be an array, not null']);
    expect(problemsOf({ name: 'x', count: 4.5 })).toEqual(['/count must be a whole number, not 4.5']);
  });

  it('lists allowed values and limits in plain words', () => {
    expect(problemsOf({ name: '', kind: 'c', version: 2, count: 11 })).toEqual([
      '/name must not be empty',
      '/count must be at most 10, not 11',
      '/kind must be one of: "a", "b"',
      '/version must be 1',
    ]);
    expect(problemsOf({ name: 'x', count: 2 })).toEqual(['/count must be at least 3, not 2']);
  });

  it('explains a pattern by what it means', () => {
    expect(problemsOf({ name: 'x', code: 'Bad_Code' })).toEqual([
      '/code "Bad_Code" does not match the expected form (lowercase letters, digits and dashes, starting with a ' +
        'letter)',
    ]);
  });

  it('reports a bad key name once, at the key', () => {
    expect(problemsOf({ name: 'x', map: { 'clients:read': 1, Clients: 2 } })).toEqual([
      '/map/Clients "Clients" is not a valid name (resource:action, e.g. clients:read)',
    ]);
    expect(problemsOf({ name: 'x', map: {} })).toEqual(['/map must have at least one entry']);
  });

  it('points a repeated item at its second occurrence', () => {
    expect(problemsOf({ name: 'x', tags: ['a', 'b', 'a'] })).toEqual(['/tags/2 "a" is listed twice']);
  });

  it('names a format', () => {
    expect(problemsOf({ name: 'x', email: 'nope' })).toEqual(['/email must be a valid email']);
  });

  it('returns nothing for no errors', () => {
    expect(ajvProblems(null)).toEqual([]);
    expect(ajvProblems(undefined)).toEqual([]);
  });
});

describe('compileOnce', () => {
  it('compiles a schema with an $id once per ajv instance', () => {
    const a = createAjv();
    const first = compileOnce(a, schema);
    expect(compileOnce(a, schema)).toBe(first);
    expect(compileOnce(createAjv(), schema)).not.toBe(first);
  });
});
