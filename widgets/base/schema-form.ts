/**
 * @module widgets/base/schema-form
 * Form fields generated from a JSON Schema (the firm's client fields, or the fields a status
 * transition requires). It is deliberately small: one input per top-level property, its type
 * chosen from the schema (`format: email/date`, `enum` → select, integer, number, boolean, and
 * money for `x-crm-money` or a name ending in `Minor`, typed as `1 234,56` and sent as grosze),
 * labels from `x-crm-label` in the page's language, pick-list values labelled by `x-crm-enum-labels`.
 * People type money in złoty, so a money field's label never says "(gr)"/"(grosze)" (an older
 * config's unit is dropped; the input shows "(zł)"). Client-side checks cover what a person
 * fixes while typing (required, length, range, e-mail, date, money); the API's 422 `problems`
 * remain the authority and are shown next to the same inputs (`problemField`).
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { defineTranslations, type Lang, type LangSource } from './i18n.ts';
import { moneyInputText, parseMoneyInput } from './money-input.ts';

export type JsonSchema = Record<string, unknown>;
export type FieldKind = 'text' | 'email' | 'date' | 'integer' | 'number' | 'money' | 'boolean' | 'select';

export interface FormField {
  name: string;
  schema: JsonSchema;
  label: string;
  required: boolean;
  kind: FieldKind;
  options: string[];
  /** Label of each option in `options`, in the page's language (the value itself when none is configured). */
  optionLabels: string[];
}

const t = defineTranslations({
  pl: {
    required: 'To pole jest wymagane',
    tooShort: (n: number) => `Wpisz co najmniej ${n} zn.`,
    tooLong: (n: number) => `Wpisz najwyżej ${n} zn.`,
    integer: 'Wpisz liczbę całkowitą',
    number: 'Wpisz liczbę',
    min: (n: string) => `Najmniej ${n}`,
    max: (n: string) => `Najwięcej ${n}`,
    email: 'Wpisz poprawny adres e-mail',
    date: 'Wpisz datę RRRR-MM-DD',
    money: 'Wpisz kwotę, np. 1 234,56',
    pattern: 'Niepoprawny format',
    choose: '— wybierz —',
  },
  en: {
    required: 'This field is required',
    tooShort: (n: number) => `Enter at least ${n} characters`,
    tooLong: (n: number) => `Enter at most ${n} characters`,
    integer: 'Enter a whole number',
    number: 'Enter a number',
    min: (n: string) => `At least ${n}`,
    max: (n: string) => `At most ${n}`,
    email: 'Enter a valid e-mail address',
    date: 'Enter a date as YYYY-MM-DD',
    money: 'Enter an amount, e.g. 1 234.56',
    pattern: 'Invalid format',
    choose: '— choose —',
  },
});

/** A localized label from `x-crm-label` (`{ pl, en }`), else `title`, else the property name. */
export function labelOf(name: string, schema: JsonSchema, lang: Lang): string {
  const l = schema['x-crm-label'] as Partial<Record<Lang, string>> | undefined;
  return l?.[lang] ?? l?.pl ?? (typeof schema['title'] === 'string' ? schema['title'] : name);
}

/**
 * The label of a pick-list value from `x-crm-enum-labels` (`{ value: { pl, en } }`), else the value.
 *
 * @example
 * enumLabel({ enum: ['sp-zoo'], 'x-crm-enum-labels': { 'sp-zoo': { pl: 'Spółka z o.o.', en: 'LLC' } } },
 *   'sp-zoo', 'pl'); // 'Spółka z o.o.'
 */
export function enumLabel(schema: JsonSchema | undefined, value: unknown, lang: Lang): string {
  const labels = schema?.['x-crm-enum-labels'] as Record<string, Partial<Record<Lang, string>>> | undefined;
  const key = String(value ?? '');
  const l = labels && Object.hasOwn(labels, key) ? labels[key] : undefined;
  return l?.[lang] ?? l?.pl ?? key;
}

/** A money label without a grosze unit (`Kwota (gr)` → `Kwota`): people type złoty here. */
export function zlotyLabel(label: string): string {
  return label.replace(/\s*\((?:gr|grosze|grosz|grosze\/gr|minor units?)\.?\)\s*$/i, '').trim() || label;
}

function kindOf(name: string, s: JsonSchema): FieldKind {
  if (Array.isArray(s['enum'])) return 'select';
  if (s['x-crm-money'] === true || (/Minor$/.test(name) && s['type'] === 'integer')) return 'money';
  if (s['type'] === 'integer') return 'integer';
  if (s['type'] === 'number') return 'number';
  if (s['type'] === 'boolean') return 'boolean';
  if (s['format'] === 'email') return 'email';
  if (s['format'] === 'date') return 'date';
  return 'text';
}

/**
 * The fields of an object schema, in declaration order.
 *
 * @example
 * formFields({ type: 'object', properties: { amountMinor: { type: 'integer' } }, required: ['amountMinor'] },
 *   'pl')[0].kind; // 'money'
 */
