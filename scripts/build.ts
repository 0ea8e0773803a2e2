/**
 * @module scripts/build
 * `npm run build`: what the npm package ships, in `dist/`.
 *
 * - `dist/core/**` and `dist/plugins/**`: ES modules compiled by `tsc -p tsconfig.build.json`
 *   (TypeScript's `rewriteRelativeImportExtensions` turns the sources' `./x.ts` specifiers into
 *   `./x.js`), with `.d.ts` types and source maps that carry their sources;
 * - next to them the files the code reads at run time: both engines' migrations and extra SQL,
 *   the config and commission-rule JSON Schemas;
 * - `dist/fonts/`: the two DejaVu faces PDF documents embed;
 * - `dist/widgets/*.js`: the widget bundles (`scripts/build-widgets.ts`);
 * - `dist/custom-elements.json`: the custom elements manifest (`scripts/cem.ts`).
 *
 * Modules that only the repository's demo and scripts use (the demo firm's seed, the widget build)
 * are reached by the CLI's lazy imports, so tsc compiles them too; they are removed afterwards and
 * the packaged CLI says the demo lives in the repository.
 *
 * Usage: `node --import tsx scripts/build.ts [--skip-widgets]`.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../rollup.config.ts';

/**
 * Files copied verbatim from the sources into `dist/`, at the same relative path: the migrations and
 * extra SQL of both engines, and every published JSON Schema (each `*.schema.json` under `core/`).
 */
export function runtimeAssets(root = projectRoot): string[] {
  const schemas = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? schemas(join(dir, e.name)) : e.name.endsWith('.schema.json') ? [join(dir, e.name)] : [],
    );
  return ['core/storage/migrations', 'core/storage/extras', ...schemas('core')];
}

/** Compiled by tsc only because the CLI's demo commands import them lazily; not shipped. */
const notShipped = ['examples', 'scripts', 'rollup.config.js', 'rollup.config.d.ts', 'rollup.config.js.map'];

export interface BuildOptions {
  root?: string;
  /** Skip the widget bundles and the manifest (a quicker build of the server side). */
  skipWidgets?: boolean;
  log?: (line: string) => void;
}

function dirSize(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.size;
  return readdirSync(path).reduce((sum, name) => sum + dirSize(join(path, name)), 0);
}

/**
 * Builds `dist/` from scratch.
 *
 * @example
 * await build({ log: console.log }); // dist/core/index.js, dist/widgets/crm-lead-form.js, …
 */
export async function build(options: BuildOptions = {}): Promise<void> {
  const root = options.root ?? projectRoot;
  const log = options.log ?? (() => {});
  const dist = join(root, 'dist');
  const started = Date.now();
  rmSync(dist, { recursive: true, force: true });

  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
  for (const name of notShipped) rmSync(join(dist, name), { recursive: true, force: true });
  log(`compiled core and plugins to dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  for (const asset of runtimeAssets(root)) {
    const to = join(dist, asset);
    mkdirSync(dirname(to), { recursive: true });
    // drizzle's migrator reads the journal and the SQL; the schema snapshots serve only drizzle-kit.
    cpSync(join(root, asset), to, { recursive: true, filter: (src) => !src.endsWith('_snapshot.json') });
  }
  const fonts = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  mkdirSync(join(dist, 'fonts'), { recursive: true });
  for (const face of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) cpSync(join(fonts, face), join(dist, 'fonts', face));
  writeFileSync(
    join(dist, 'fonts', 'LICENSE.txt'),
    'DejaVu fonts: Bitstream Vera license, DejaVu changes in the public domain; ' +
      'https://dejavu-fonts.github.io/License.html\n',
  );

  if (!options.skipWidgets) {
    const { buildWidgets } = await import('./build-widgets.ts');
    const built = await buildWidgets({ root });
    log(`built ${built.length} widget bundle(s)`);
    const { writeManifest } = await import('./cem.ts');
    writeManifest(root);
    log('wrote dist/custom-elements.json');
  }
  if (!existsSync(join(dist, 'core', 'index.js'))) throw new Error('build: dist/core/index.js is missing');
  log(
    `dist/ ${(dirSize(dist) / 1024 / 1024).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
      `(${relative(process.cwd(), dist) || '.'})`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await build({ skipWidgets: process.argv.includes('--skip-widgets'), log: (l) => console.log(l) });
}
