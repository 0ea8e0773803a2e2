/**
 * @module scripts/lint
 * The project's lint: the rules of the house that a type checker cannot see (docs/architecture.md,
 * "Layers"). Imports are read with the TypeScript compiler's parser, so an import split over many
 * lines, a dynamic `import('…')`, an `import type` or a `typeof import('…')` are all seen; each
 * problem names file, line, rule and why.
 *
 * Per file:
 * - `core-deep-import`: a core module imports another only through its face, `../<module>/index.ts`
 *   (or a root file of `core/`: `context.ts`, `errors.ts`, …);
 * - `widgets-no-core`: widgets talk to the HTTP API; they may import types from `core/`, not code;
 * - `plugins-public-api`: a plugin imports only `broker-crm/plugin` (and its own files, packages,
 *   Node built-ins; its tests may use the shared fakes and contracts in `tests/`);
 * - `domain-no-http`: no hono (static, dynamic or type import) outside `core/http/`, and no import of
 *   `core/http/` from the domain (the CLI starts the server, so it may);
 * - `domain-no-dom`: `core/` uses no DOM (`document`, `window`, `HTMLElement`…);
 * - `domain-no-terminal`: only `core/cli/` reads argv or prints progress;
 * - `one-query-dialect`: dialect-only drizzle terminals stay in `core/storage/`;
 * - `no-focused-tests`: no `.only`;
 * - `max-line-length`: no line of a `.ts`/`.js` source over 120 columns (generated files excepted).
 *
 * Over the module graph of `core/` (every import, type-only ones included, tests left out):
 * - `core-face`: every module folder has an `index.ts`;
 * - `core-layers`: a module imports only modules of its own layer or below (`layers` below);
 * - `core-cycles`: no cycle between modules; the problem prints the cycle's path.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface Problem {
  file: string;
  line: number;
  rule: string;
  why: string;
  text: string;
}

/** A source file: its path from the repository root (with `/`) and its text. */
export interface Source {
  file: string;
  text: string;
}

/**
 * The layers of `core/`, lowest first. A node is a module folder (`core/<name>/`) or a root file
 * (`core/<name>.ts`). A module may import modules of its own layer or a lower one, never a higher
 * one; within a layer the graph must still have no cycle. A new module must be placed here.
 */
export const layers: ReadonlyArray<{ name: string; modules: readonly string[] }> = [
  {
    name: 'ground',
    modules: ['errors', 'ids', 'money', 'time', 'text', 'cursor', 'keys', 'storage', 'bus', 'plugin', 'config'],
  },
  { name: 'access', modules: ['access', 'context'] },
  { name: 'services', modules: ['audit', 'auth', 'notifications', 'org'] },
  {
    name: 'domain',
    modules: [
      'workflow',
      'clients',
      'consents',
      'calendar',
      'reports',
      'commissions',
      'partners',
      'leads',
      'import',
      'compliance',
      'reconciliation',
      'gdpr',
      'processing-register',
    ],
  },
  { name: 'assembly', modules: ['firm', 'config-versions', 'crm'] },
  { name: 'edges', modules: ['http', 'cli', 'plugin-api', 'index'] },
];

