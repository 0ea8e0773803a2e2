/**
 * @module rollup.config
 * How widgets are bundled. Every `widgets/<name>/index.ts` (a folder with an `index.ts`; `base/`
 * has none) becomes a standalone, minified ES module `dist/widgets/<name>.js` with Lit inside, so
 * a landing page loads one file. `broker-crm-widgets.js` holds every widget plus the platform's
 * exports (`widgets/index.ts`) for intranets that use many. Each bundle is its own build: shared
 * chunks would make a page fetch several files in a chain.
 *
 * Decorators follow Lit's legacy form: `tsconfig.widgets.json` sets
 * `experimentalDecorators` and `useDefineForClassFields: false`.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terserModule from '@rollup/plugin-terser';
import typescriptModule from '@rollup/plugin-typescript';
import type { Plugin, RollupOptions } from 'rollup';

// These two ship ESM at run time but CommonJS-style types, so under NodeNext TypeScript types the
// default import as the module object. Take `.default` when it is there; the one cast lives here.
type DefaultOf<M> = M extends { default: infer D } ? D : M;
const interop = <M>(m: M): DefaultOf<M> => ((m as { default?: unknown }).default ?? m) as DefaultOf<M>;
const terser = interop(terserModule);
const typescript = interop(typescriptModule);

export const projectRoot = fileURLToPath(new URL('.', import.meta.url));
export const allInOneName = 'broker-crm-widgets';

export interface WidgetBuildOptions {
  /** Folder holding `widgets/` (the project root). */
  root?: string;
  /** Where bundles go; default `<root>/dist/widgets`. */
  outDir?: string;
  /** Build only these widget folders (and no all-in-one bundle). */
  only?: string[];
}

/**
 * Names of the widget folders: every `widgets/<name>/` that has an `index.ts`.
 *
 * @example
 * widgetNames(); // ['crm-hello', …]
 */
export function widgetNames(root = projectRoot): string[] {
  const dir = join(root, 'widgets');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

/** A module that exists only in the build: `code` under the id `name`. */
export function virtualEntry(name: string, code: string): Plugin {
  const id = `\0virtual:${name}`;
  return {
    name: 'crm-virtual-entry',
    resolveId: (source) => (source === name ? id : null),
    load: (loaded) => (loaded === id ? code : null),
  };
}

/** Resolution and minification shared by the widget bundles and the bare-Lit size baseline. */
export const resolvePlugin = (): Plugin => nodeResolve({ browser: true });
export const minifyPlugin = (): Plugin =>
  terser({ module: true, ecma: 2020, compress: { passes: 2 }, format: { comments: false } });

/** The plugins every widget bundle uses; `virtual` adds an in-memory entry. */
export function widgetPlugins(root: string, virtual?: Plugin): Plugin[] {
  return [
    virtual,
    resolvePlugin(),
    typescript({
      tsconfig: join(root, 'tsconfig.widgets.json'),
      noEmit: false,
      outputToFilesystem: false,
      noEmitOnError: false,
    }),
    minifyPlugin(),
  ].filter((p): p is Plugin => Boolean(p));
}

/**
 * Rollup options for the widget bundles: one per widget, then the all-in-one bundle.
 *
 * @example
 * for (const o of widgetRollupOptions({ only: ['crm-hello'] })) await (await rollup(o)).write(o.output);
 */
export function widgetRollupOptions(
  options: WidgetBuildOptions = {},
): Array<RollupOptions & { output: { file: string } }> {
  const root = resolve(options.root ?? projectRoot);
  const outDir = resolve(options.outDir ?? join(root, 'dist', 'widgets'));
  const names = options.only ?? widgetNames(root);
  const one = (input: string, file: string, virtual?: Plugin) => ({
    input,
    plugins: widgetPlugins(root, virtual),
    output: { file: join(outDir, `${file}.js`), format: 'es' as const, sourcemap: false },
    onwarn: (warning: { code?: string; message: string }, warn: (w: { code?: string; message: string }) => void) => {
      // Lit's compiled sources keep a top-level `this` check; it is harmless in ES modules.
      if (warning.code !== 'THIS_IS_UNDEFINED') warn(warning);
    },
  });
  const builds = names.map((name) => one(join(root, 'widgets', name, 'index.ts'), name));
  if (!options.only) {
    const code = [
      `export * from ${JSON.stringify(join(root, 'widgets', 'index.ts'))};`,
      ...names.map((name) => `export * from ${JSON.stringify(join(root, 'widgets', name, 'index.ts'))};`),
    ].join('\n');
    builds.push(one(allInOneName, allInOneName, virtualEntry(allInOneName, code)));
  }
  return builds;
}

export default widgetRollupOptions();
