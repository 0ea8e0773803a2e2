/**
 * @module import/uploads
 * Uploaded spreadsheets waiting for their dry run and import: each file is kept in the system's
 * temporary folder under a random id, with who uploaded it (only they may use it), until it is
 * imported or a day has passed. The files live on this server: with several instances, the upload,
 * dry run and import of one file must reach the same instance (sticky sessions), or use the CLI.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ctx } from '../context.ts';
import { notFound } from '../errors.ts';

const dir = () => join(tmpdir(), 'broker-crm-imports');
const DAY_MS = 24 * 3600_000;

export interface Upload {
  id: string;
  fileName: string;
  bytes: Uint8Array;
}

/**
 * @example
 * const id = await saveUpload(ctx, 'klienci.csv', bytes); // 'u_3f9a…'
 */
export async function saveUpload(ctx: Ctx, fileName: string, bytes: Uint8Array): Promise<string> {
  await mkdir(dir(), { recursive: true, mode: 0o700 });
  await sweepUploads(Date.now()); // file times are the machine's, not the CRM clock's
  const id = `u_${randomBytes(16).toString('hex')}`;
  await writeFile(join(dir(), `${id}.bin`), bytes, { mode: 0o600 });
  await writeFile(join(dir(), `${id}.json`), JSON.stringify({ actorId: ctx.actor.userId, fileName }), { mode: 0o600 });
  return id;
}

/** The upload, if it exists and this actor made it (404 otherwise). */
export async function loadUpload(ctx: Ctx, id: string): Promise<Upload> {
  if (!/^u_[0-9a-f]{32}$/.test(id)) throw notFound('upload', id);
  try {
    const meta = JSON.parse(await readFile(join(dir(), `${id}.json`), 'utf8')) as {
      actorId: string | null;
      fileName: string;
    };
    if (meta.actorId !== ctx.actor.userId) throw notFound('upload', id);
    return { id, fileName: meta.fileName, bytes: new Uint8Array(await readFile(join(dir(), `${id}.bin`))) };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw notFound('upload', id);
    throw e;
  }
}

export async function dropUpload(id: string): Promise<void> {
  await rm(join(dir(), `${id}.bin`), { force: true });
  await rm(join(dir(), `${id}.json`), { force: true });
}

async function sweepUploads(now: number): Promise<void> {
  for (const name of await readdir(dir()).catch(() => [] as string[])) {
    const path = join(dir(), name);
    const s = await stat(path).catch(() => undefined);
    if (s && now - s.mtimeMs > DAY_MS) await rm(path, { force: true });
  }
}
