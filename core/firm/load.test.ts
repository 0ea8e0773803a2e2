import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfigFile, parseConfig, resolveConfig, type ConfigProblem } from './index.ts';

/** The problems a text produces, one readable line each: `line:column path message`. */
function problems(text: string, file = 'crm.config.json'): string[] {
  try {
    parseConfig(text, file);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.problems.map((p) => `${p.line}:${p.column} ${p.path} ${p.message}`);
  }
  return [];
}

const ok = (extra = '') => `{
  "version": 1,${extra}
  "firm": { "name": "Kredyt-Dom" },
  "branchTypes": { "hq": { "label": { "pl": "Centrala", "en": "HQ" }, "root": true } },
  "roles": { "admin": { "label": { "pl": "Admin", "en": "Admin" }, "permissions": { "config:write": "all" } } }
}`;

describe('parseConfig: a valid file', () => {
  it('loads and fills every default', () => {
    const config = parseConfig(ok());
    expect(config.firm).toEqual({ name: 'Kredyt-Dom', timeZone: 'Europe/Warsaw', currency: 'PLN', locale: 'pl-PL' });
    expect(config.security).toEqual({
      sessionHours: 12,
      idleMinutes: 120,
      passwordMinLength: 10,
      lockout: { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 },
    });
    expect(config.branchTypes.hq).toEqual({
      label: { pl: 'Centrala', en: 'HQ' },
      root: true,
      contains: [],
      region: false,
      franchise: false,
    });
    expect(config.roles.admin?.partner).toBe(false);
    expect(config.commissionGroups).toEqual({});
  });

  it('keeps values the file sets instead of the defaults', () => {
    const config = parseConfig(ok('\n  "security": { "lockout": { "maxFailures": 3 } },'));
    expect(config.security.lockout).toEqual({ maxFailures: 3, windowMinutes: 15, lockMinutes: 15 });
  });

  it('accepts x- keys at the top level, with any content', () => {
    const config = parseConfig(ok('\n  "x-owner": "IT", "x-tool": { "anything": [1, null] },'));
    expect((config as Record<string, unknown>)['x-tool']).toEqual({ anything: [1, null] });
  });

  it('rejects x- keys inside sections, where a typo would otherwise hide', () => {
    const text = ok().replace('"name": "Kredyt-Dom"', '"name": "Kredyt-Dom", "x-note": "hi"');
    expect(problems(text)).toEqual(['3:35 /firm/x-note unknown key "x-note"']);
  });

  it('allows a branch type that contains itself (regions within regions)', () => {
    const text = ok().replace(
      '"root": true }',
      '"root": true, "contains": ["region"] }, "region": { "label": { "pl": "R", "en": "R" }, "contains": ["region"] }',
    );
    expect(parseConfig(text).branchTypes.region?.contains).toEqual(['region']);
  });

  it('accepts a file saved with a byte-order mark', () => {
    expect(parseConfig(`\uFEFF${ok()}`).firm.name).toBe('Kredyt-Dom');
  });

  it('loads the demo firm', () => {
    const config = loadConfigFile(fileURLToPath(new URL('../../examples/demo-firm/crm.config.json', import.meta.url)));
    expect(Object.keys(config.roles)).toContain('partner');
    expect(config.branchTypes.hq?.root).toBe(true);
  });
});