export function formFields(schema: JsonSchema | undefined, lang: Lang): FormField[] {
  const props = (schema?.['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema?.['required'] ?? []) as string[]);
  return Object.entries(props).map(([name, s]) => {
    const kind = kindOf(name, s);
    const options = Array.isArray(s['enum']) ? (s['enum'] as unknown[]).map(String) : [];
    return {
      name,
      schema: s,
      label: kind === 'money' ? zlotyLabel(labelOf(name, s, lang)) : labelOf(name, s, lang),
      required: required.has(name),
      kind,
      options,
      optionLabels: options.map((o) => enumLabel(s, o, lang)),
    };
  });
}

/** A stored value as the text its input shows. */
export function fieldText(field: FormField, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (field.kind === 'money' && typeof value === 'number') return moneyInputText(value);
  return String(value);
}

/**
 * The value an input's text stands for, or the message saying why it cannot be sent.
 * Empty text means "no value" (`value: undefined`), which is an error only for required fields.
 *
 * @example
 * parseField(field, '1 234,56', 'pl'); // { value: 123456 } for a money field
 */
export function parseField(field: FormField, text: string, host: LangSource): { value?: unknown; error?: string } {
  const s = field.schema;
  const raw = field.kind === 'boolean' ? text : text.trim();
  // A checkbox is true or false, never the text "true" (the API's schema wants a boolean).
  if (field.kind === 'boolean') return { value: raw === 'true' };
  if (raw === '') return field.required ? { error: t(host, 'required') } : {};
  let value: unknown = raw;
  if (field.kind === 'money') {
    value = parseMoneyInput(raw);
    if (value === null) return { error: t(host, 'money') };
  } else if (field.kind === 'integer' || field.kind === 'number') {
    const n = Number(raw.replace(',', '.').replace(/\s/g, ''));
    if (!Number.isFinite(n)) return { error: t(host, 'number') };
    if (field.kind === 'integer' && !Number.isInteger(n)) return { error: t(host, 'integer') };
    value = n;
  } else if (field.kind === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw)) {
    return { error: t(host, 'email') };
  } else if (field.kind === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
    return { error: t(host, 'date') };
  }
  if (typeof value === 'string') {
    if (typeof s['minLength'] === 'number' && value.length < s['minLength'])
      return { error: t(host, 'tooShort', s['minLength']) };
    if (typeof s['maxLength'] === 'number' && value.length > s['maxLength'])
      return { error: t(host, 'tooLong', s['maxLength']) };
    if (typeof s['pattern'] === 'string' && !new RegExp(s['pattern'], 'u').test(value))
      return { error: t(host, 'pattern') };
  }
  if (typeof value === 'number') {
    const shown = (n: number) => (field.kind === 'money' ? `${moneyInputText(n)} zł` : String(n));
    if (typeof s['minimum'] === 'number' && value < s['minimum']) return { error: t(host, 'min', shown(s['minimum'])) };
    if (typeof s['maximum'] === 'number' && value > s['maximum']) return { error: t(host, 'max', shown(s['maximum'])) };
  }
  return { value };
}

/**
 * The field a 422 problem belongs to: the last segment of its JSON pointer
 * (`/data/phone`, `/fields/amountMinor` and `/phone` all name `phone`-like fields).
 *
 * @example
 * problemField('/data/pesel'); // 'pesel'
 */
export function problemField(path: string): string {
  return path.split('/').filter(Boolean).pop() ?? '';
}

/**
 * One labelled input with its inline error (`aria-invalid` + `aria-describedby`), bound to
 * `text`; `onInput` receives the new text. `idPrefix` keeps ids unique within a shadow root.
 */
export function renderField(
  host: LangSource,
  field: FormField,
  text: string,
  error: string | undefined,
  onInput: (name: string, text: string) => void,
  idPrefix = 'f',
): TemplateResult {
  const id = `${idPrefix}-${field.name}`;
  const errId = `${id}-error`;
  const input = (e: Event) => {
    const el = e.target as HTMLInputElement;
    onInput(field.name, field.kind === 'boolean' ? String(el.checked) : el.value);
  };
  const common = { id, invalid: error ? 'true' : 'false', describedby: error ? errId : undefined };
  let control: TemplateResult;
  if (field.kind === 'select') {
    control = html`<select part="input" id=${common.id} name=${field.name} aria-invalid=${common.invalid}
      aria-describedby=${common.describedby ?? nothing} ?required=${field.required} @change=${input}>
      <option value="" ?selected=${text === ''}>${t(host, 'choose')}</option>
      ${field.options.map(
        (o, i) => html`<option value=${o} ?selected=${o === text}>${field.optionLabels?.[i] ?? o}</option>`,
      )}
    </select>`;
  } else if (field.kind === 'boolean') {
    control = html`<input part="input" type="checkbox" id=${common.id} name=${field.name}
      .checked=${live(text === 'true')} @change=${input}>`;
  } else {
    const type = field.kind === 'email' ? 'email' : field.kind === 'date' ? 'date' : 'text';
    const mode =
      field.kind === 'money' || field.kind === 'number' ? 'decimal' : field.kind === 'integer' ? 'numeric' : nothing;
    control = html`<input part="input" type=${type} inputmode=${mode} id=${common.id} name=${field.name}
      .value=${live(text)}
      aria-invalid=${common.invalid} aria-describedby=${
        common.describedby ?? nothing
      } ?required=${field.required} @input=${input}>`;
  }
  return html`<div class="field" part="field">
    <label for=${id} part="label">${field.label}${
      field.required ? html`<span aria-hidden="true" class="req"> *</span>` : nothing
    }${field.kind === 'money' ? html` <span class="unit">(zł)</span>` : nothing}</label>
    ${control}
    ${error ? html`<span class="field-error" id=${errId} part="field-error">${error}</span>` : nothing}
  </div>`;
}
