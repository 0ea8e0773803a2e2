/**
 * @module http/reference-page.test
 * The server-rendered API reference: every operation listed under its tag with method, path,
 * parameters, request schema and responses; text from the OpenAPI document is escaped, so a
 * summary or description holding markup shows as text and cannot inject any.
 */
import { describe, expect, it } from 'vitest';
import { referencePage } from './reference-page.ts';

const doc = {
  openapi: '3.1.0',
  info: { title: 'Kredyt-Dom <CRM>', description: 'API & "docs"' },
  paths: {
    '/api/clients': {
      get: {
        operationId: 'listClients',
        tags: ['clients'],
        summary: 'Clients <script>alert(1)</script>',
        parameters: [
          { name: 'status', in: 'query', required: false, schema: { type: 'string', enum: ['new', 'sale'] } },
          { name: 'limit', in: 'query', required: true, schema: { type: 'integer' } },
        ],
        responses: { '200': { description: 'A page' }, '403': { description: "Not yours <b>'" } },
      },
    },
    '/api/leads': {
      post: {
        operationId: 'createLead',
        tags: ['leads'],
        summary: 'Send a lead',
        security: [],
        requestBody: { content: { 'application/json': { schema: { type: 'object', title: '<x>' } } } },
        responses: { '201': { description: 'Stored' } },
      },
    },
  },
};

describe('referencePage', () => {
  const page = referencePage(doc);

  it('escapes text from the document: no markup of its own gets through', () => {
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<b>');
    expect(page).not.toContain('<x>');
    expect(page).toContain('<title>Kredyt-Dom &lt;CRM&gt;</title>');
    expect(page).toContain('Clients &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('API &amp; &quot;docs&quot;');
  });

  it('lists each operation under its tag, with parameters, schema, responses and the public mark', () => {
    expect(page).toMatch(/<nav><a href="#tag-clients">clients<\/a> <a href="#tag-leads">leads<\/a><\/nav>/);
    expect(page).toContain('<section id="listClients">');
    expect(page).toContain('<span class="m get">GET</span> <code>/api/clients</code>');
    expect(page).toContain('<li><code>status</code> <em>query</em> — string (new | sale)</li>');
    expect(page).toContain('<li><code>limit</code> <em>query</em> (required) — integer</li>');
    expect(page).toContain('<span class="s s2">200</span> A page · <span class="s s4">403</span>');
    expect(page).toContain('Send a lead <em>(public)</em>');
    expect(page).not.toContain('Clients &lt;script&gt;alert(1)&lt;/script&gt; <em>(public)</em>');
    expect(page).toContain('<summary>Request body (JSON Schema)</summary>');
    expect(page).toContain('&quot;title&quot;: &quot;&lt;x&gt;&quot;');
  });

  it('is a whole HTML document with its styles inline and no script', () => {
    expect(page.startsWith('<!doctype html><html lang="en">')).toBe(true);
    expect(page).toContain('<style>body{font:15px/1.5 system-ui');
    expect(page.trimEnd().endsWith('</body></html>')).toBe(true);
    expect(page).not.toMatch(/<script/i);
  });
});