describe('parseConfig: a bad file lists every problem, with line, column, path and plain words', () => {
  const bad = [
    /* 1 */ '{',
    /* 2 */ '  "version": 1,',
    /* 3 */ '  "colour": "blue",',
    /* 4 */ '  "firm": { "name": "Kredyt-Dom", "timezone": "Europe/Warsaw" },',
    /* 5 */ '  "branchTypes": {',
    /* 6 */ '    "hq": { "label": { "pl": "Centrala", "en": "HQ" }, "root": true, ' +
      '"contains": ["region", "atlantis"] },',
    /* 7 */ '    "region": { "label": { "pl": "Region", "en": "Region" }, "contains": ["region", "branch"] },',
    /* 8 */ '    "branch": { "label": { "pl": "Oddział", "en": "Branch" }, "contains": ["region"] }',
    /* 9 */ '  },',
    /* 10 */ '  "roles": {',
    /* 11 */ '    "advisor": { "label": { "pl": "Doradca", "en": "Advisor" }, "permissions": {} },',
    /* 12 */ '    "partner": {',
    /* 13 */ '      "label": { "pl": "Partner", "en": "Partner" },',
    /* 14 */ '      "partner": true,',
    /* 15 */ '      "permissions": { "clients:read": "all" }',
    /* 16 */ '    },',
    /* 17 */ '    "advisor": {',
    /* 18 */ '      "label": { "pl": "Doradca", "en": "Advisor" },',
    /* 19 */ '      "colour": "green",',
    /* 20 */ '      "permissions": { "clients:read": "mine", "clients:fly": "own", "pii:read": "referred" }',
    /* 21 */ '    }',
    /* 22 */ '  },',
    /* 23 */ '  "security": { "sessionHours": "12" }',
    /* 24 */ '}',
  ].join('\n');

  it('reports schema and cross-section problems together, in file order', () => {
    expect(problems(bad)).toEqual([
      '3:3 /colour unknown key "colour"',
      '4:35 /firm/timezone unknown key "timezone"',
      '6:93 /branchTypes/hq/contains/1 unknown branch type "atlantis" (known: hq, region, branch)',
      '8:76 /branchTypes/branch/contains/0 branch types contain each other in a cycle: region → branch → region',
      '15:24 /roles/partner/permissions/clients:read a partner role may only use the scopes "referred" and ' +
        '"own", not "all"',
      // The later of two equal keys is the one in effect; its problems point into it, not into the first.
      '17:5 /roles/advisor duplicate key "advisor"',
      '19:7 /roles/advisor/colour unknown key "colour"',
      '20:24 /roles/advisor/permissions/clients:read must be one of: "own", "team", "unit", "subtree", "all", ' +
        '"referred"',
      '20:48 /roles/advisor/permissions/clients:fly unknown permission "clients:fly"',
      '20:70 /roles/advisor/permissions/pii:read the scope "referred" is only for partner roles (set "partner": true)',
      '23:17 /security/sessionHours must be an integer, not string',
    ]);
  });

  it('throws a ConfigError whose message is the whole listing', () => {
    expect(() => parseConfig(bad, 'firm/crm.config.json')).toThrow(ConfigError);
    try {
      parseConfig(bad, 'firm/crm.config.json');
    } catch (e) {
      const lines = (e as ConfigError).message.split('\n');
      expect(lines[0]).toBe('11 problems in the configuration:');
      expect(lines[1]).toBe('  firm/crm.config.json:3:3  /colour  unknown key "colour"');
      expect(lines).toHaveLength(12);
      expect((e as ConfigError).problems[0]).toEqual<ConfigProblem>({
        file: 'firm/crm.config.json',
        line: 3,
        column: 3,
        path: '/colour',
        message: 'unknown key "colour"',
      });
    }
  });

  it('suggests the permission meant when a name is a near miss', () => {
    const text = ok().replace('"config:write"', '"client:read"');
    expect(problems(text)).toEqual([
      '5:85 /roles/admin/permissions/client:read unknown permission "client:read"; did you mean "clients:read"?',
    ]);
  });

  it('names a scope that does not exist once, not twice', () => {
    const text = ok().replace('"config:write": "all"', '"config:write": "everyone"');
    expect(problems(text)).toEqual([
      '5:85 /roles/admin/permissions/config:write must be one of: "own", "team", "unit", "subtree", "all", "referred"',
    ]);
  });

  it('reports a network without a root type', () => {
    expect(problems(ok().replace('"root": true', '"root": false'))).toEqual([
      '4:3 /branchTypes no branch type has "root": true, so the network has no top',
    ]);
  });

  it('reports a three-step containment cycle once', () => {
    const text = ok().replace(
      '"root": true }',
      '"root": true, "contains": ["a"] }, "a": { "label": { "pl": "A", "en": "A" }, "contains": ["b"] }, "b": { ' +
        '"label": { "pl": "B", "en": "B" }, "contains": ["c"] }, "c": { "label": { "pl": "C", "en": "C" }, ' +
        '"contains": ["a"] }',
    );
    const found = problems(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /\/branchTypes\/c\/contains\/0 branch types contain each other in a cycle: a → b → c → a$/,
    );
  });

  it('points a missing required key at the object that should hold it, a wrong value at its key', () => {
    expect(problems('{\n  "version": 1,\n  "firm": {},\n  "branchTypes": {},\n  "roles": {}\n}')).toEqual([
      '3:11 /firm/name "name" is required',
      '4:3 /branchTypes must have at least one entry',
      '5:3 /roles must have at least one entry',
    ]);
    expect(problems('{}')).toEqual([
      '1:1 /version "version" is required',
      '1:1 /firm "firm" is required',
      '1:1 /branchTypes "branchTypes" is required',
      '1:1 /roles "roles" is required',
    ]);
  });

  it('reports a part of the wrong shape without tripping the cross-section checks', () => {
    const text = ok()
      .replace('"permissions": { "config:write": "all" }', '"permissions": "all"')
      .replace('"root": true }', '"root": true, "contains": "a" }');
    expect(problems(text)).toEqual([
      '4:85 /branchTypes/hq/contains must be an array, not string',
      '5:68 /roles/admin/permissions must be an object, not string',
    ]);
  });
});

