/**
 * @module scripts/build-widgets
 * Builds the widget bundles (see `rollup.config.ts`) and reports their sizes.
 * Usage: `node --import tsx scripts/build-widgets.ts [--out dir] [widget …]`.
 */
import { statSync } from 'node:fs';
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rollup } from 'rollup';
import { widgetRollupOptions, type WidgetBuildOptions } from '../rollup.config.ts';

export interface BuiltWidget {
  name: string;
  file: string;
  bytes: number;
}

/**
 * Builds every widget bundle (or `options.only`) one after the other and returns the files.
 * Rejects on the first bundle that fails, with rollup's message naming the file.
 *
 * @example
 * const built = await buildWidgets({ outDir: '/tmp/widgets' });
 * built.map((w) => w.name); // ['crm-hello', 'broker-crm-widgets']
 */
export async function buildWidgets(options: WidgetBuildOptions = {}): Promise<BuiltWidget[]> {
  const built: BuiltWidget[] = [];
  for (const config of widgetRollupOptions(options)) {
    const bundle = await rollup({ ...config, logLevel: 'warn' });
    try {
      await bundle.write(config.output);
    } finally {
      await bundle.close();
    }
    const file = config.output.file;
    built.push({ name: file.replace(/^.*\//, '').replace(/\.js$/, ''), file, bytes: statSync(file).size });
  }
  return built;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const outDir = outAt >= 0 ? args[outAt + 1] : undefined;
  const only = outAt >= 0 ? args.filter((_, i) => i !== outAt && i !== outAt + 1) : args;
  const started = Date.now();
  const built = await buildWidgets({ ...(outDir ? { outDir } : {}), ...(only.length ? { only } : {}) });
  for (const w of built) console.log(`${relative(process.cwd(), w.file)}  ${(w.bytes / 1024).toFixed(1)} KB`);
  console.log(`built ${built.length} bundle(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
