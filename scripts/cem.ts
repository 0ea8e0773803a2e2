/**
 * @module scripts/cem
 * Writes `dist/custom-elements.json`, the custom elements manifest (schema 2.1.0) that IDEs,
 * Storybook-like tools and `scripts/widgets-doc.ts` read. It is built from the component classes'
 * JSDoc (`@summary @event @slot @csspart @cssproperty`) and their Lit `@property()` decorators,
 * with a small reader on the TypeScript compiler API (no @custom-elements-manifest/analyzer
 * dependency). A tag comes from `defineElement('crm-x', Class)` / `customElements.define` calls,
 * or a `@tag` JSDoc tag. Inherited attributes (e.g. `lang`, `base-url`, `token` of `CrmElement`)
 * are listed on each element with `inheritedFrom`.
 * Usage: `node --import tsx scripts/cem.ts`.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { projectRoot } from '../rollup.config.ts';

export interface Ref {
  name: string;
  module: string;
}
export interface NamedDoc {
  name: string;
  description: string;
  type?: { text: string };
}
export interface Attribute extends NamedDoc {
  fieldName: string;
  default?: string;
  inheritedFrom?: Ref;
}
export interface Member extends NamedDoc {
  kind: 'field' | 'method';
  default?: string;
  attribute?: string;
  inheritedFrom?: Ref;
}
export interface ClassDeclaration {
  kind: 'class';
  name: string;
  summary?: string;
  description: string;
  customElement?: true;
  tagName?: string;
  superclass?: Ref;
  attributes: Attribute[];
  members: Member[];
  events: NamedDoc[];
  slots: NamedDoc[];
  cssParts: NamedDoc[];
  cssProperties: NamedDoc[];
}
export interface ModuleDoc {
  kind: 'javascript-module';
  path: string;
  declarations: ClassDeclaration[];
  exports: Array<{ kind: 'js' | 'custom-element-definition'; name: string; declaration: Ref }>;
}
export interface Manifest {
  schemaVersion: '2.1.0';
  readme: string;
  modules: ModuleDoc[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(path);
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') && !d.name.endsWith('.d.ts') ? [path] : [];
  });
}

const text = (c: string | ts.NodeArray<ts.JSDocComment> | undefined) => (ts.getTextOfJSDocComment(c) ?? '').trim();

/** `name - description`, `{Type} name - description` or `- description` (unnamed slot). */
function namedDoc(comment: string): NamedDoc {
  const m = /^(?:\{([^}]*)\}\s*)?(?:(?!-\s)(\S+))?\s*(?:-\s*)?([\s\S]*)$/.exec(comment);
  const doc: NamedDoc = { name: m?.[2] ?? '', description: (m?.[3] ?? '').replace(/\s+/g, ' ').trim() };
  if (m?.[1]) doc.type = { text: m[1] };
  return doc;
}

function jsDocOf(node: ts.Node): { description: string; tags: ts.JSDocTag[] } {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const last = docs.at(-1);
  return { description: text(last?.comment).replace(/\s*\n\s*/g, ' '), tags: [...(last?.tags ?? [])] };
}

function literalType(init: ts.Expression | undefined): string | undefined {
  if (!init) return undefined;
  if (ts.isStringLiteralLike(init)) return 'string';
  if (ts.isNumericLiteral(init)) return 'number';
  if (init.kind === ts.SyntaxKind.TrueKeyword || init.kind === ts.SyntaxKind.FalseKeyword) return 'boolean';
  return undefined;
}

/** The options object of `@property({...})`, or undefined when the member has no `@property`. */
function propertyOptions(member: ts.ClassElement): ts.ObjectLiteralExpression | null | undefined {
  const decorators = ts.canHaveDecorators(member) ? (ts.getDecorators(member) ?? []) : [];
  for (const d of decorators) {
    const call = d.expression;
    if (ts.isCallExpression(call) && ts.isIdentifier(call.expression) && call.expression.text === 'property') {
      const arg = call.arguments[0];
      return arg && ts.isObjectLiteralExpression(arg) ? arg : null;
    }
  }
  return undefined;
}