describe('parseConfig: JSON syntax errors', () => {
  it('names a trailing comma at the comma', () => {
    expect(problems('{\n  "version": 1,\n  "firm": { "name": "X" },\n}')).toEqual([
      '3:26  JSON syntax: trailing comma: remove the "," before }',
    ]);
  });

  it('refuses comments, at the comment', () => {
    expect(problems('{\n  "version": 1, // format\n  "firm": {}\n}')).toEqual([
      '2:17  JSON syntax: comments are not allowed in JSON',
    ]);
  });

  it('reports an unterminated string where it starts', () => {
    expect(problems('{\n  "firm": { "name": "Kredyt-Dom }\n}')).toEqual(['2:21  JSON syntax: unfinished string']);
  });

  it('counts columns the same with Windows line endings', () => {
    expect(problems('{\r\n  "version": 1,\r\n  "firm": { "name": "X" },\r\n}')).toEqual([
      '3:26  JSON syntax: trailing comma: remove the "," before }',
    ]);
  });

  it('stops at syntax: no schema problems are guessed from a broken file', () => {
    expect(problems('{ "colour": 1, }')).toEqual(['1:14  JSON syntax: trailing comma: remove the "," before }']);
  });
});

describe('parseConfig: __proto__ in a file', () => {
  it('is an unknown key, not a prototype', () => {
    expect(problems(ok('\n  "__proto__": { "polluted": true },'))).toEqual(['3:3 /__proto__ unknown key "__proto__"']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('stays an ordinary own key where any content is allowed', () => {
    const config = parseConfig(ok('\n  "x-tool": { "__proto__": { "polluted": true } },')) as Record<string, unknown>;
    const tool = config['x-tool'] as object;
    expect(Object.getPrototypeOf(tool)).toBe(Object.prototype);
    expect(Object.hasOwn(tool, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('is not a valid role name', () => {
    const text = ok().replace('"roles": { "admin"', '"roles": { "__proto__"');
    expect(problems(text)).toEqual([
      '5:14 /roles/__proto__ "__proto__" is not a valid name (lowercase letters, digits and dashes, starting ' +
        'with a letter)',
    ]);
  });
});

describe('loadConfigFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-config-'));

  it('labels problems with the path it was given', () => {
    const file = join(dir, 'crm.config.json');
    writeFileSync(file, ok().replace('"version": 1', '"version": 2'));
    expect(() => loadConfigFile(file)).toThrow(`${file}:2:3  /version  must be 1`);
  });

  it('reports a missing file as a problem, not a stack trace', () => {
    const file = join(dir, 'nope.json');
    try {
      loadConfigFile(file);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems).toEqual([
        { file, line: 1, column: 1, path: '', message: 'cannot read the file: ENOENT' },
      ]);
    }
  });

  it('runs extra checks and places their problems', () => {
    const file = join(dir, 'extra.json');
    writeFileSync(file, ok());
    const noAdmin = (c: { roles: Record<string, unknown> }, report: (p: string, m: string) => void) => {
      if (c.roles.admin) report('/roles/admin', 'the admin role must be called "administrator" here');
    };
    expect(() => loadConfigFile(file, [noAdmin])).toThrow(
      'extra.json:5:14  /roles/admin  the admin role must be called "administrator" here',
    );
  });

  it('lets an extra check that trips over a broken part be skipped, but not over a valid file', () => {
    const fragile = (c: { firm: { name: string } }) => {
      if (c.firm.name.length > 0) throw new Error('boom');
    };
    expect(() => parseConfig(ok().replace('"version": 1', '"version": 2'), 'x.json', [fragile])).toThrow(
      'x.json:2:3  /version  must be 1',
    );
    expect(() => parseConfig(ok(), 'x.json', [fragile])).toThrow('boom');
  });
});

describe('resolveConfig', () => {
  it('validates an object and fills defaults', () => {
    const config = resolveConfig({
      version: 1,
      firm: { name: 'X' },
      branchTypes: { hq: { label: { pl: 'C', en: 'H' }, root: true } },
      roles: { a: { label: { pl: 'A', en: 'A' }, permissions: {} } },
    });
    expect(config.firm.timeZone).toBe('Europe/Warsaw');
  });
});
