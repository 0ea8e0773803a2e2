/**
 * @module clients/fields
 * The firm's client fields, resolved once per configuration: per kind the closed JSON Schema
 * (unknown fields rejected), a compiled validator whose `x-crm-identifier` keyword checks
 * checksums, and each field's classes (pii, financial), identifier kind, searchability and encryption.
 */
import type { ValidateFunction } from 'ajv';
import { fieldClasses, type FieldClass } from '../access/index.ts';
import { compileOnce, createAjv, type FirmSections } from '../config/index.ts';

export const clientKinds = ['person', 'company'] as const;
export type ClientKind = (typeof clientKinds)[number];
export type KeyKind = 'pesel' | 'nip' | 'regon' | 'iban' | 'phone' | 'email';

export interface FieldInfo {
  name: string;
  schema: Record<string, unknown>;
  pii: boolean;
  financial: boolean;
  searchable: boolean;
  /** `x-crm-encrypted`: stored sealed (AES-256-GCM), found only by keyed hashes (`protect.ts`). */
  encrypted: boolean;
  /** pesel, nip, regon, iban, phone (checked) or email (a `format: email` string): hashed into client_keys. */
  key: KeyKind | null;
}

export interface KindFields {
  kind: ClientKind;
  /** The closed schema (additionalProperties false) used to validate a client's `data`. */
  schema: {
    type: 'object';
    properties: Record<string, Record<string, unknown>>;
    required: string[];
    additionalProperties: false;
  };
  /** The same without `required`: what a PATCH body may carry. */
  patchSchema: Record<string, unknown>;
  validate: ValidateFunction;
  fields: Map<string, FieldInfo>;
  classes: Map<string, FieldClass[]>;
  displayName: string[];
}

export type ClientFields = Record<ClientKind, KindFields>;

const ajv = createAjv();
const resolved = new WeakMap<object, ClientFields>();

/**
 * The resolved fields of a configuration (cached per config object).
 * @example
 * const { person } = clientFields(ctx.config);
 * person.fields.get('pesel')?.key // 'pesel'
 */
export function clientFields(config: Pick<FirmSections, 'clients'>): ClientFields {
  let out = resolved.get(config);
  if (!out) resolved.set(config, (out = resolve(config)));
  return out;
}

function resolve(config: Pick<FirmSections, 'clients'>): ClientFields {
  const section = config.clients;
  const one = (kind: ClientKind): KindFields => {
    const src = section.fields[kind] as {
      properties: Record<string, Record<string, unknown>>;
      required?: readonly string[];
      description?: string;
    };
    const schema = {
      type: 'object' as const,
      properties: src.properties,
      required: [...(src.required ?? [])],
      additionalProperties: false as const,
    };
    const fields = new Map<string, FieldInfo>();
    for (const [name, s] of Object.entries(src.properties)) {
      const id = s['x-crm-identifier'];
      fields.set(name, {
        name,
        schema: s,
        pii: s['x-crm-pii'] === true,
        financial: s['x-crm-financial'] === true,
        searchable: s['x-crm-searchable'] === true,
        encrypted: s['x-crm-encrypted'] === true,
        key: typeof id === 'string' ? (id as KeyKind) : s.format === 'email' ? 'email' : null,
      });
    }
    return {
      kind,
      schema,
      patchSchema: { type: 'object', properties: src.properties, additionalProperties: false },
      validate: compileOnce(ajv, schema),
      fields,
      classes: fieldClasses(schema),
      displayName: [...section.displayName[kind]],
    };
  };
  return { person: one('person'), company: one('company') };
}

/** Compile a kind's schema, for the config check: the ajv error message, or null when it compiles. */
export function schemaProblem(schema: object): string | null {
  try {
    createAjv().compile({ ...schema, additionalProperties: false });
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}
