/**
 * @module scripts/widget-sizes
 * How much a page downloads for each widget: min+gz (zlib gzip, level 9) of every built bundle
 * with Lit inside, next to a bundle of bare Lit built the same way in the same run, so the ratio
 * shows what our code adds. Usage: `node --import tsx scripts/widget-sizes.ts`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { minifyPlugin, resolvePlugin, virtualEntry } from '../rollup.config.ts';
import { buildWidgets } from './build-widgets.ts';

/** Size goals in KB (1 KB = 1024 bytes) of min+gz bundles; widgets not listed have none. */
export const sizeGoalsKB: Readonly<Record<string, number>> = {
  'crm-client-list': 25,
  'crm-lead-form': 12,
  'crm-calendar': 40,
  'crm-report': 30,
  'crm-dashboard': 30,
};

export interface BundleSize {
  name: string;
  minBytes: number;
  gzipBytes: number;
}

export interface SizeReport {
  baseline: BundleSize;
  widgets: BundleSize[];
}

/** min+gz size of one file's bytes. */
export function gzipSize(bytes: Uint8Array): number {
  return gzipSync(bytes, { level: 9 }).length;
}

async function sizeOf(name: string, file: string): Promise<BundleSize> {
  const bytes = await readFile(file);
  return { name, minBytes: bytes.length, gzipBytes: gzipSize(bytes) };
}

/** Builds `export * from 'lit'` with the widgets' resolver and minifier. */
async function buildBareLit(outDir: string): Promise<string> {
  const file = join(outDir, 'lit-baseline.js');
  const bundle = await rollup({
    input: 'lit-baseline',
    plugins: [virtualEntry('lit-baseline', "export * from 'lit';"), resolvePlugin(), minifyPlugin()],
    logLevel: 'silent',
  });
  await bundle.write({ file, format: 'es' });
  await bundle.close();
  return file;
}

/**
 * Builds every widget and the bare-Lit baseline into a temporary folder and measures them.
 *
 * @example
 * const { baseline, widgets } = await measureWidgetSizes();
 * widgets.find((w) => w.name === 'crm-hello')!.gzipBytes / baseline.gzipBytes; // ≈ 1.5
 */
export async function measureWidgetSizes(): Promise<SizeReport> {
  const outDir = await mkdtemp(join(tmpdir(), 'crm-widget-sizes-'));
  try {
    const built = await buildWidgets({ outDir });
    const baseline = await sizeOf('lit', await buildBareLit(outDir));
    const widgets = await Promise.all(built.map((w) => sizeOf(w.name, w.file)));
    return { baseline, widgets };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)}KB`;

/**
 * One bench line per widget.
 *
 * @example
 * sizeLine({ name: 'crm-lead-form', minBytes: 20000, gzipBytes: 7000 }, baseline);
 * // 'bench size-crm-lead-form crm-lead-form min+gz: ours=6.8KB baseline=6.0KB ratio=1.14 goal=<12KB'
 */
export function sizeLine(widget: BundleSize, baseline: BundleSize): string {
  const goal = sizeGoalsKB[widget.name];
  const ratio = (widget.gzipBytes / baseline.gzipBytes).toFixed(2);
  return (
    `bench size-${widget.name} ${widget.name} min+gz: ours=${kb(widget.gzipBytes)} ` +
    `baseline=${kb(baseline.gzipBytes)} ratio=${ratio} goal=${goal === undefined ? 'n/a' : `<${goal}KB`}`
  );
}

/** Widgets over their goal, as messages; empty when all fit. */
export function overGoal(report: SizeReport): string[] {
  return report.widgets.flatMap((w) => {
    const goal = sizeGoalsKB[w.name];
    return goal !== undefined && w.gzipBytes > goal * 1024
      ? [`${w.name} is ${kb(w.gzipBytes)} min+gz, goal <${goal}KB`]
      : [];
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const report = await measureWidgetSizes();
  for (const w of report.widgets) console.log(sizeLine(w, report.baseline));
  const over = overGoal(report);
  for (const line of over) console.error(`over goal: ${line}`);
  process.exitCode = over.length ? 1 : 0;
}