const MAX_LINE = 120;
/** Files written by tools, not people: their lines are as long as the tool makes them. */
const generated = [/(^|\/)dist\//, /\.d\.ts$/, /^core\/storage\/migrations\//];

const domGlobals = new Set([
  'document',
  'window',
  'navigator',
  'localStorage',
  'sessionStorage',
  'customElements',
  'DOMParser',
  'ShadowRoot',
  'HTMLCollection',
  'NodeList',
]);
const isDomName = (name: string) => domGlobals.has(name) || /^(HTML|SVG)\w*Element$/.test(name);

interface ImportRef {
  spec: string;
  line: number;
  /** Erased at run time: `import type`, `export type`, `typeof import('…')`, `declare module`. */
  typeOnly: boolean;
}

/** Every module a source refers to: static and dynamic imports, re-exports, type imports, require. */
export function importsOf(sf: ts.SourceFile): ImportRef[] {
  const refs: ImportRef[] = [];
  const add = (lit: ts.Node, typeOnly: boolean) => {
    if (!ts.isStringLiteralLike(lit)) return;
    refs.push({ spec: lit.text, line: sf.getLineAndCharacterOfPosition(lit.getStart(sf)).line + 1, typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, Boolean(node.importClause?.isTypeOnly));
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier) add(node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      add(node.moduleReference.expression, node.isTypeOnly);
    else if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) add(node.name, true);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal, true);
    else if (ts.isCallExpression(node) && node.arguments[0]) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require'))
        add(node.arguments[0], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return refs;
}

/** The path a relative specifier points to, from the repository root; undefined for a package. */
function target(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  return posix.normalize(posix.join(posix.dirname(file), spec));
}

/** The graph node of a path in `core/`: its module folder, or the root file's name. */
export function nodeOf(path: string): string | undefined {
  const m = /^core\/([^/]+?)(\.ts|\/.*)$/.exec(path);
  return m ? m[1] : undefined;
}

/** The specifier of a module's face as seen from a file. */
function faceOf(file: string, node: string): string {
  const spec = posix.relative(posix.dirname(file), `core/${node}/index.ts`);
  return spec.startsWith('.') ? spec : `./${spec}`;
}

const isTest = (file: string) => /\.test\.ts$/.test(file);
const isCore = (file: string) => file.startsWith('core/');
const isHono = (spec: string) => spec === 'hono' || spec.startsWith('hono/') || spec.startsWith('@hono/');

function declaredNames(sf: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const bind = (n: ts.BindingName) => {
    if (ts.isIdentifier(n)) names.add(n.text);
    else for (const e of n.elements) if (!ts.isOmittedExpression(e)) bind(e.name);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) bind(node.name);
    else if (
      (ts.isFunctionDeclaration(node) ||
        ts.isClassDeclaration(node) ||
        ts.isInterfaceDeclaration(node) ||
        ts.isTypeAliasDeclaration(node) ||
        ts.isEnumDeclaration(node) ||
        ts.isImportSpecifier(node) ||
        ts.isImportClause(node) ||
        ts.isNamespaceImport(node)) &&
      node.name &&
      ts.isIdentifier(node.name)
    )
      names.add(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return names;
}

/** DOM globals a source refers to (a name it declares itself, such as a rate limit's `window`, is not one). */
function domUses(sf: ts.SourceFile): { name: string; line: number }[] {
  const own = declaredNames(sf);
  const uses: { name: string; line: number }[] = [];
  const at = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
      const base = node.expression.text;
      if ((base === 'globalThis' || base === 'self') && isDomName(node.name.text) && !own.has(base))
        uses.push({ name: `${base}.${node.name.text}`, line: at(node) });
    }
    if (ts.isIdentifier(node) && isDomName(node.text) && !own.has(node.text)) {
      const p = node.parent;
      const isName =
        (ts.isPropertyAccessExpression(p) && p.name === node) ||
        (ts.isQualifiedName(p) && p.right === node) ||
        ((ts.isPropertyAssignment(p) ||
          ts.isPropertyDeclaration(p) ||
          ts.isPropertySignature(p) ||
          ts.isMethodDeclaration(p) ||
          ts.isMethodSignature(p) ||
          ts.isGetAccessor(p) ||
          ts.isSetAccessor(p) ||
          ts.isEnumMember(p)) &&
          p.name === node);
      if (!isName) uses.push({ name: node.text, line: at(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return uses;
}

interface LineRule {
  name: string;
  files: RegExp;
  except?: RegExp;
  line: RegExp;
  why: string;
}

/** Rules still best said as a pattern over a line (comment lines are skipped). */
const lineRules: LineRule[] = [
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
    name: 'no-focused-tests',
    files: /\.test\.ts$/,
    line: /\b(describe|it|test)\.only\(/,
    why: 'a focused test silently skips all others',
  },
];

const whys = {
  deep: 'import another core module only through its face (../<module>/index.ts)',
  widgets: 'widgets talk to the HTTP API; they may import types from core (import type), not code',
  plugins: 'plugins import only broker-crm/plugin, like any third-party plugin',
  hono: 'the domain knows no HTTP: only core/http/ imports hono',
  http: 'the domain knows no HTTP: only core/http/ (and the CLI that starts it) import core/http/',
  dom: 'core/ runs on Node and knows no DOM; the browser is the widgets’ business',
  length: `lines are at most ${MAX_LINE} columns (prettier's printWidth); break the string or comment by hand`,
};

/**
 * The per-file rules for one source.
 * @example
 * lintSource({ file: 'widgets/x/x.ts', text: "import { newId } from '../../core/ids/index.ts';" })
 * // [{ file: 'widgets/x/x.ts', line: 1, rule: 'widgets-no-core', … }]
 */
export function lintSource({ file, text }: Source): Problem[] {
  const problems: Problem[] = [];
  const lines = text.split('\n');
  const report = (line: number, rule: string, why: string) =>
    problems.push({ file, line, rule, why, text: (lines[line - 1] ?? '').trim() });

  if (/\.[cm]?[jt]s$/.test(file) && !generated.some((g) => g.test(file)))
    lines.forEach((l, i) => {
      if (l.length > MAX_LINE) report(i + 1, 'max-line-length', `${whys.length} (${l.length} columns)`);
    });
  for (const r of lineRules) {
    if (!r.files.test(file) || r.except?.test(file)) continue;
    lines.forEach((l, i) => {
      if (!/^\s*(\*|\/\/)/.test(l) && r.line.test(l)) report(i + 1, r.name, r.why);
    });
  }
  if (!/\.[cm]?[jt]s$/.test(file)) return problems;

  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const own = nodeOf(file);
  const plugin = /^plugins\/([^/]+)\//.exec(file)?.[1];
  for (const ref of importsOf(sf)) {
    const to = target(file, ref.spec);
    if (isCore(file)) {
      const toNode = to && nodeOf(to);
      if (to && toNode && toNode !== own && to.startsWith(`core/${toNode}/`) && to !== `core/${toNode}/index.ts`)
        report(ref.line, 'core-deep-import', `${whys.deep}: ${faceOf(file, toNode)}`);
      if (!file.startsWith('core/http/') && isHono(ref.spec)) report(ref.line, 'domain-no-http', whys.hono);
      if (!/^core\/(http|cli)\//.test(file) && to?.startsWith('core/http/'))
        report(ref.line, 'domain-no-http', whys.http);
    }
    if (file.startsWith('widgets/') && !ref.typeOnly) {
      const intoCore = to?.startsWith('core/') || ref.spec === 'broker-crm' || ref.spec.startsWith('broker-crm/');
      if (intoCore) report(ref.line, 'widgets-no-core', whys.widgets);
    }
    if (plugin) {
      const outside = to !== undefined && !to.startsWith(`plugins/${plugin}/`);
      const testHelper = isTest(file) && to?.startsWith('tests/');
      const pkg = ref.spec === 'broker-crm' || ref.spec.startsWith('broker-crm/');
      if ((outside && !testHelper) || (pkg && ref.spec !== 'broker-crm/plugin'))
        report(ref.line, 'plugins-public-api', `${whys.plugins} (not ${ref.spec})`);
    }
  }
  if (isCore(file)) for (const u of domUses(sf)) report(u.line, 'domain-no-dom', `${whys.dom} (${u.name})`);
  return problems;
}

interface Edge {
  from: string;
  to: string;
  file: string;
  line: number;
}

/** The module graph of `core/`: one edge per (module, module), at its first import. Tests are left out. */
export function moduleGraph(sources: readonly Source[]): Map<string, Map<string, Edge>> {
  const graph = new Map<string, Map<string, Edge>>();
  for (const { file, text } of sources) {
    const from = nodeOf(file);
    if (!from || isTest(file) || !/\.ts$/.test(file)) continue;
    if (!graph.has(from)) graph.set(from, new Map());
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    for (const ref of importsOf(sf)) {
      const to = target(file, ref.spec);
      const toNode = to && nodeOf(to);
      if (!toNode || toNode === from) continue;
      const out = graph.get(from)!;
      if (!out.has(toNode)) out.set(toNode, { from, to: toNode, file, line: ref.line });
    }
  }
  return graph;
}

const layerOf = new Map(layers.flatMap((l, i) => l.modules.map((m) => [m, i] as const)));

/** Strongly connected components (Tarjan); every component of more than one module is a cycle. */
function cycles(graph: Map<string, Map<string, Edge>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const strong = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) out.push(comp);
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) strong(v);
  return out;
}

/** A shortest way round a cycle inside one component, from its first module back to it. */
function cyclePath(graph: Map<string, Map<string, Edge>>, comp: string[]): string[] {
  const inComp = new Set(comp);
  const start = [...comp].sort()[0]!;
  const prev = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!inComp.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(prev.get(path[0]!)!);
        return [...path, start];
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

/**
 * The graph rules over all sources: layers and cycles of `core/`.
 * @example
 * lintGraph([
 *   { file: 'core/ids/a.ts', text: "import '../org/index.ts';" },
 *   { file: 'core/org/b.ts', text: "import '../ids/index.ts';" },
 * ]) // core-layers (ids is ground, org above it) and core-cycles: ids → org → ids
 */
export function lintGraph(sources: readonly Source[]): Problem[] {
  const problems: Problem[] = [];
  const lineText = (file: string, line: number) =>
    (sources.find((s) => s.file === file)?.text.split('\n')[line - 1] ?? '').trim();
  const graph = moduleGraph(sources);
  const name = (n: string) => (layerOf.has(n) ? `${n} (${layers[layerOf.get(n)!]!.name})` : n);
  for (const [from, out] of graph) {
    const first = sources.find((s) => nodeOf(s.file) === from && !isTest(s.file));
    if (!layerOf.has(from) && first)
      problems.push({
        file: first.file,
        line: 1,
        rule: 'core-layers',
        why: `core/${from} has no layer: place it in \`layers\` in scripts/lint.ts (and docs/architecture.md)`,
        text: lineText(first.file, 1),
      });
    for (const e of out.values()) {
      const a = layerOf.get(from);
      const b = layerOf.get(e.to);
      if (a !== undefined && b !== undefined && b > a)
        problems.push({
          file: e.file,
          line: e.line,
          rule: 'core-layers',
          why: `${name(from)} imports ${name(e.to)}: a lower layer may not import a higher one`,
          text: lineText(e.file, e.line),
        });
    }
  }
  const folders = new Set(sources.map((s) => /^core\/([^/]+)\//.exec(s.file)?.[1]).filter(Boolean) as string[]);
  for (const m of [...folders].sort()) {
    if (sources.some((s) => s.file === `core/${m}/index.ts`)) continue;
    const first = sources.find((s) => s.file.startsWith(`core/${m}/`))!;
    problems.push({
      file: first.file,
      line: 1,
      rule: 'core-face',
      why: `core/${m}/ has no index.ts: every module has a face listing its public exports`,
      text: lineText(first.file, 1),
    });
  }
  for (const comp of cycles(graph)) {
    const path = cyclePath(graph, comp);
    const e = graph.get(path[0]!)!.get(path[1]!)!;
    problems.push({
      file: e.file,
      line: e.line,
      rule: 'core-cycles',
      why: `import cycle between modules: ${path.join(' → ')}`,
      text: lineText(e.file, e.line),
    });
  }
  return problems;
}

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (/\.[cm]?[jt]s$/.test(p)) yield p;
  }
}

/** The repository's sources the lint reads. */
export function repositorySources(base = root): Source[] {
  const files: string[] = [];
  for (const top of ['core', 'plugins', 'widgets', 'examples', 'tests', 'bench', 'scripts', 'bin']) {
    try {
      files.push(...walk(join(base, top)));
    } catch {
      /* a folder the checkout does not have */
    }
  }
  for (const name of readdirSync(base)) if (/\.[cm]?[jt]s$/.test(name)) files.push(join(base, name));
  return files.map((f) => ({ file: relative(base, f).split(sep).join('/'), text: readFileSync(f, 'utf8') }));
}

/** All problems, sorted by file and line. */
export function lint(sources: readonly Source[] = repositorySources()): Problem[] {
  const problems = [...sources.flatMap(lintSource), ...lintGraph(sources)];
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

export const formatProblem = (p: Problem) => `${p.file}:${p.line}  ${p.rule}: ${p.why}\n    ${p.text}`;

/**
 * The module graph by layer, highest first: each module with the modules it imports (the text of the
 * diagram in docs/architecture.md). `npm run lint -- --graph` prints it.
 */
export function graphText(sources: readonly Source[] = repositorySources()): string {
  const graph = moduleGraph(sources);
  const lines: string[] = [];
  for (const layer of [...layers].reverse()) {
    lines.push(`${layer.name}:`);
    for (const m of layer.modules) {
      const out = [...(graph.get(m)?.keys() ?? [])].sort(
        (a, b) => layerOf.get(b)! - layerOf.get(a)! || a.localeCompare(b),
      );
      lines.push(`  ${m.padEnd(14)}→ ${out.join(' ') || '(nothing)'}`);
    }
  }
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--graph')) {
    console.log(graphText());
    process.exit(0);
  }
  const problems = lint();
  if (problems.length) {
    const n = problems.length;
    console.error(`${n} lint problem${n === 1 ? '' : 's'}:\n${problems.map(formatProblem).join('\n')}`);
    process.exit(1);
  }
  console.log('lint: the rules of the house hold');
}
