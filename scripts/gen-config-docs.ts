/**
 * @module scripts/gen-config-docs
 * Keeps `docs/configuration.md` in step with the config schema. The page is hand-written except
 * for blocks between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`, which this script
 * rewrites: the key reference (from `configSchema`), the permission catalogue (from
 * `permissionCatalog`) and a real error listing (from the loader itself). A test checks the
 * committed page equals `updateConfigDocs(page)`. Usage: `npm run docs:config` (`-- --check` to
 * only compare).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { permissionCatalog } from '../core/access/permissions.ts';
import { ConfigError, parseConfig } from '../core/firm/index.ts';
import { configSchema, labelSchema } from '../core/firm/index.ts';

export const docsFile = fileURLToPath(new URL('../docs/configuration.md', import.meta.url));

/** A JSON Schema node, read loosely: the generator only looks at the keywords below. */
interface Node {
  type?: string;
  description?: string;
  default?: unknown;
  const?: unknown;
  enum?: readonly unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  minProperties?: number;
  uniqueItems?: boolean;
  properties?: Record<string, Node>;
  required?: readonly string[];
  items?: Node;
  additionalProperties?: Node | boolean;
  propertyNames?: Node;
  patternProperties?: Record<string, Node>;
}

const patternWords: Record<string, string> = {
  '^[a-z][a-z0-9-]*$': 'lowercase letters, digits and dashes, starting with a letter',
  '^[a-z]+:[a-z]+$': 'a permission from the [catalogue](#permissions)',
};

const code = (v: unknown) => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``;
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const isMap = (n: Node) => !n.properties && typeof n.additionalProperties === 'object';
const keyName = (n: Node) => (n.propertyNames?.pattern === '^[a-z]+:[a-z]+$' ? 'permission' : 'id');

function typeText(n: Node): string {
  if (n === labelSchema) return '`{ pl, en }`';
  if (n.type === 'array' && n.items) return `array of ${typeText(n.items)}`;
  // A permission always maps to a scope; saying "string" there would hide the point.
  if (isMap(n)) {
    const value = keyName(n) === 'permission' ? 'scope' : typeText(n.additionalProperties as Node);
    return `object: ${keyName(n)} → ${value}`;
  }
  return n.type ?? 'any';
}

function allowedText(n: Node): string {
  if (n === labelSchema) return 'both required, not empty';
  const parts: string[] = [];
  if (n.const !== undefined) parts.push(code(n.const));
  if (n.enum) parts.push(n.enum.map(code).join(', '));
  if (n.minimum !== undefined || n.maximum !== undefined) parts.push(`${n.minimum ?? '…'}–${n.maximum ?? '…'}`);
  if (n.minLength === 1) parts.push('not empty');
  if (n.pattern) parts.push(patternWords[n.pattern] ?? `pattern \`${n.pattern}\``);
  if (n.uniqueItems) parts.push('no repeats');
  if (n.items) {
    const each = allowedText(n.items);
    if (each) parts.push(`each: ${each}`);
  }
  if (isMap(n)) {
    const keys = n.propertyNames?.pattern ? patternWords[n.propertyNames.pattern] : undefined;
    const values = allowedText(n.additionalProperties as Node);
    if (keys) parts.push(`keys: ${keys}`);
    if (values) parts.push(`values: ${values}`);
  }
  return parts.join('; ');
}

/** One table row per key, depth first, so nested keys (`security.lockout.maxFailures`) follow their parent. */
function rows(n: Node, prefix: string, out: string[]): void {
  if (isMap(n)) return rows(n.additionalProperties as Node, `${prefix}.<${keyName(n)}>`, out);
  for (const [key, child] of Object.entries(n.properties ?? {})) {
    const path = `${prefix}.${key}`;
    const required = n.required?.includes(key) ? 'yes' : 'no';
    // A default on a required key never applies; showing it would only raise the question.
    const dflt = child.default === undefined || required === 'yes' ? '' : code(child.default);
    out.push(
      `| \`${path}\` | ${cell(typeText(child))} | ${required} | ${dflt} | ` +
        `${cell(allowedText(child))} | ${cell(child.description ?? '')} |`,
    );
    if (
      child !== labelSchema &&
      (child.properties || (isMap(child) && (child.additionalProperties as Node).properties))
    )
      rows(child, path, out);
  }
}

const tableHead = '| key | type | required | default | allowed values | description |\n|---|---|---|---|---|---|';

