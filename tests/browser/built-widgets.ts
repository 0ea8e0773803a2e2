/**
 * @module tests/browser/built-widgets
 * Builds the widget bundles once for all browser test files. The output lives in
 * `node_modules/.cache/crm-widgets/<hash of the widget sources>`, so a second test file (running
 * in parallel or later) and a re-run with unchanged sources reuse it; a `mkdir` lock keeps two
 * workers from building the same thing at once. The lock holds its builder's pid and is taken over
 * only when that process is gone (a worker killed mid-build), never for its age: a builder may not
 * run a timer for a minute on a loaded machine (the TypeScript plugin compiles synchronously), and a
 * lock taken from a live builder meant two builds side by side, each deleting the other's output,
 * slowing all of them past the browser tests' setup timeout.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildWidgets } from '../../scripts/build-widgets.ts';
import { projectRoot } from '../../rollup.config.ts';

function sourceHash(): string {
  const hash = createHash('sha256');
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
        hash.update(path).update(readFileSync(path));
    }
  };
  visit(join(projectRoot, 'widgets'));
  for (const file of ['rollup.config.ts', 'tsconfig.widgets.json', 'package-lock.json']) {
    if (existsSync(join(projectRoot, file))) hash.update(readFileSync(join(projectRoot, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * The bound of a test file's setup that calls `builtWidgets()`. The first browser file of a run builds every widget
 * and the others wait for that build: a few seconds' work on an idle machine, over five minutes at a load average of
 * 20 (and the CI of a366f9a, at 25, saw setups give up at 400 s). So every such setup has this one bound, not the
 * 180–400 s some had, which held only when another file had happened to build first.
 */
export const WIDGET_BUILD_WAIT_MS = 1_200_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether process `pid` runs (builders share one machine: the cache is under this checkout's node_modules). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid written in a lock, or 0 (not written yet, or no lock). */
const ownerOf = async (lock: string) => Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => '0')) || 0;

/**
 * The folder with every built widget bundle for the current sources.
 *
 * @example
 * const widgetsDir = await builtWidgets(); // …/crm-hello.js, …/broker-crm-widgets.js
 */
export async function builtWidgets(): Promise<string> {
  const cache = join(projectRoot, 'node_modules', '.cache', 'crm-widgets');
  const dir = join(cache, sourceHash());
  const lock = `${dir}.lock`;
  await mkdir(cache, { recursive: true });
  for (;;) {
    if (existsSync(join(dir, '.done'))) return dir;
    try {
      await mkdir(lock);
      break;
    } catch {
      // Another worker is building: its pid is in the lock. Taken over only when that process is gone; a lock
      // still without a pid after a minute belongs to a worker that died between making it and writing the pid.
      const owner = await ownerOf(lock);
      const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (owner ? !running(owner) : age > 60_000) await rm(lock, { recursive: true, force: true });
      await sleep(250);
    }
  }
  await writeFile(join(lock, 'pid'), String(process.pid));
  try {
    const staging = `${dir}.tmp`;
    await rm(staging, { recursive: true, force: true });
    await buildWidgets({ outDir: staging });
    await writeFile(join(staging, '.done'), new Date().toISOString());
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
    return dir;
  } finally {
    if ((await ownerOf(lock)) === process.pid) await rm(lock, { recursive: true, force: true });
  }
}
