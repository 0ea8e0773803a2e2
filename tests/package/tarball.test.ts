/**
 * @module tests/package/tarball
 * The package as its users get it. `npm pack` (which builds `dist/` first) makes the tarball; it is
 * installed once into a fresh temporary project, from npm's cache, and used on plain Node, without
 * tsx or TypeScript: the `broker-crm` command (`init`, `migrate`, `serve`), the firm's existing Hono
 * server of `examples/embed-in-existing-server/` with the API mounted under `/crm` and a plugin of its
 * own registered through `broker-crm/plugin`, and a widget bundle in Chromium. Slow (a build and an
 * install): one pack, one install for the whole file. It took 4–5 minutes on the 2-core machine while
 * other test runs shared it, most of it `npm run build` inside `npm pack`; the hook allows 10.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../browser/chromium.ts';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../', import.meta.url));
const example = join(repo, 'examples', 'embed-in-existing-server');
const work = mkdtempSync(join(tmpdir(), 'crm-tarball-'));
const app = join(work, 'app');
const children: ChildProcess[] = [];

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: Array<{ path: string; size: number }>;
}
let packed: PackResult;

/**
 * Environment of a user's shell: no TypeScript loader, no test database settings, no keys (init
 * writes them to the user's config folder, here one of this run's own).
 */
const userEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: join(work, 'config') };
  for (const k of Object.keys(env))
    if (/^(VITEST|npm_|CRM_|DATABASE_URL$|NODE_OPTIONS$|NODE_ENV$|TSX)/.test(k)) delete env[k];
  return env;
};

