/**
 * @module tests/browser/built-widgets
 * Builds the widget bundles once for all browser test files. The output lives in
 * `node_modules/.cache/crm-widgets/<hash of the widget sources>`, so a second test file (running
 * in parallel or later) and a re-run with unchanged sources reuse it; a `mkdir` lock keeps two
 * workers from building the same thing at once. The builder touches its lock every few seconds, so
 * a lock left by a dead worker is taken over after 30 s, while a slow build (minutes on a loaded
 * machine) keeps it: before, a lock older than 3 minutes was taken over, and on a busy CI machine a
 * second and third worker started the same build beside the first, slowing all of them past the
 * browser tests' setup timeout.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm, rename, stat, utimes, writeFile } from 'node:fs/promises';
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
      // Another worker is building (it touches the lock); a lock untouched for 30 s belongs to a dead one.
      const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > 30_000) await rm(lock, { recursive: true, force: true });
      await sleep(250);
    }
  }
  const alive = setInterval(() => {
    const now = new Date();
    utimes(lock, now, now).catch(() => {});
  }, 3_000);
  try {
    const staging = `${dir}.tmp`;
    await rm(staging, { recursive: true, force: true });
    await buildWidgets({ outDir: staging });
    await writeFile(join(staging, '.done'), new Date().toISOString());
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
    return dir;
  } finally {
    clearInterval(alive);
    await rm(lock, { recursive: true, force: true });
  }
}
