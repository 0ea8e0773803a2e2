import { describe, expect, it } from 'vitest';
import { formatProblem, lintGraph, lintSource, type Source } from './lint.ts';

/** The rules a source breaks, one entry per problem: "rule@line". */
const broken = (file: string, text: string) => lintSource({ file, text }).map((p) => `${p.rule}@${p.line}`);
/** The graph problems of some sources, leaving out those of `onlyRules` not asked for. */
const graphRules = (sources: Source[], onlyRules = ['core-layers', 'core-cycles']) =>
  lintGraph(sources)
    .filter((p) => onlyRules.includes(p.rule))
    .map((p) => `${p.rule} ${p.why}`);

describe('core-deep-import', () => {
  it('refuses an import of another module’s internals, whatever its form', () => {
    expect(broken('core/clients/a.ts', "import { newId } from '../ids/id.ts';")).toEqual(['core-deep-import@1']);
    expect(broken('core/clients/a.ts', "export { newId } from '../ids/id.ts';")).toEqual(['core-deep-import@1']);
    expect(broken('core/clients/a.ts', "import type { Actor } from '../access/actor.ts';")).toEqual([
      'core-deep-import@1',
    ]);
    expect(broken('core/clients/a.ts', "const m = await import('../calendar/recheck.ts');")).toEqual([
      'core-deep-import@1',
    ]);
    expect(broken('core/commissions/sales/a.ts', "import { x } from '../../org/users.ts';")).toEqual([
      'core-deep-import@1',
    ]);
  });

  it('names the face to use instead', () => {
    const [p] = lintSource({ file: 'core/commissions/sales/a.ts', text: "import { x } from '../../org/users.ts';" });
    expect(p?.why).toContain('../../org/index.ts');
  });

  it('accepts faces, root files and a module’s own files', () => {
    const text = [
      "import { newId } from '../ids/index.ts';",
      "import type { Ctx } from '../context.ts';",
      "import { notFound } from '../errors.ts';",
      "import { toClient } from './record.ts';",
      "import { and } from 'drizzle-orm';",
    ].join('\n');
    expect(broken('core/clients/a.ts', text)).toEqual([]);
    expect(broken('core/crm.ts', "import { systemActor } from './access/index.ts';")).toEqual([]);
    expect(broken('core/crm.ts', "import { systemActor } from './access/actor.ts';")).toEqual(['core-deep-import@1']);
  });
});

describe('widgets-no-core', () => {
  it('refuses code from core, also in an import split over many lines', () => {
    const multiLine = ['import {', '  newId,', '  parsePhone,', "} from '../../core/ids/index.ts';"].join('\n');
    expect(broken('widgets/crm-x/crm-x.ts', multiLine)).toEqual(['widgets-no-core@4']);
    expect(broken('widgets/crm-x/crm-x.ts', "import { formatMoney } from 'broker-crm/money';")).toEqual([
      'widgets-no-core@1',
    ]);
    expect(broken('widgets/crm-x/crm-x.ts', "const m = await import('../../core/money/index.ts');")).toEqual([
      'widgets-no-core@1',
    ]);
  });

  it('refuses `import { type X }`, which still loads the module at run time (verbatimModuleSyntax)', () => {
    expect(broken('widgets/crm-x/crm-x.ts', "import { type Client } from '../../core/clients/index.ts';")).toEqual([
      'widgets-no-core@1',
    ]);
  });

  it('accepts type-only imports and the widgets’ own code', () => {
    const text = [
      'import type {',
      '  Client,',
      "} from '../../core/clients/index.ts';",
      "import { LitElement } from 'lit';",
      "import { apiFetch } from '../shared/api.ts';",
    ].join('\n');
    expect(broken('widgets/crm-x/crm-x.ts', text)).toEqual([]);
  });
});

describe('plugins-public-api', () => {
  it('refuses anything but broker-crm/plugin from the core, by package name or by path', () => {
    expect(broken('plugins/sms-x/index.ts', "import { createHttpApi } from 'broker-crm/http';")).toEqual([
      'plugins-public-api@1',
    ]);
    expect(broken('plugins/sms-x/index.ts', "import { listClients } from 'broker-crm/clients';")).toEqual([
      'plugins-public-api@1',
    ]);
    expect(broken('plugins/sms-x/index.ts', "import { createCrm } from 'broker-crm';")).toEqual([
      'plugins-public-api@1',
    ]);
    expect(broken('plugins/sms-x/index.ts', "import { x } from '../../core/plugin/index.ts';")).toEqual([
      'plugins-public-api@1',
    ]);
    expect(broken('plugins/sms-x/index.ts', "import { x } from '../../widgets/shared/api.ts';")).toEqual([
      'plugins-public-api@1',
    ]);
    expect(broken('plugins/sms-x/index.ts', "import { x } from '../email-y/index.ts';")).toEqual([
      'plugins-public-api@1',
    ]);
  });

  it('accepts the public API, the plugin’s own files, packages, and shared test fakes in its tests', () => {
    const text = [
      "import { definePlugin, type SmsProvider } from 'broker-crm/plugin';",
      "import { request } from 'node:https';",
      "import { toE164 } from './phone.ts';",
    ].join('\n');
    expect(broken('plugins/sms-x/index.ts', text)).toEqual([]);
    const test = "import { startFakeSmsApi } from '../../tests/fakes/smsapi-server.ts';";
    expect(broken('plugins/sms-x/index.test.ts', test)).toEqual([]);
    expect(broken('plugins/sms-x/index.ts', test)).toEqual(['plugins-public-api@1']);
  });
});

