/**
 * @module widgets/base/export-download
 * The list widgets' "Export to Excel": whether the signed-in person may export a resource (their
 * `/api/me` permissions; the button is not drawn otherwise, and the server refuses anyway), and the
 * download itself. A short export comes back as the file; a long one as a job (202), whose progress
 * is polled until its link works. The file is fetched with the widget's own credentials (cookie or
 * bearer token) and handed to the browser as a download.
 */
import { apiRequest, type ApiConfig, type QueryValue } from './api-client.ts';
import { toApiError } from './api-error.ts';

export interface ExportJobView {
  id: string;
  status: 'running' | 'done' | 'failed';
  progress: number;
  url: string | null;
  error: string | null;
}

const urlOf = (config: ApiConfig, path: string, query: Record<string, QueryValue> = {}) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') params.append(k, String(v));
  const search = params.toString();
  return `${config.baseUrl.replace(/\/+$/, '')}${path}${search ? `?${search}` : ''}`;
};

async function get(config: ApiConfig, url: string): Promise<Response> {
  const res = await fetch(url, {
    headers: config.token ? { authorization: `Bearer ${config.token}` } : {},
    credentials: config.token ? 'omit' : 'include',
  });
  if (!res.ok && res.status !== 202) {
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: the status text is the message
    }
    throw toApiError(res.status, body, res.statusText);
  }
  return res;
}

function save(blob: Blob, filename: string): void {
  const href = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

const filenameOf = (res: Response, fallback: string) =>
  /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallback;

/**
 * Downloads an export; `onProgress` (0–1) is called while a long export runs as a job.
 * @example
 * await downloadExport(this.apiConfig, '/api/exports/clients', { status: 'new' }, (p) => (this.progress = p));
 */
export async function downloadExport(
  config: ApiConfig,
  path: string,
  query: Record<string, QueryValue>,
  onProgress?: (progress: number) => void,
): Promise<string> {
  let res = await get(config, urlOf(config, path, query));
  if (res.status === 202) {
    let job = ((await res.json()) as { job: ExportJobView }).job;
    while (job.status === 'running') {
      onProgress?.(job.progress);
      await new Promise((r) => setTimeout(r, 700));
      job = await apiRequest<ExportJobView>(config, 'GET', `/api/export-jobs/${job.id}`);
    }
    if (job.status !== 'done' || !job.url) throw toApiError(500, { error: { code: 'export', message: job.error } });
    onProgress?.(1);
    res = await get(config, urlOf(config, job.url));
  }
  const filename = filenameOf(res, 'export.xlsx');
  save(await res.blob(), filename);
  return filename;
}
