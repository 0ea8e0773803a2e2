/**
 * @module tests/browser/config-form-fixture
 * A page with `<crm-config-form>` and `<crm-workflow-graph>` wired the way the config editor wires
 * them (the graph slotted into the form's workflow tab, redrawn on every `config-change`), over the
 * published schema and the demo config, for walking the two widgets without the config API.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../rollup.config.ts';

export const configSchema = JSON.parse(
  readFileSync(join(projectRoot, 'core/config/crm.config.schema.json'), 'utf8'),
) as Record<string, unknown>;
export const demoConfig = JSON.parse(
  readFileSync(join(projectRoot, 'examples/demo-firm/crm.config.json'), 'utf8'),
) as Record<string, unknown>;

/** The fixture page's HTML; `window.lastValue` holds the value of the last `config-change`. */
export function configFormPage(lang: 'pl' | 'en', scripts: string[]): string {
  const data = JSON.stringify({ schema: configSchema, value: demoConfig }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>Config form</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
${scripts.map((s) => `<script type="module" src="${s}"></script>`).join('\n')}
<style>body { font-family: sans-serif; margin: 12px; }</style>
</head><body><main><h1>Config</h1>
<crm-config-form><crm-workflow-graph slot="workflow"></crm-workflow-graph></crm-config-form>
</main>
<script type="module">
  const { schema, value } = ${data};
  await customElements.whenDefined('crm-config-form');
  await customElements.whenDefined('crm-workflow-graph');
  const form = document.querySelector('crm-config-form');
  const graph = document.querySelector('crm-workflow-graph');
  form.schema = schema;
  form.value = value;
  graph.workflow = value.workflow;
  window.lastValue = value;
  window.changes = 0;
  form.addEventListener('config-change', (e) => {
    window.lastValue = e.detail.value;
    window.changes++;
    graph.workflow = e.detail.value.workflow;
  });
  document.body.dataset.ready = 'yes';
</script></body></html>`;
}
