/**
 * @module config-versions/running
 * Which configuration a process runs, and swapping it without a restart. The running configuration
 * is `runtime.config`; contexts copy the runtime when an operation starts, so an operation keeps the
 * configuration it began with and the next one sees the new one. Everything built from a
 * configuration is cached per configuration object (a `WeakMap` keyed by it) or rebuilt when the
 * object changes (the HTTP API, `core/http/app.ts`), so swapping the object is the whole apply.
 *
 * Runtimes are found by their database (contexts share the runtime's `database` object), so a save
 * made through any context swaps every runtime on that database in this process; other processes on
 * the same PostgreSQL hear the `config` topic of the change bus and reload the newest version.
 */
import { busFor } from '../bus/index.ts';
import type { FirmSections } from '../config/index.ts';
import type { Runtime } from '../context.ts';
import { parseConfig, type FirmConfig } from '../firm/index.ts';
import { failureLine, type Database } from '../storage/index.ts';
import { newestVersion } from './store.ts';

/** What runs: the version (0 = the file as loaded at start) and who saved it when and why. */
export interface RunningMeta {
  version: number;
  source: 'file' | 'store';
  authorId: string | null;
  createdAt: Date | null;
  why: string | null;
  /** The text that runs (for version 0 the file's configuration, re-serialised when it was not read from text). */
  text: string;
  /** Set when the newest stored version could not be loaded at start and the file runs instead. */
  warning?: string;
}

interface Registration {
  runtimes: Set<Runtime>;
  meta: RunningMeta;
  /** The file's configuration (version 0) as loaded at start. */
  file: { config: FirmConfig; text: string };
  adjusters: Array<(config: FirmSections) => void>;
  listening: boolean;
}

const byDatabase = new WeakMap<Database, Registration>();

function registration(database: Database): Registration {
  const r = byDatabase.get(database);
  if (!r) throw new Error('No CRM runtime is registered for this database (createCrm registers it)');
  return r;
}

/**
 * Register a runtime at start and make it run the newest stored version (else the file). Returns what runs.
 * @example
 * const meta = await startRunningConfig(runtime, fileText); // meta.version 0 = the file
 */
export async function startRunningConfig(runtime: Runtime, fileText: string): Promise<RunningMeta> {
  let r = byDatabase.get(runtime.database);
  if (!r) {
    const meta: RunningMeta = {
      version: 0,
      source: 'file',
      authorId: null,
      createdAt: null,
      why: null,
      text: fileText,
    };
    r = {
      runtimes: new Set(),
      meta,
      file: { config: runtime.config as FirmConfig, text: fileText },
      adjusters: [],
      listening: false,
    };
    byDatabase.set(runtime.database, r);
  }
  r.runtimes.add(runtime);
  await reloadNewest(runtime.database, { atStart: true });
  listen(runtime.database, r);
  return r.meta;
}

/** Forget a runtime (its CRM closed). */
export function stopRunningConfig(runtime: Runtime): void {
  byDatabase.get(runtime.database)?.runtimes.delete(runtime);
}

/**
 * What the runtimes on this database run.
 * @example
 * runningMeta(ctx.database).version // 3
 */
export function runningMeta(database: Database): RunningMeta {
  return registration(database).meta;
}

/** The file's configuration (version 0) and its text. */
export function fileConfig(database: Database): { config: FirmConfig; text: string } {
  return registration(database).file;
}

/**
 * Run `fn` on every configuration before it is applied (and once now on the running one): for
 * defaults a server fills in, such as the served pages' addresses.
 * @example
 * adjustEveryConfig(crm.database, (c) => void (c.firm.intranetUrl ??= base));
 */
export function adjustEveryConfig(database: Database, fn: (config: FirmSections) => void): void {
  const r = byDatabase.get(database);
  if (!r) return;
  r.adjusters.push(fn);
  for (const rt of r.runtimes) fn(rt.config);
}

/** Swap the configuration of every runtime on this database. */
export function applyConfig(database: Database, config: FirmConfig, meta: RunningMeta): void {
  const r = registration(database);
  for (const fn of r.adjusters) fn(config);
  r.meta = meta;
  // Runtime.config is readonly to the domain; this is the one place that swaps it.
  for (const rt of r.runtimes) (rt as { config: FirmSections }).config = config;
}

/**
 * Load the newest stored version and apply it when it is not the one running (a no-op otherwise).
 * With no stored version the file runs. A stored version the code no longer accepts (after an
 * upgrade) is not applied: the previous one keeps running and `meta.warning` says why.
 */
export async function reloadNewest(database: Database, opts: { atStart?: boolean } = {}): Promise<RunningMeta> {
  const r = registration(database);
  const row = await newestVersion({ db: database.db, t: database.t });
  if (!row) {
    if (r.meta.version !== 0) applyConfig(database, r.file.config, fileMeta(r));
    return r.meta;
  }
  if (row.version === r.meta.version && !opts.atStart) return r.meta;
  let config: FirmConfig;
  try {
    config = parseConfig(row.text, `config version ${row.version}`);
  } catch (e) {
    r.meta = { ...r.meta, warning: `stored config version ${row.version} is not valid here: ${(e as Error).message}` };
    return r.meta;
  }
  applyConfig(database, config, {
    version: row.version,
    source: 'store',
    authorId: row.authorId,
    createdAt: row.createdAt,
    why: row.reason,
    text: row.text,
  });
  return r.meta;
}

const fileMeta = (r: Registration): RunningMeta => ({
  version: 0,
  source: 'file',
  authorId: null,
  createdAt: null,
  why: null,
  text: r.file.text,
});

function listen(database: Database, r: Registration): void {
  if (r.listening) return;
  r.listening = true;
  busFor(database).subscribe('config', () => {
    // Codes and the statement, never its parameters (a database error's message carries them).
    reloadNewest(database).catch((e: unknown) => console.error(failureLine('config reload failed', e)));
  });
}
