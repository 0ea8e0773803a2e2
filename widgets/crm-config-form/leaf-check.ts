/**
 * @module widgets/crm-config-form/leaf-check
 * What a person types into one input of the config form, read against that input's schema as they
 * type: `pattern`, `minLength`/`maxLength`, `minimum`/`maximum`, integer, `format` (date, date-time,
 * e-mail, URI). The message is in the page's language; the server's validation stays the authority.
 */
import { defineTranslations, type Lang } from '../base/i18n.ts';
import type { JsonSchema } from './schema-model.ts';

const t = defineTranslations({
  pl: {
    required: 'To pole jest wymagane.',
    tooShort: (n: number) => `Wpisz co najmniej ${n} zn.`,
    tooLong: (n: number) => `Wpisz najwyżej ${n} zn.`,
    integer: 'Wpisz liczbę całkowitą.',
    number: 'Wpisz liczbę.',
    min: (n: number) => `Najmniej ${n}.`,
    max: (n: number) => `Najwięcej ${n}.`,
    pattern: (p: string) => `Niepoprawny format (wzór: ${p}).`,
    date: 'Wpisz datę RRRR-MM-DD.',
    dateTime: 'Wpisz datę i godzinę, np. 2026-12-06T10:00:00Z.',
    email: 'Wpisz poprawny adres e-mail.',
    uri: 'Wpisz pełny adres, np. https://example.pl.',
    json: (m: string) => `To nie jest poprawny JSON: ${m}`,
  },
  en: {
    required: 'This field is required.',
    tooShort: (n: number) => `Enter at least ${n} characters.`,
    tooLong: (n: number) => `Enter at most ${n} characters.`,
    integer: 'Enter a whole number.',
    number: 'Enter a number.',
    min: (n: number) => `At least ${n}.`,
    max: (n: number) => `At most ${n}.`,
    pattern: (p: string) => `Invalid format (pattern: ${p}).`,
    date: 'Enter a date as YYYY-MM-DD.',
    dateTime: 'Enter a date and time, e.g. 2026-12-06T10:00:00Z.',
    email: 'Enter a valid e-mail address.',
    uri: 'Enter a full address, e.g. https://example.com.',
    json: (m: string) => `This is not valid JSON: ${m}`,
  },
});

export type Parsed = { value: unknown; error?: undefined } | { value?: undefined; error: string };

function patternOk(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return true; // a pattern the browser cannot compile is the server's to judge
  }
}

/**
 * Reads the text of a string, integer or number input. Empty text of an optional input means "no
 * value" (`undefined`); of a required one, an error.
 *
 * @example
 * readLeaf({ type: 'string', pattern: '^#[0-9a-f]{6}$' }, '#12', true, 'en').error; // 'Invalid format (…).'
 * readLeaf({ type: 'integer', minimum: 1 }, '3', true, 'pl').value; // 3
 */
export function readLeaf(schema: JsonSchema, text: string, required: boolean, lang: Lang): Parsed {
  const type = schema['type'];
  if (text === '' && type !== 'string') return required ? { error: t(lang, 'required') } : { value: undefined };
  if (type === 'integer' || type === 'number') {
    const n = Number(text.replace(',', '.'));
    if (!/^-?\d+([.,]\d+)?$/.test(text.trim()) || !Number.isFinite(n)) return { error: t(lang, 'number') };
    if (type === 'integer' && !Number.isInteger(n)) return { error: t(lang, 'integer') };
    if (typeof schema['minimum'] === 'number' && n < schema['minimum'])
      return { error: t(lang, 'min', schema['minimum']) };
    if (typeof schema['maximum'] === 'number' && n > schema['maximum'])
      return { error: t(lang, 'max', schema['maximum']) };
    return { value: n };
  }
  if (text === '' && !required && !(typeof schema['minLength'] === 'number' && schema['minLength'] > 0))
    return { value: undefined };
  const length = [...text].length;
  if (typeof schema['minLength'] === 'number' && length < schema['minLength'])
    return { error: schema['minLength'] === 1 ? t(lang, 'required') : t(lang, 'tooShort', schema['minLength']) };
  if (typeof schema['maxLength'] === 'number' && length > schema['maxLength'])
    return { error: t(lang, 'tooLong', schema['maxLength']) };
  if (typeof schema['pattern'] === 'string' && !patternOk(schema['pattern'], text))
    return { error: t(lang, 'pattern', schema['pattern']) };
  switch (schema['format']) {
    case 'date':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(text))) return { error: t(lang, 'date') };
      break;
    case 'date-time':
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) || Number.isNaN(Date.parse(text)))
        return { error: t(lang, 'dateTime') };
      break;
    case 'email':
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) return { error: t(lang, 'email') };
      break;
    case 'uri':
      if (!/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(text)) return { error: t(lang, 'uri') };
      break;
  }
  return { value: text };
}

/** Reads the text of a "edit this part as JSON" box. */
export function readJson(text: string, lang: Lang): Parsed {
  if (text.trim() === '') return { value: undefined };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (e) {
    return { error: t(lang, 'json', (e as Error).message) };
  }
}
