import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeWidgets, customElementsOf } from './cem.ts';
import { renderWidgetSections, replaceWidgetSections } from './widgets-doc.ts';

// A tiny project with a base class and one widget, written the way our widgets are.
const root = mkdtempSync(join(tmpdir(), 'crm-cem-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const write = (path: string, text: string) => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
};
write(
  'widgets/base/crm-element.ts',
  `
/** @cssproperty --crm-font-family - Font of all widget text. */
export class CrmElement extends LitElement {
  /** Language. */
  @property() override lang = '';
  @property({ attribute: 'base-url' }) baseUrl = '';
}`,
);
write(
  'widgets/crm-lead-form/crm-lead-form.component.ts',
  `
import { CrmElement } from '../base/crm-element.ts';
/**
 * @summary A lead form for landing pages.
 * @event crm-lead-submit - A lead was accepted; \`event.leadId\` is its id.
 * @slot - Text above the form.
 * @slot consent - The consent wording.
 * @csspart field - Each input.
 * @cssproperty --crm-color-danger - Error text.
 */
export class CrmLeadForm extends CrmElement {
  /** Lead source id. */
  @property() source = 'landing';
  @property({ type: Number, attribute: 'max-length' }) maxLength = 200;
  @property({ attribute: false }) extra: Record<string, string> = {};
  private secret = 1;
  /** Sends the form. */
  submit(): void {}
}`,
);
write(
  'widgets/crm-lead-form/index.ts',
  `
import { defineElement } from '../base/define.ts';
import { CrmLeadForm } from './crm-lead-form.component.ts';
defineElement('crm-lead-form', CrmLeadForm);`,
);

describe('custom elements manifest', () => {
  const manifest = analyzeWidgets(root);
  const [form] = customElementsOf(manifest);

  it('finds the element by its defineElement call and reads its JSDoc', () => {
    expect(form).toMatchObject({
      name: 'CrmLeadForm',
      tagName: 'crm-lead-form',
      summary: 'A lead form for landing pages.',
    });
    expect(form?.events).toEqual([
      { name: 'crm-lead-submit', description: 'A lead was accepted; `event.leadId` is its id.' },
    ]);
    expect(form?.slots.map((s) => s.name)).toEqual(['', 'consent']);
    expect(form?.cssParts).toEqual([{ name: 'field', description: 'Each input.' }]);
    expect(form?.cssProperties.map((p) => p.name)).toEqual(['--crm-color-danger', '--crm-font-family']);
  });

  it('lists attributes from @property, own and inherited, but not attribute:false or private fields', () => {
    expect(form?.attributes.map((a) => [a.name, a.fieldName, a.type?.text, a.default, a.inheritedFrom?.name])).toEqual([
      ['source', 'source', 'string', "'landing'", undefined],
      ['max-length', 'maxLength', 'number', '200', undefined],
      ['lang', 'lang', 'string', "''", 'CrmElement'],
      ['base-url', 'baseUrl', 'string', "''", 'CrmElement'],
    ]);
    expect(form?.members.map((m) => m.name)).not.toContain('secret');
    expect(form?.members.find((m) => m.name === 'submit')).toMatchObject({
      kind: 'method',
      description: 'Sends the form.',
    });
  });

  it('records where the tag is defined', () => {
    const index = manifest.modules.find((m) => m.path === 'widgets/crm-lead-form/index.ts');
    expect(index?.exports).toEqual([
      {
        kind: 'custom-element-definition',
        name: 'crm-lead-form',
        declaration: { name: 'CrmLeadForm', module: 'widgets/crm-lead-form/crm-lead-form.component.ts' },
      },
    ]);
  });

  it('renders the docs section between the markers and keeps the guide around it', () => {
    const sections = renderWidgetSections(manifest);
    expect(sections).toContain('<script type="module" src="https://crm.example.pl/widgets/crm-lead-form.js"></script>');
    expect(sections).toContain('| `max-length` | `maxLength` | `number` | `200` |  |');
    const doc = replaceWidgetSections('# Guide\n<!-- widgets:start -->\nold\n<!-- widgets:end -->\nFooter\n', sections);
    expect(doc.startsWith('# Guide\n<!-- widgets:start -->')).toBe(true);
    expect(doc).not.toContain('old');
    expect(doc.endsWith('<!-- widgets:end -->\nFooter\n')).toBe(true);
  });
});
