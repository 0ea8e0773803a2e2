/**
 * @module tests/security/support/server-process
 * `broker-crm serve` as a child process on a file database, for tests that kill it: a free port,
 * a wait until `/api/health` answers, and SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { demoConfigPath } from './world.ts';

const main = fileURLToPath(new URL('../../../core/cli/main.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
  stderr(): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Start `serve` on `databaseUrl` and wait until it answers (up to `timeoutMs`). */
export async function startServer(databaseUrl: string, timeoutMs = 60_000): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      '--conditions=broker-crm-source',
      '--import',
      'tsx',
      main,
      'serve',
      '--config',
      demoConfigPath,
      '--database',
      databaseUrl,
      '--port',
      String(port),
    ],
    { cwd: root, env: { ...process.env, HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}:\n${err}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer within ${timeoutMs} ms:\n${err}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, url, exited, stderr: () => err };
}
