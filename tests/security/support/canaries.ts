/**
 * @module tests/security/support/canaries
 * Canary values: one unmistakable, valid value for every client field the firm's config declares
 * (PESEL, NIP, REGON and IBAN with correct checksums, e-mails, phones, amounts), and the spellings
 * each may take in an answer, a PDF or a spreadsheet (`1 234,56 zł`, digits without separators…).
 */
import { parseIban, parseNip, parsePesel, parseRegon, peselCheckDigit } from '../../../core/ids/index.ts';
import { rng, type Rng } from './prng.ts';
import type { SchemaLike } from './routes.ts';

export interface Canary {
  field: string;
  value: string | number;
  /** Fields the config marks `x-crm-financial` (a back office may see them); else personal or other. */
  financial: boolean;
  pii: boolean;
}

function digits(r: Rng, n: number): string {
  return Array.from({ length: n }, () => String(r.int(10))).join('');
}
function until(r: Rng, make: () => string, ok: (v: string) => boolean): string {
  for (let i = 0; i < 100_000; i++) {
    const v = make();
    if (ok(v)) return v;
  }
  throw new Error('no canary value found');
}

/** A canary for one field, or null when the field cannot carry a recognisable one (booleans, enums, tiny ints). */
export function canaryFor(r: Rng, field: string, s: SchemaLike, tag: string): string | number | null {
  const id = s['x-crm-identifier'];
  if (s.enum || s.type === 'boolean') return null;
  if (id === 'pesel') {
    const ten = `91051${digits(r, 5)}`;
    return ten + peselCheckDigit(ten);
  }
  if (id === 'nip')
    return until(
      r,
      () => `9${digits(r, 9)}`,
      (v) => parseNip(v).ok,
    );
  if (id === 'regon')
    return until(
      r,
      () => `9${digits(r, 8)}`,
      (v) => parseRegon(v).ok,
    );
  if (id === 'iban')
    return until(
      r,
      () => `PL${digits(r, 26)}`,
      (v) => parseIban(v).ok,
    );
  if (id === 'phone') return `+48 699 ${digits(r, 3)} ${digits(r, 3)}`;
  if (s.format === 'email') return `kanarek.${tag.toLowerCase()}.${field.toLowerCase()}@kanarek-poczta.example`;
  if (s.type === 'integer' || s.type === 'number') {
    if (typeof s.maximum === 'number' && s.maximum < 1_000_000) return null;
    return 9_000_000 + r.int(900_000) * 7 + 13;
  }
  if (typeof s.pattern === 'string') {
    const re = new RegExp(s.pattern, 'u');
    const tries = [`KNR ${digits(r, 6)}`, `9${digits(r, 9)}`, `9${digits(r, 1)}-${digits(r, 3)}`, `KNR${digits(r, 6)}`];
    return tries.find((t) => re.test(t)) ?? null;
  }
  if (s.type === 'string') return `Kanarek${field[0]!.toUpperCase()}${field.slice(1)}${tag}`;
  return null;
}

/** Canaries for every field of one client kind's data schema. */
export function plantable(
  schema: SchemaLike,
  seed: number,
  tag: string,
): { data: Record<string, unknown>; canaries: Canary[] } {
  const r = rng(seed);
  const data: Record<string, unknown> = {};
  const canaries: Canary[] = [];
  for (const [field, s] of Object.entries(schema.properties ?? {})) {
    const v = canaryFor(r, field, s, tag);
    if (v === null) continue;
    data[field] = v;
    canaries.push({ field, value: v, financial: s['x-crm-financial'] === true, pii: s['x-crm-pii'] === true });
  }
  return { data, canaries };
}

/** The spellings a value may take in what a caller receives. */
export function spellings(value: string | number): string[] {
  if (typeof value === 'number') {
    const zl = value / 100;
    const out = new Set([String(value), zl.toFixed(2), zl.toFixed(2).replace('.', ',')]);
    for (const grouping of ['always', 'auto'] as const) {
      const f = new Intl.NumberFormat('pl-PL', { minimumFractionDigits: 2, useGrouping: grouping }).format(zl);
      out.add(f);
      out.add(f.replace(/\u00a0|\u202f/g, ' '));
    }
    if (Number.isInteger(zl)) out.add(String(zl));
    return [...out];
  }
  const compact = value.replace(/[\s-]/g, '');
  const out = new Set([value, value.toLowerCase(), compact]);
  if (/^\+48/.test(compact)) out.add(compact.slice(3));
  return [...out].filter((s) => s.length >= 6);
}

/** Which canaries occur in a text (any spelling). */
export function found(text: string, canaries: Canary[]): Canary[] {
  const hay = text.toLowerCase();
  return canaries.filter((c) => spellings(c.value).some((s) => hay.includes(s.toLowerCase())));
}
