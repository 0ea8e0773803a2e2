/**
 * The project's lint: the rules of the house that a type checker cannot see (ARCHITECTURE.md §2).
 * Each rule is a regular expression over source lines, so a failure names file, line and rule.
 *
 * - the domain (`core/`) knows no HTTP and no terminal: only `core/http/` imports hono, only
 *   `core/cli/` reads argv or prints progress;
 * - query code is written once for both engines: dialect-only terminals stay in `core/storage/`;
 * - widgets talk to the HTTP API, never to `core/` internals (types only);
 * - plugins import only the public plugin API (`broker-crm/plugin`);
 * - no focused tests (`.only`).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
interface Rule {
  name: string;
  files: RegExp;
  except?: RegExp;
  line: RegExp;
  why: string;
}

const rules: Rule[] = [
  {
    name: 'domain-no-http',
    files: /^core\//,
    except: /^core\/(http|cli)\//,
    line: /from ['"](hono|@hono\/[^'"]+)['"]|from ['"][./]*\/http\//,
    why: 'the domain knows no HTTP; only core/http/ speaks it',
  },
  {
    name: 'domain-no-terminal',
    files: /^core\//,
    except: /^core\/cli\/|\.test\.ts$/,
    line: /process\.argv|process\.stdout\.write|from ['"][./]*\/cli\//,
    why: 'only core/cli/ talks to a terminal',
  },
  {
    name: 'one-query-dialect',
    files: /^core\//,
    except: /^core\/storage\/|\.test\.ts$/,
    line: /\.(all|get|run)\(\s*\)|\.batch\(|\.execute\(|\$client/,
    why: 'dialect-only drizzle terminals stay in core/storage/ (both engines run the same query code)',
  },
  {
    name: 'widgets-no-core',
    files: /^widgets\//,
    line: /^import (?!type )[^;]*from ['"][./]*\/core\//,
    why: 'widgets talk to the HTTP API; they may import types from core, not code',
  },
  {
    name: 'plugins-public-api',
    files: /^plugins\//,
    line: /from ['"](\.\.\/)+(core|widgets)\//,
    why: 'plugins import only broker-crm/plugin, like any third-party plugin',
  },
  {
    name: 'no-focused-tests',
    files: /\.test\.ts$/,
    line: /\b(describe|it|test)\.only\(/,
    why: 'a focused test silently skips all others',
  },
];

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (p.endsWith('.ts')) yield p;
  }
}

export function lint(): string[] {
  const problems: string[] = [];
  for (const top of ['core', 'plugins', 'widgets', 'examples', 'tests', 'bench', 'scripts']) {
    let files: string[];
    try {
      files = [...walk(join(root, top))];
    } catch {
      continue;
    }
    for (const file of files) {
      const rel = relative(root, file);
      const active = rules.filter((r) => r.files.test(rel) && !r.except?.test(rel));
      if (!active.length) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((text, i) => {
          if (/^\s*(\*|\/\/)/.test(text)) return;
          for (const r of active)
            if (r.line.test(text)) problems.push(`${rel}:${i + 1}  ${r.name}: ${r.why}\n    ${text.trim()}`);
        });
    }
  }
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const problems = lint();
  if (problems.length) {
    console.error(`${problems.length} lint problem${problems.length === 1 ? '' : 's'}:\n${problems.join('\n')}`);
    process.exit(1);
  }
  console.log('lint: the rules of the house hold');
}
