/**
 * @module leads/lead-schema
 * The JSON Schema of a lead, derived from the firm's client schema: per kind only the fields the
 * config lets a lead carry (`leads.fields`), with the client's own rules (checksums, lengths), plus
 * consents, an optional partner reference and the anti-spam fields. Cached per config object.
 */
import type { ValidateFunction } from 'ajv';
import { ajvProblems, compileOnce, createAjv, type FirmSections } from '../config/index.ts';
import { clientFields, clientKinds, type ClientKind } from '../clients/index.ts';
import { invalid, type FieldProblem } from '../errors.ts';

export interface LeadInput {
  kind?: ClientKind;
  /** API keys only: a public key fixes its own type and source. */
  clientType?: string;
  source?: string;
  data: Record<string, unknown>;
  consents?: Array<{ purpose: string; version: string }>;
  partner?: { id: string; personId?: string; reference?: string };
  formToken?: string;
}

export interface LeadSchemas {
  envelope: Record<string, unknown>;
  validateEnvelope: ValidateFunction;
  data: Record<ClientKind, { schema: Record<string, unknown>; validate: ValidateFunction }>;
}

const ajv = createAjv();
const cache = new WeakMap<object, LeadSchemas>();
const safeId = { type: 'string', minLength: 1, maxLength: 64 } as const;

/**
 * @example
 * const s = leadSchemas(ctx.config);
 * s.data.person.schema.properties // { firstName, lastName, phone, email }
 */
export function leadSchemas(config: Pick<FirmSections, 'leads' | 'clients'>): LeadSchemas {
  let out = cache.get(config);
  if (out) return out;
  const cf = clientFields(config);
  const data = {} as LeadSchemas['data'];
  for (const kind of clientKinds) {
    const kf = cf[kind];
    const allowed = (config.leads.fields as Partial<Record<ClientKind, readonly string[]>>)[kind] ?? [];
    const properties = Object.fromEntries(
      allowed.filter((f) => kf.fields.has(f)).map((f) => [f, kf.schema.properties[f]!]),
    );
    const schema = {
      type: 'object',
      properties,
      required: kf.schema.required.filter((r) => r in properties),
      additionalProperties: false,
    };
    data[kind] = { schema, validate: compileOnce(ajv, schema) };
  }
  const honeypot = config.leads.spam.honeypot;
  const envelope = {
    type: 'object',
    properties: {
      kind: { type: 'string', enum: [...clientKinds], default: 'person' },
      clientType: safeId,
      source: safeId,
      data: { type: 'object' },
      consents: {
        type: 'array',
        maxItems: 20,
        items: {
          type: 'object',
          properties: { purpose: safeId, version: safeId },
          required: ['purpose', 'version'],
          additionalProperties: false,
        },
      },
      partner: {
        type: 'object',
        properties: {
          id: safeId,
          personId: safeId,
          reference: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9 ./_-]*$' },
        },
        required: ['id'],
        additionalProperties: false,
      },
      formToken: { type: 'string', maxLength: 200 },
      [honeypot]: { type: 'string', maxLength: 2000 },
    },
    required: ['data'],
    additionalProperties: false,
  };
  out = { envelope, validateEnvelope: compileOnce(ajv, envelope), data };
  cache.set(config, out);
  return out;
}

/** Every string anywhere in the value that carries markup: leads are plain text, always. */
function markupProblems(value: unknown, path: string, out: FieldProblem[]): void {
  if (typeof value === 'string') {
    if (/[<>]/.test(value))
      out.push({ path: path || '/', message: 'must not contain < or > (HTML is not accepted in a lead)' });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => markupProblems(v, `${path}/${i}`, out));
    return;
  }
  if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value))
      markupProblems(v, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
}

/**
 * Validate a parsed body as a lead: 422 with every problem at once, or the typed lead.
 * @example
 * const lead = parseLead(ctx.config, body);
 */
export function parseLead(config: Pick<FirmSections, 'leads' | 'clients'>, body: unknown): LeadInput {
  const s = leadSchemas(config);
  const problems: FieldProblem[] = [];
  if (!s.validateEnvelope(body)) throw invalid('The lead is invalid', ajvProblems(s.validateEnvelope.errors, body));
  const lead = body as LeadInput;
  const kind = lead.kind ?? 'person';
  const d = s.data[kind];
  if (!d.validate(lead.data))
    problems.push(...ajvProblems(d.validate.errors, lead.data).map((p) => ({ ...p, path: `/data${p.path}` })));
  const { [config.leads.spam.honeypot]: _hp, formToken: _t, ...rest } = lead as unknown as Record<string, unknown>;
  markupProblems(rest, '', problems);
  if (problems.length) throw invalid('The lead is invalid', problems);
  return { ...lead, kind };
}

/**
 * The consents must name known purposes and versions, and include every required purpose.
 * @example
 * checkConsents(ctx.config, [{ purpose: 'contact', version: '1' }]);
 */
export function checkConsents(
  config: Pick<FirmSections, 'leads' | 'clients'>,
  consents: LeadInput['consents'] = [],
): void {
  const purposes = config.leads.consents as Record<
    string,
    { required: boolean; current: string; versions: Record<string, unknown> }
  >;
  const problems: FieldProblem[] = [];
  consents.forEach((c, i) => {
    const p = purposes[c.purpose];
    if (!p)
      problems.push({
        path: `/consents/${i}/purpose`,
        message: `unknown consent purpose "${c.purpose}" (known: ${Object.keys(purposes).join(', ')})`,
      });
    else if (!Object.hasOwn(p.versions, c.version))
      problems.push({
        path: `/consents/${i}/version`,
        message:
          `unknown version "${c.version}" of consent "${c.purpose}" ` +
          `(known: ${Object.keys(p.versions).join(', ')})`,
      });
  });
  for (const [name, p] of Object.entries(purposes)) {
    if (p.required && !consents.some((c) => c.purpose === name))
      problems.push({ path: '/consents', message: `the consent "${name}" is required` });
  }
  if (problems.length) throw invalid('The consents are invalid', problems);
}