const sh = (cmd: string, args: string[], cwd = app) =>
  run(cmd, args, { cwd, env: userEnv(), maxBuffer: 64 * 1024 * 1024 });

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Starts a long-running command and resolves once its output matches `ready`. */
function start(cmd: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<ChildProcess> {
  // Its own process group, so that stopping `npx …` also stops the node process npx started.
  const child = spawn(cmd, args, {
    cwd: app,
    env: { ...userEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${cmd} ${args.join(' ')} did not start:\n${out}`)), 30_000);
    const seen = (chunk: Buffer) => {
      out += chunk.toString();
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', seen);
    child.stderr!.on('data', seen);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}:\n${out}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      resolve(); // the group is already gone
    }
  });
}

beforeAll(async () => {
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', work], {
    cwd: repo,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, npm_config_loglevel: 'error' },
  });
  packed = (JSON.parse(stdout.slice(stdout.indexOf('[\n'))) as PackResult[])[0]!;
  console.log(
    `tarball ${packed.filename}: ${(packed.size / 1024 / 1024).toFixed(2)} MB packed, ` +
      `${(packed.unpackedSize / 1024 / 1024).toFixed(2)} MB unpacked, ${packed.files.length} files`,
  );
  cpSync(example, app, { recursive: true });
  const pkg = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  pkg.dependencies['broker-crm'] = `file:${join(work, packed.filename)}`;
  writeFileSync(join(app, 'package.json'), JSON.stringify(pkg, null, 2));
  const started = Date.now();
  await sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error']);
  console.log(`npm install of the tarball into a fresh project: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}, 600_000);

afterAll(async () => {
  await Promise.all(children.map(stop));
  rmSync(work, { recursive: true, force: true });
}, 120_000); // stopping the servers and removing node_modules: 30 s was too little on a loaded machine

describe('the npm package', () => {
  it('holds built JS, types, both engines’ migrations, schemas, widgets, manifest and fonts, nothing else', () => {
    const paths = packed.files.map((f) => f.path);
    const outside = paths.filter(
      (p) =>
        !/^(package\.json|README\.md|bin\/broker-crm\.js)$/.test(p) &&
        !/^dist\/(core|plugins)\/.+\.(js|d\.ts|js\.map|d\.ts\.map|sql|json)$/.test(p) &&
        !/^dist\/widgets\/[a-z-]+\.js$/.test(p) &&
        !/^dist\/fonts\/(DejaVuSans(-Bold)?\.ttf|LICENSE\.txt)$/.test(p) &&
        p !== 'dist/custom-elements.json',
    );
    expect(outside).toEqual([]);
    expect(paths.filter((p) => /\.test\.|\.bench\.|fixtures|examples\/|demo/.test(p))).toEqual([]);
    for (const need of [
      'dist/core/index.js',
      'dist/core/index.d.ts',
      'dist/core/index.js.map',
      'dist/core/plugin/index.d.ts',
      'dist/core/http/index.js',
      'dist/core/storage/migrations/sqlite/meta/_journal.json',
      'dist/core/storage/migrations/postgres/meta/_journal.json',
      'dist/core/storage/extras/sqlite/010_clients_fts.sql',
      'dist/core/storage/extras/postgres/010_clients_search.sql',
      'dist/plugins/sms-smsapi/index.js',
      'dist/widgets/broker-crm-widgets.js',
      'dist/widgets/crm-lead-form.js',
      'dist/custom-elements.json',
      'dist/fonts/DejaVuSans.ttf',
    ])
      expect(paths).toContain(need);
    expect(paths.some((p) => /^dist\/core\/storage\/migrations\/sqlite\/\d+_.+\.sql$/.test(p))).toBe(true);
    expect(paths.some((p) => /^dist\/core\/storage\/migrations\/postgres\/\d+_.+\.sql$/.test(p))).toBe(true);
    expect(paths.filter((p) => p.endsWith('.schema.json')).length).toBeGreaterThanOrEqual(2);
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules/broker-crm/dist/custom-elements.json'), 'utf8'));
    expect(manifest.schemaVersion).toBeTruthy();
  });

  it('installs without tsx or TypeScript and imports on plain Node with types next to the code', async () => {
    expect(existsSync(join(app, 'node_modules/tsx'))).toBe(false);
    expect(existsSync(join(app, 'node_modules/typescript'))).toBe(false);
    expect(existsSync(join(app, 'node_modules/lit'))).toBe(false);
    const { stdout } = await sh('node', [
      '--input-type=module',
      '-e',
      `const m = await import('broker-crm'); const p = await import('broker-crm/plugin');
       const ids = await import('broker-crm/ids'); const s = await import('broker-crm/plugins/sms-smsapi');
       const schema = await import('broker-crm/config-schema.json', { with: { type: 'json' } });
       console.log(typeof m.createCrm, typeof p.definePlugin, typeof ids.parsePesel, typeof s.default,
         schema.default.$schema ? 'schema' : 'no-schema', import.meta.resolve('broker-crm'));`,
    ]);
    expect(stdout).toMatch(
      /^function function function function schema file:.*\/node_modules\/broker-crm\/dist\/core\/index\.js/,
    );
  }, 60_000);

  it('type-checks a TypeScript consumer against the shipped .d.ts files', async () => {
    writeFileSync(
      join(app, 'consumer.ts'),
      `import { createCrm, type Crm } from 'broker-crm';
import { definePlugin } from 'broker-crm/plugin';
import { createHttpApi } from 'broker-crm/http';
import { parsePesel } from 'broker-crm/ids';
const plugin = definePlugin({ name: 'firm-rules' });
export async function open(): Promise<Crm> {
  const crm = await createCrm({ config: './crm.config.json', plugins: [plugin] });
  createHttpApi(crm).get('/x', (c) => c.text('x'));
  return crm;
}
export const valid: boolean = parsePesel('44051401359').ok;
// @ts-expect-error: the options need a config
void createCrm({ database: 'file:x.db' });
`,
    );
    const tsc = join(repo, 'node_modules/typescript/bin/tsc');
    const options = { strict: true, module: 'nodenext', noEmit: true, skipLibCheck: true, types: [] };
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: options, files: ['consumer.ts'] }));
    const r = await sh('node', [tsc, '-p', 'tsconfig.json']).catch((e: { stdout: string }) => ({
      stdout: e.stdout,
      failed: true,
    }));
    expect(r.stdout).toBe('');
  }, 60_000);

  it('runs npx broker-crm init, migrate and serve: the API answers and serves the widget bundles', async () => {
    const db = `file:${join(app, 'crm.db')}`;
    const admin = ['--admin-email', 'szef@baltyk.pl'];
    const init = await sh('npx', ['broker-crm', 'init', '--name', 'Finanse Bałtyk', ...admin]);
    expect(init.stdout).toMatch(/first administrator: szef@baltyk\.pl \/ \S{12,}/);
    const config = JSON.parse(readFileSync(join(app, 'crm.config.json'), 'utf8'));
    expect(config.firm.name).toBe('Finanse Bałtyk');
    expect(existsSync(join(app, config.$schema))).toBe(true);
    const migrate = await sh('npx', ['broker-crm', 'migrate', '--database', db]);
    expect(migrate.stdout).toMatch(/Migrated/);

    const port = await freePort();
    const serve = await start('npx', ['broker-crm', 'serve', '--port', String(port)], {}, /serving Finanse Bałtyk/);
    const base = `http://127.0.0.1:${port}`;
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const widget = await fetch(`${base}/widgets/crm-lead-form.js`);
    expect(widget.status).toBe(200);
    expect(widget.headers.get('content-type')).toMatch(/javascript/);
    const spec = (await (await fetch(`${base}/api/openapi.json`)).json()) as { paths: object };
    expect(Object.keys(spec.paths).length).toBeGreaterThan(20);
    const signIn = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'szef@baltyk.pl', password: /\/ (\S+)/.exec(init.stdout)![1] }),
    });
    expect(signIn.status).toBe(200);
    await stop(serve);

    const demo = await sh('npx', ['broker-crm', 'start']).then(
      (r) => ({ code: 0, stderr: r.stderr }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(demo.code).toBe(1);
    expect(demo.stderr).toMatch(/demo firm is part of the broker-crm repository/);
  }, 120_000);

  it('walks docs/getting-started.md: every sh block runs and prints what its text block shows', async () => {
    const doc = readFileSync(join(repo, 'docs', 'getting-started.md'), 'utf8');
    const blocks = [...doc.matchAll(/```(sh|text)\n([\s\S]*?)```/g)].map((m) => ({ kind: m[1], body: m[2]! }));
    const install = 'npm install broker-crm --no-audit --no-fund --loglevel=error';
    const script = blocks
      .filter((b) => b.kind === 'sh')
      .map((b) => b.body)
      .join('\n');
    expect(script).toContain(install);
    // The package is not on the registry: the install line uses the tarball this file installed.
    const root = join(work, 'walk');
    mkdirSync(root);
    // The page's port 3100 becomes a free one: another test run on the same machine may hold 3100,
    // and the walk would then talk to that run's server.
    const port = String(await freePort());
    const run = script.replace(install, `ln -s ${join(app, 'node_modules')} node_modules`).replace(/\b3100\b/g, port);
    const child = spawn('bash', ['-c', `set -euo pipefail\n${run}`], { cwd: root, env: userEnv(), detached: true });
    children.push(child);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code, out).toBe(0);
    // Amounts are formatted with no-break spaces (U+00A0, U+202F); the page shows plain spaces.
    const lines = out.replace(/[\u00a0\u202f]/g, ' ').split('\n');
    let at = 0;
    for (const shown of blocks.filter((b) => b.kind === 'text').flatMap((b) => b.body.split('\n'))) {
      const expected = shown.replace(/\b3100\b/g, port);
      if (expected.trim()) {
        const re = new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/…/g, '.*')}$`);
        const found = lines.findIndex((l, i) => i >= at && re.test(l));
        expect(found, `"${expected}" in:\n${out}`).toBeGreaterThanOrEqual(0);
        at = found + 1;
      }
    }
  }, 120_000);

  it('mounts createHttpApi in a Hono server with the firm’s plugin; a widget bundle runs in Chromium', async () => {
    const port = await freePort();
    await start(
      'node',
      ['server.js'],
      { PORT: String(port), DATABASE_URL: `file:${join(app, 'crm.db')}` },
      /listening/,
    );
    const base = `http://127.0.0.1:${port}`;
    expect(await (await fetch(`${base}/plugins`)).json()).toEqual({ smsProviders: ['console'] });
    const health = await fetch(`${base}/crm/api/health`);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');

    const browser = await launchChromium();
    try {
      const { page, errors } = await browser.newPage();
      await page.goto(`${base}/`);
      await expect.poll(() => page.locator('crm-hello [part=status]').textContent(), { timeout: 20_000 }).toBe('ok');
      expect(await page.locator('h1').textContent()).toBe('Our intranet');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
