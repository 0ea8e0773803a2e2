/**
 * @module http/reference-page
 * A readable API reference at `/api/docs`, rendered on the server from the OpenAPI document: no
 * script, no external assets, so it works offline and under a strict CSP.
 */
const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function referencePage(doc: any): string {
  // any: the OpenAPI document is plain JSON here
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries<Record<string, any>>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(ops)) {
      const params = (op.parameters ?? [])
        .map(
          (p: any) =>
            `<li><code>${esc(p.name)}</code> <em>${esc(p.in)}</em>${p.required ? ' (required)' : ''} — ${esc(p.schema?.type ?? '')}${p.schema?.enum ? ` (${esc(p.schema.enum.join(' | '))})` : ''}</li>`,
        )
        .join('');
      const body = op.requestBody
        ? `<details><summary>Request body (JSON Schema)</summary><pre>${esc(JSON.stringify(op.requestBody.content['application/json'].schema, null, 2))}</pre></details>`
        : '';
      const responses = Object.entries<any>(op.responses)
        .map(([s, r]) => `<span class="s s${s[0]}">${esc(s)}</span> ${esc(r.description)}`)
        .join(' · ');
      const html = `<section id="${esc(op.operationId)}"><h3><span class="m ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3><p>${esc(op.summary)}${op.security?.length === 0 ? ' <em>(public)</em>' : ''}</p>${params ? `<ul>${params}</ul>` : ''}${body}<p class="r">${responses}</p></section>`;
      const tag = op.tags?.[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
    }
  }
  const nav = [...byTag.keys()].map((t) => `<a href="#tag-${esc(t)}">${esc(t)}</a>`).join(' ');
  const sections = [...byTag].map(([t, items]) => `<h2 id="tag-${esc(t)}">${esc(t)}</h2>${items.join('')}`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(doc.info.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1b2330}code,pre{font-family:ui-monospace,monospace}pre{background:#f4f6f8;padding:.75rem;overflow:auto}
section{border-top:1px solid #e3e7ec;padding:.5rem 0}.m{display:inline-block;min-width:4.5em;font-size:.8em;padding:.1em .4em;border-radius:4px;color:#fff;background:#56657a;text-align:center}
.get{background:#2f7d4f}.post{background:#2f5d9e}.patch,.put{background:#9a6b12}.delete{background:#a33}.r{color:#56657a;font-size:.9em}.s{font-weight:600}nav a{margin-right:.75rem}</style></head>
<body><h1>${esc(doc.info.title)}</h1><p>${esc(doc.info.description)} Machine-readable: <a href="/api/openapi.json">openapi.json</a> (OpenAPI ${esc(doc.openapi)}).</p><nav>${nav}</nav>${sections}</body></html>`;
}