function option(options: ts.ObjectLiteralExpression | null, name: string): ts.Expression | undefined {
  const prop = options?.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText() === name);
  return prop && ts.isPropertyAssignment(prop) ? prop.initializer : undefined;
}

const hidden = (member: ts.ClassElement) =>
  !member.name ||
  ts.isPrivateIdentifier(member.name) ||
  member.name.getText().startsWith('_') ||
  (ts.getCombinedModifierFlags(member as ts.Declaration) &
    (ts.ModifierFlags.Private | ts.ModifierFlags.Protected | ts.ModifierFlags.Static | ts.ModifierFlags.Override)) !==
    0;

function readClass(node: ts.ClassDeclaration, path: string, imports: Map<string, string>): ClassDeclaration {
  const name = node.name?.text ?? 'anonymous';
  const { description, tags } = jsDocOf(node);
  const decl: ClassDeclaration = {
    kind: 'class',
    name,
    description,
    attributes: [],
    members: [],
    events: [],
    slots: [],
    cssParts: [],
    cssProperties: [],
  };
  for (const tag of tags) {
    const comment = text(tag.comment);
    switch (tag.tagName.text) {
      case 'summary':
        decl.summary = comment.replace(/\s+/g, ' ');
        break;
      case 'tag':
      case 'tagname':
        decl.tagName = comment;
        break;
      case 'event':
      case 'fires':
        decl.events.push(namedDoc(comment));
        break;
      case 'slot':
        decl.slots.push(namedDoc(comment));
        break;
      case 'csspart':
        decl.cssParts.push(namedDoc(comment));
        break;
      case 'cssproperty':
      case 'cssprop':
        decl.cssProperties.push(namedDoc(comment));
        break;
    }
  }
  const base = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  if (base && ts.isIdentifier(base)) decl.superclass = { name: base.text, module: imports.get(base.text) ?? path };
  for (const member of node.members) {
    if (hidden(member) && !(ts.isPropertyDeclaration(member) && propertyOptions(member) !== undefined)) continue;
    const fieldName = member.name?.getText() ?? '';
    const doc = jsDocOf(member).description;
    if (ts.isPropertyDeclaration(member)) {
      const options = propertyOptions(member);
      const typeText = member.type?.getText() ?? literalType(member.initializer);
      const field: Member = { kind: 'field', name: fieldName, description: doc };
      if (typeText) field.type = { text: typeText };
      if (member.initializer) field.default = member.initializer.getText();
      if (options !== undefined) {
        const attr = option(options, 'attribute');
        const attributeName =
          attr && ts.isStringLiteralLike(attr)
            ? attr.text
            : attr?.kind === ts.SyntaxKind.FalseKeyword
              ? undefined
              : fieldName.toLowerCase();
        if (attributeName) {
          field.attribute = attributeName;
          decl.attributes.push({
            name: attributeName,
            fieldName,
            description: doc,
            ...(field.type ? { type: field.type } : {}),
            ...(field.default ? { default: field.default } : {}),
          });
        }
      }
      decl.members.push(field);
    } else if (ts.isMethodDeclaration(member) && !hidden(member)) {
      decl.members.push({ kind: 'method', name: fieldName, description: doc });
    }
  }
  return decl;
}

/**
 * Reads every `widgets/**\/*.ts` under `root` and returns the manifest.
 *
 * @example
 * const manifest = analyzeWidgets();
 * manifest.modules.flatMap((m) => m.declarations).find((d) => d.tagName === 'crm-hello')
 *   ?.attributes.map((a) => a.name);
 * // ['endpoint', 'lang', 'base-url', 'token']
 */