/** The key reference: the top level, then one table per section. */
export function referenceMarkdown(): string {
  const root = configSchema as unknown as Node;
  const top = Object.entries(root.properties ?? {}).map(([key, n]) => {
    const required = root.required?.includes(key) ? 'yes' : 'no';
    const isSection = n.type === 'object';
    const about = isSection ? `${n.description ?? ''} See [\`${key}\`](#${key.toLowerCase()}).` : (n.description ?? '');
    const dflt = n.default === undefined ? '' : code(n.default);
    return `| \`${key}\` | ${cell(typeText(n))} | ${required} | ${dflt} | ${cell(allowedText(n))} | ${cell(about)} |`;
  });
  for (const pattern of Object.keys(root.patternProperties ?? {})) {
    top.push(
      `| \`${pattern.replace(/^\^/, '')}…\` | any | no |  | keys starting with \`${pattern.replace(/^\^/, '')}\` | ` +
        'Free for your own notes and tools; broker-crm ignores them. |',
    );
  }
  const sections = Object.entries(root.properties ?? {})
    .filter(([, n]) => n.type === 'object')
    .map(([key, n]) => {
      const out: string[] = [];
      rows(n, key, out);
      const keys = n.propertyNames?.pattern ? patternWords[n.propertyNames.pattern] : undefined;
      const shape = isMap(n)
        ? ` An object keyed by ${keyName(n)}${keys ? ` (${keys})` : ''}` +
          `${n.minProperties ? ', with at least one entry' : ''}; each entry:`
        : '';
      const need = root.required?.includes(key)
        ? 'Required.'
        : `Optional${n.default === undefined ? '' : `; default ${code(n.default)}`}.`;
      return `### ${key}\n\n${n.description ?? ''} ${need}${shape}\n\n${tableHead}\n${out.join('\n')}`;
    });
  return `### Top level\n\n${tableHead}\n${top.join('\n')}\n\n${sections.join('\n\n')}`;
}

/** The permission catalogue as a table. */
export function permissionsMarkdown(): string {
  const lines = Object.entries(permissionCatalog).map(([p, what]) => `| \`${p}\` | ${cell(what)} |`);
  return `| permission | allows |\n|---|---|\n${lines.join('\n')}`;
}

/** A file with several mistakes, and what the loader really prints for it. */
const badExample = `{
  "version": 1,
  "firm": { "name": "Kredyt-Dom", "timezone": "Europe/Warsaw" },
  "branchTypes": {
    "hq": { "label": { "pl": "Centrala", "en": "Headquarters" }, "root": true, "contains": ["branch"] },
    "branch": { "label": { "pl": "Oddział", "en": "Branch" }, "contains": ["hq"] }
  },
  "roles": {
    "advisor": {
      "label": { "pl": "Doradca", "en": "Advisor" },
      "permissions": { "client:read": "own", "clients:write": "mine" }
    },
    "partner": {
      "label": { "pl": "Partner", "en": "Partner" },
      "partner": true,
      "permissions": { "clients:read": "all" }
    }
  },
  "security": { "sessionHours": "12" }
}`;

const syntaxExample = `{
  "version": 1,
  "firm": { "name": "Kredyt-Dom", },
}`;

function loaderOutput(text: string): string {
  try {
    parseConfig(text, 'crm.config.json');
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('the example config was expected to fail');
}

/** The error listing shown in the docs, produced by the loader so it can never be made up. */
export function errorsMarkdown(): string {
  return [
    '```json',
    badExample,
    '```',
    '',
    '```text',
    loaderOutput(badExample),
    '```',
    '',
    'A syntax error stops the loader before it looks at meaning, so fix those first:',
    '',
    '```json',
    syntaxExample,
    '```',
    '',
    '```text',
    loaderOutput(syntaxExample),
    '```',
  ].join('\n');
}

/** The generated blocks, by marker name. */
export function configDocsBlocks(): Record<string, string> {
  return { reference: referenceMarkdown(), permissions: permissionsMarkdown(), errors: errorsMarkdown() };
}

/**
 * Rewrite every generated block of the page, keeping the hand-written text around them.
 * @example
 * updateConfigDocs('# Config\n<!-- generated:permissions -->\n<!-- /generated:permissions -->\n');
 */
export function updateConfigDocs(markdown: string): string {
  let out = markdown;
  for (const [name, body] of Object.entries(configDocsBlocks())) {
    const open = `<!-- generated:${name} -->`;
    const close = `<!-- /generated:${name} -->`;
    const start = out.indexOf(open);
    const end = out.indexOf(close);
    if (start < 0 || end < start) throw new Error(`docs/configuration.md lacks the markers ${open} … ${close}`);
    out = `${out.slice(0, start + open.length)}\n${body}\n${out.slice(end)}`;
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const current = readFileSync(docsFile, 'utf8');
  const next = updateConfigDocs(current);
  if (process.argv.includes('--check')) {
    if (current !== next) {
      console.error(`${docsFile} is stale: run npm run docs:config`);
      process.exit(1);
    }
  } else {
    writeFileSync(docsFile, next);
    console.log(`wrote ${docsFile}`);
  }
}