describe('domain-no-http and domain-no-dom', () => {
  it('refuses hono in core outside core/http, static, dynamic or as a type', () => {
    expect(broken('core/clients/a.ts', "const { Hono } = await import('hono');")).toEqual(['domain-no-http@1']);
    expect(broken('core/clients/a.ts', "import { Hono } from 'hono';")).toEqual(['domain-no-http@1']);
    expect(broken('core/clients/a.ts', "import { serve } from '@hono/node-server';")).toEqual(['domain-no-http@1']);
    expect(broken('core/clients/a.ts', "type C = import('hono').Context;")).toEqual(['domain-no-http@1']);
    expect(broken('core/clients/a.ts', "import { x } from '../http/index.ts';")).toEqual(['domain-no-http@1']);
    expect(broken('core/http/app.ts', "import { Hono } from 'hono';")).toEqual([]);
    expect(broken('core/cli/main.ts', "const { serve } = await import('../http/index.ts');")).toEqual([]);
  });

  it('refuses DOM globals and DOM types in core', () => {
    const text = [
      'export function f(el: HTMLElement): void {',
      "  document.title = 'x';",
      '  window.scrollTo(0, 0);',
      "  globalThis.localStorage.setItem('a', 'b');",
      '}',
    ].join('\n');
    expect(broken('core/clients/a.ts', text)).toEqual([
      'domain-no-dom@1',
      'domain-no-dom@2',
      'domain-no-dom@3',
      'domain-no-dom@4',
    ]);
  });

  it('accepts names the file declares itself and properties that merely share a DOM name', () => {
    const text = [
      'const window = 60_000;',
      'export const limits = { window, document: 3 };',
      'export const w = limits.window + limits.document;',
    ].join('\n');
    expect(broken('core/leads/rate.ts', text)).toEqual([]);
    expect(broken('widgets/crm-x/crm-x.ts', 'document.title = "x";')).toEqual([]);
  });
});

describe('the rules kept from the pattern lint', () => {
  it('refuses focused tests, terminal use in the domain, and dialect-only terminals outside storage', () => {
    const focused = `it.${'only'}('x', () => {});`; // spelled so that this file is not itself a focused test
    expect(broken('tests/a.test.ts', focused)).toEqual(['no-focused-tests@1']);
    expect(broken('core/clients/a.ts', 'const args = process.argv;')).toEqual(['domain-no-terminal@1']);
    expect(broken('core/cli/main.ts', 'const args = process.argv;')).toEqual([]);
    expect(broken('core/clients/a.ts', 'const rows = await q.all();')).toEqual(['one-query-dialect@1']);
    expect(broken('core/storage/sqlite/a.ts', 'const rows = await q.all();')).toEqual([]);
  });
});

describe('max-line-length', () => {
  it('refuses a line over 120 columns in a .ts or .js source, not in generated files', () => {
    const long = `export const s = '${'x'.repeat(110)}';`;
    expect(long.length).toBeGreaterThan(120);
    expect(broken('core/clients/a.ts', long)).toEqual(['max-line-length@1']);
    expect(broken('bin/broker-crm.js', long)).toEqual(['max-line-length@1']);
    expect(broken('dist/core/a.js', long)).toEqual([]);
    expect(broken('core/clients/a.ts', `export const s = '${'x'.repeat(100)}';`)).toEqual([]);
  });
});

describe('core-layers and core-cycles', () => {
  it('refuses an import from a lower layer to a higher one, naming both layers', () => {
    const problems = graphRules([
      { file: 'core/ids/a.ts', text: "import { createUser } from '../org/index.ts';" },
      { file: 'core/org/b.ts', text: 'export const b = 1;' },
    ]);
    expect(problems).toEqual([
      'core-layers ids (ground) imports org (services): a lower layer may not import a higher one',
    ]);
  });

  it('counts type-only imports and declaration merging as dependencies', () => {
    expect(
      graphRules([{ file: 'core/config/a.ts', text: "import type { User } from '../org/index.ts';" }]),
    ).toHaveLength(1);
    expect(
      graphRules([{ file: 'core/access/a.ts', text: "declare module '../firm/index.ts' { interface X { a: 1 } }" }]),
    ).toHaveLength(1);
  });

  it('refuses a cycle and prints its path, even within one layer', () => {
    const problems = lintGraph([
      { file: 'core/workflow/a.ts', text: "import { x } from '../reports/index.ts';" },
      { file: 'core/reports/b.ts', text: "import type { C } from '../calendar/index.ts';" },
      { file: 'core/calendar/c.ts', text: "\nimport { y } from '../workflow/index.ts';" },
    ]).filter((p) => p.rule !== 'core-face');
    expect(problems.map((p) => p.rule)).toEqual(['core-cycles']);
    expect(problems[0]!.why).toContain('calendar → workflow → reports → calendar');
    expect(formatProblem(problems[0]!)).toMatch(/^core\/calendar\/c\.ts:2 {2}core-cycles: /);
  });

  it('asks every module folder for a face', () => {
    expect(graphRules([{ file: 'core/ids/id.ts', text: 'export const a = 1;' }], ['core-face'])).toEqual([
      'core-face core/ids/ has no index.ts: every module has a face listing its public exports',
    ]);
    const withFace = [
      { file: 'core/ids/id.ts', text: 'export const a = 1;' },
      { file: 'core/ids/index.ts', text: "export { a } from './id.ts';" },
    ];
    expect(graphRules(withFace, ['core-face'])).toEqual([]);
  });

  it('ignores tests (nothing imports them) and asks for a layer for a new module', () => {
    expect(graphRules([{ file: 'core/workflow/a.test.ts', text: "import '../firm/index.ts';" }])).toEqual([]);
    expect(graphRules([{ file: 'core/brand-new/a.ts', text: "import '../ids/index.ts';" }])).toEqual([
      'core-layers core/brand-new has no layer: place it in `layers` in scripts/lint.ts (and docs/architecture.md)',
    ]);
  });
});
