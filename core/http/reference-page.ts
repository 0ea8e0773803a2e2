/**
 * @module http/reference-page
 * A readable API reference at `/api/docs`, rendered on the server from the OpenAPI document: no
 * script, no external assets, so it works offline and under a strict CSP. Values are escaped by
 * `hono/html`; nested `html` pieces are kept as markup.
 */
import { createHash } from 'node:crypto';
import { html, raw } from 'hono/html';

const style = [
  'body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1b2330}',
  'code,pre{font-family:ui-monospace,monospace}pre{background:#f4f6f8;padding:.75rem;overflow:auto}',
  'section{border-top:1px solid #e3e7ec;padding:.5rem 0}',
  '.m{display:inline-block;min-width:4.5em;font-size:.8em;padding:.1em .4em;border-radius:4px;color:#fff;',
  'background:#56657a;text-align:center}',
  '.get{background:#2f7d4f}.post{background:#2f5d9e}.patch,.put{background:#9a6b12}.delete{background:#a33}',
  '.r{color:#56657a;font-size:.9em}.s{font-weight:600}nav a{margin-right:.75rem}',
].join('');

/** The page's policy, sent as a header: nothing but its own inline style (by hash), never framed. */
export const REFERENCE_PAGE_CSP =
  `default-src 'none'; style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'; ` +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

// any: the OpenAPI document is plain JSON here
const parameter = (p: any) =>
  html`<li><code>${p.name}</code> <em>${p.in}</em>${p.required ? ' (required)' : ''} — ${p.schema?.type ?? ''}${
    p.schema?.enum ? ` (${p.schema.enum.join(' | ')})` : ''
  }</li>`;

function operation(path: string, method: string, op: any) {
  const params = (op.parameters ?? []).map(parameter);
  const schema = op.requestBody?.content['application/json']?.schema;
  const files = Object.keys(op.requestBody?.content ?? {}).join(', ');
  const body = schema
    ? html`<details><summary>Request body (JSON Schema)</summary>
<pre>${JSON.stringify(schema, null, 2)}</pre></details>`
    : op.requestBody
      ? html`<p>Request body: the file itself (${files})</p>`
      : '';
  const responses = Object.entries<any>(op.responses).map(
    ([s, r], i) => html`${i ? ' · ' : ''}<span class="s s${s[0]}">${s}</span> ${r.description}`,
  );
  const isPublic = op.security?.length === 0;
  return html`<section id="${op.operationId}">
<h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${path}</code></h3>
<p>${op.summary}${isPublic ? html` <em>(public)</em>` : ''}</p>${params.length ? html`<ul>${params}</ul>` : ''}${body}
<p class="r">${responses}</p></section>`;
}

export function referencePage(doc: any): string {
  const byTag = new Map<string, unknown[]>();
  for (const [path, ops] of Object.entries<Record<string, any>>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(ops)) {
      const tag = op.tags?.[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), operation(path, method, op)]);
    }
  }
  const nav = [...byTag.keys()].map((t, i) => html`${i ? ' ' : ''}<a href="#tag-${t}">${t}</a>`);
  const sections = [...byTag].map(([t, items]) => html`<h2 id="tag-${t}">${t}</h2>${items}`);
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${doc.info.title}</title>
<style>${raw(style)}</style></head>
<body><h1>${doc.info.title}</h1>
<p>${doc.info.description} Machine-readable: <a href="/api/openapi.json">openapi.json</a> (OpenAPI ${doc.openapi}).</p>
<nav>${nav}</nav>${sections}</body></html>`.toString();
}
