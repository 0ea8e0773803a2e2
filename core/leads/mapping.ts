/**
 * @module leads/mapping
 * Portal mappings: a portal posts its own JSON shape and a mapping turns it into
 * a lead. Declarative mappings live in config (`leads.mappings`): per lead field a JSON pointer into
 * the payload, an optional value map and a default. Mappings that need code come from plugins
 * (`leadMappings` slot): a function from the payload to a lead body. Either way the result is then
 * validated like any other lead.
 */
import type { FirmSections } from '../config/index.ts';
import { badRequest } from '../errors.ts';
import type { PluginRegistry } from '../plugin/index.ts';

/** A mapping with code: payload in, lead body out (validated afterwards like any lead). */
export type LeadMappingFunction = (payload: unknown) => unknown;

/**
 * RFC 6901: the value at `pointer` in `doc`, or undefined.
 * @example
 * readPointer({ a: { 'b/c': [1, 2] } }, '/a/b~1c/1') // 2
 */
export function readPointer(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc;
  let cur: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const k = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur) && /^(0|[1-9]\d*)$/.test(k)) cur = cur[Number(k)];
    else if (cur && typeof cur === 'object' && Object.hasOwn(cur, k)) cur = (cur as Record<string, unknown>)[k];
    else return undefined;
  }
  return cur;
}

type FieldRule = { pointer?: string; map?: Record<string, unknown>; default?: unknown };
type Mapping = {
  clientType: string;
  source: string;
  fields: Record<string, FieldRule>;
  consents: ReadonlyArray<{ purpose: string; version: string; pointer?: string }>;
};

/** Lead envelope keys a mapping may fill besides client fields. */
const SPECIAL: Record<string, (lead: Record<string, any>, v: unknown) => void> = {
  // any: a loose builder, validated right after
  kind: (l, v) => {
    l.kind = v;
  },
  partnerId: (l, v) => {
    l.partner = { ...l.partner, id: v };
  },
  partnerPersonId: (l, v) => {
    l.partner = { ...l.partner, personId: v };
  },
  partnerRef: (l, v) => {
    l.partner = { ...l.partner, reference: v };
  },
};

/**
 * Apply a declarative mapping.
 * @example
 * mapPayload({ clientType: 'company-acquired', source: 'comparison-portal', consents: [],
 *   fields: { lastName: { pointer: '/lead/surname' } } }, { lead: { surname: 'Nowak' } })
 * // { clientType: 'company-acquired', source: 'comparison-portal', data: { lastName: 'Nowak' }, consents: [] }
 */
export function mapPayload(m: Mapping, payload: unknown): Record<string, unknown> {
  // any: see SPECIAL
  const lead: Record<string, any> = { clientType: m.clientType, source: m.source, data: {}, consents: [] };
  for (const [field, rule] of Object.entries(m.fields)) {
    let v = rule.pointer !== undefined ? readPointer(payload, rule.pointer) : undefined;
    if (v !== undefined && v !== null && rule.map)
      v = Object.hasOwn(rule.map, String(v)) ? rule.map[String(v)] : rule.default;
    if (v === undefined || v === null || v === '') v = rule.default;
    if (v === undefined) continue;
    const special = SPECIAL[field];
    if (special) special(lead, v);
    else lead.data[field] = v;
  }
  for (const c of m.consents)
    if (c.pointer === undefined || readPointer(payload, c.pointer) === true)
      lead.consents.push({ purpose: c.purpose, version: c.version });
  return lead;
}

/**
 * The lead body for a named mapping: from config, else from a plugin. 400 for an unknown name.
 * @example
 * const body = await applyMapping(ctx.config, ctx.plugins, 'otodom', payload);
 */
export async function applyMapping(
  config: Pick<FirmSections, 'leads'>,
  plugins: PluginRegistry,
  name: string,
  payload: unknown,
): Promise<unknown> {
  const declared = (config.leads.mappings as Record<string, Mapping>)[name];
  if (declared) return mapPayload(declared, payload);
  const fromPlugin = plugins.get('leadMappings', name);
  if (typeof fromPlugin?.value === 'function') return (fromPlugin.value as LeadMappingFunction)(payload);
  throw badRequest(`Unknown lead mapping "${name}"`, {
    known: [...Object.keys(config.leads.mappings), ...plugins.names('leadMappings')],
  });
}
