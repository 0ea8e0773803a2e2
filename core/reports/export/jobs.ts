/**
 * @module reports/export/jobs
 * Long exports as background jobs: the file is written to a private temporary directory while the
 * request that started it has long returned; the creator polls the job's progress and then fetches
 * the file through a link that only they may use. Files are kept for a limited time (default one
 * hour) and then deleted. Jobs live in the process that runs them: with several server processes,
 * route a job's progress and download to the instance that answered 202 (sticky sessions), or run
 * exports on one instance.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { notFound } from '../../errors.ts';
import { newId } from '../../ids/index.ts';

export interface ExportSettings {
  /** Exports of more rows than this run as a job (default 5,000; `CRM_EXPORT_DIRECT_ROWS`). */
  directRows: number;
  /** How long a job's file is kept after it is done (default 1 hour; `CRM_EXPORT_TTL_MINUTES`). */
  ttlMs: number;
  /** Where files are written (default a private directory under the system temp dir). */
  dir: string;
}

export interface ExportJob {
  id: string;
  ownerId: string | null;
  resource: string;
  status: 'running' | 'done' | 'failed';
  rows: number;
  /** The row count when the job started (the data may change while it runs). */
  total: number;
  filename: string;
  path: string;
  createdAt: Date;
  /** Set when done: after this the file is gone. */
  expiresAt: Date | null;
  error: string | null;
}

/** What the creator sees of a job. */
export interface ExportJobView {
  id: string;
  resource: string;
  status: ExportJob['status'];
  rows: number;
  total: number;
  /** 0–1. */
  progress: number;
  /** The download link, once done. */
  url: string | null;
  expiresAt: string | null;
  error: string | null;
}

export interface ExportJobs {
  readonly settings: ExportSettings;
  create(input: { ownerId: string | null; resource: string; total: number; filename: string }): ExportJob;
  /** The job, if it exists, has not expired and belongs to `userId` (else 404: no hint it exists). */
  get(id: string, userId: string | null): ExportJob;
  view(job: ExportJob): ExportJobView;
  /** A path for a one-off file (a direct download), in the same private directory. */
  scratchPath(): string;
  /** Deletes expired files now (also done on every lookup). */
  sweep(now?: Date): void;
}

const registries = new WeakMap<object, ExportJobs>();

function envNumber(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/**
 * The job registry of one CRM instance (keyed by its database), created on first use.
 * `settings` apply when the registry is created (call before the first export to configure).
 * @example
 * const jobs = exportJobs(crm.database, { directRows: 10_000 });
 */
export function exportJobs(owner: object, settings: Partial<ExportSettings> = {}): ExportJobs {
  let jobs = registries.get(owner);
  if (!jobs) registries.set(owner, (jobs = createRegistry(settings)));
  return jobs;
}

function createRegistry(partial: Partial<ExportSettings>): ExportJobs {
  const settings: ExportSettings = {
    directRows: partial.directRows ?? envNumber('CRM_EXPORT_DIRECT_ROWS', 5000),
    ttlMs: partial.ttlMs ?? envNumber('CRM_EXPORT_TTL_MINUTES', 60) * 60_000,
    dir: partial.dir ?? mkdtempSync(join(tmpdir(), 'crm-exports-')),
  };
  mkdirSync(settings.dir, { recursive: true, mode: 0o700 });
  const jobs = new Map<string, ExportJob>();
  const remove = (job: ExportJob) => {
    jobs.delete(job.id);
    rmSync(job.path, { force: true });
  };
  const registry: ExportJobs = {
    settings,
    create({ ownerId, resource, total, filename }) {
      const id = newId();
      const job: ExportJob = {
        id,
        ownerId,
        resource,
        status: 'running',
        rows: 0,
        total,
        filename,
        path: join(settings.dir, `${id}.xlsx`),
        createdAt: new Date(),
        expiresAt: null,
        error: null,
      };
      jobs.set(id, job);
      return job;
    },
    get(id, userId) {
      registry.sweep();
      const job = jobs.get(id);
      if (!job || job.ownerId !== userId) throw notFound('Export job', id);
      return job;
    },
    view: (job) => ({
      id: job.id,
      resource: job.resource,
      status: job.status,
      rows: job.rows,
      total: job.total,
      progress: job.status === 'done' ? 1 : job.total ? Math.min(job.rows / job.total, 0.99) : 0,
      url: job.status === 'done' ? `/api/export-jobs/${job.id}/file` : null,
      expiresAt: job.expiresAt?.toISOString() ?? null,
      error: job.error,
    }),
    scratchPath: () => join(settings.dir, `${newId()}.xlsx`),
    sweep(now = new Date()) {
      for (const job of jobs.values()) if (job.expiresAt && job.expiresAt <= now) remove(job);
    },
  };
  // Files of jobs nobody asks about again are removed too.
  const timer = setInterval(() => registry.sweep(), Math.min(settings.ttlMs, 60_000));
  timer.unref();
  return registry;
}