export function analyzeWidgets(root = projectRoot): Manifest {
  const modules: ModuleDoc[] = [];
  const tags = new Map<string, string>(); // class name → tag
  const definedIn = new Map<string, string>(); // tag → module path
  for (const file of sourceFiles(join(root, 'widgets'))) {
    const path = relative(root, file).split('\\').join('/');
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const imports = new Map<string, string>();
    const mod: ModuleDoc = { kind: 'javascript-module', path, declarations: [], exports: [] };
    const visit = (node: ts.Node): void => {
      if (
        ts.isImportDeclaration(node) &&
        ts.isStringLiteral(node.moduleSpecifier) &&
        node.moduleSpecifier.text.startsWith('.')
      ) {
        const target = relative(root, join(dirname(file), node.moduleSpecifier.text))
          .split('\\')
          .join('/');
        const bindings = node.importClause?.namedBindings;
        if (bindings && ts.isNamedImports(bindings))
          for (const el of bindings.elements) imports.set(el.name.text, target);
      }
      if (ts.isClassDeclaration(node) && node.name) {
        mod.declarations.push(readClass(node, path, imports));
        if (ts.getCombinedModifierFlags(node) & ts.ModifierFlags.Export) {
          mod.exports.push({ kind: 'js', name: node.name.text, declaration: { name: node.name.text, module: path } });
        }
      }
      if (ts.isCallExpression(node)) {
        const callee = node.expression.getText();
        const [tagArg, ctorArg] = node.arguments;
        if (
          (callee === 'defineElement' || callee === 'customElements.define') &&
          tagArg &&
          ts.isStringLiteralLike(tagArg) &&
          ctorArg &&
          ts.isIdentifier(ctorArg)
        ) {
          tags.set(ctorArg.text, tagArg.text);
          definedIn.set(tagArg.text, path);
          mod.exports.push({
            kind: 'custom-element-definition',
            name: tagArg.text,
            declaration: { name: ctorArg.text, module: imports.get(ctorArg.text) ?? path },
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    if (mod.declarations.length || mod.exports.length) modules.push(mod);
  }
  const classes = new Map(
    modules.flatMap((m) => m.declarations.map((d) => [d.name, { decl: d, module: m.path }] as const)),
  );
  for (const { decl } of classes.values()) {
    const tag = decl.tagName ?? tags.get(decl.name);
    if (!tag) continue;
    decl.tagName = tag;
    decl.customElement = true;
    // Inherit attributes, fields and CSS properties along the superclass chain we can see.
    for (
      let sup = decl.superclass && classes.get(decl.superclass.name);
      sup;
      sup = sup.decl.superclass && classes.get(sup.decl.superclass.name)
    ) {
      const from = { name: sup.decl.name, module: sup.module };
      const own = new Set(decl.members.map((m) => m.name));
      decl.attributes.push(
        ...sup.decl.attributes.filter((a) => !own.has(a.fieldName)).map((a) => ({ ...a, inheritedFrom: from })),
      );
      decl.members.push(
        ...sup.decl.members.filter((m) => !own.has(m.name)).map((m) => ({ ...m, inheritedFrom: from })),
      );
      const props = new Set(decl.cssProperties.map((p) => p.name));
      decl.cssProperties.push(...sup.decl.cssProperties.filter((p) => !props.has(p.name)));
    }
  }
  return {
    schemaVersion: '2.1.0',
    readme: 'docs/widgets.md',
    modules: modules.sort((a, b) => a.path.localeCompare(b.path)),
  };
}

/** Every custom element in the manifest with its module path, sorted by tag. */
export function customElementsOf(manifest: Manifest): Array<ClassDeclaration & { tagName: string; module: string }> {
  return manifest.modules
    .flatMap((m) =>
      m.declarations
        .filter((d) => d.customElement && d.tagName)
        .map((d) => ({ ...d, tagName: d.tagName as string, module: m.path })),
    )
    .sort((a, b) => a.tagName.localeCompare(b.tagName));
}

/** Analyzes and writes `dist/custom-elements.json`; returns its path. */
export function writeManifest(root = projectRoot): string {
  const out = join(root, 'dist', 'custom-elements.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(analyzeWidgets(root), null, 2)}\n`);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const out = writeManifest();
  console.log(`wrote ${relative(process.cwd(), out)}`);
}
