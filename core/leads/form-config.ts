/**
 * @module leads/form-config
 * What `<crm-lead-form>` needs to draw itself for a public key: the fields a lead may carry (with
 * labels, types and limits from the client schema), the current consent texts with their versions,
 * the honeypot's name and a fresh signed form token. Nothing here is secret.
 */
import type { FirmSections } from '../config/index.ts';
import { clientFields } from '../clients/index.ts';
import { issueFormToken } from './form-token.ts';
import type { SourceKey } from './source-keys.ts';

export interface FormField {
  name: string;
  type: 'text' | 'email' | 'tel' | 'number' | 'select';
  label: { pl: string; en: string };
  required: boolean;
  maxLength?: number;
  options?: string[];
}
export interface FormConsent {
  purpose: string;
  version: string;
  required: boolean;
  text: { pl: string; en: string };
}
export interface FormConfig {
  token: string;
  honeypot: string;
  kind: 'person';
  fields: FormField[];
  consents: FormConsent[];
}

/**
 * @example
 * const form = formConfig(rt.config, rt.secret, key, Date.now());
 */
export function formConfig(
  config: Pick<FirmSections, 'leads' | 'clients'>,
  secret: string,
  key: SourceKey,
  nowMs: number,
): FormConfig {
  const kf = clientFields(config).person;
  const fields: FormField[] = [];
  for (const name of config.leads.fields.person ?? []) {
    const f = kf.fields.get(name);
    if (!f) continue;
    const s = f.schema as {
      type?: string;
      format?: string;
      enum?: string[];
      maxLength?: number;
      'x-crm-label'?: { pl: string; en: string };
    };
    const type = s.enum
      ? 'select'
      : f.key === 'phone'
        ? 'tel'
        : s.format === 'email'
          ? 'email'
          : s.type === 'integer' || s.type === 'number'
            ? 'number'
            : 'text';
    fields.push({
      name,
      type,
      label: s['x-crm-label'] ?? { pl: name, en: name },
      required: kf.schema.required.includes(name),
      ...(s.maxLength ? { maxLength: s.maxLength } : {}),
      ...(s.enum ? { options: s.enum } : {}),
    });
  }
  const consents = Object.entries(
    config.leads.consents as Record<
      string,
      { required: boolean; current: string; versions: Record<string, { pl: string; en: string }> }
    >,
  ).map(([purpose, c]) => ({ purpose, version: c.current, required: c.required, text: c.versions[c.current]! }));
  return {
    token: issueFormToken(secret, key.id, nowMs),
    honeypot: config.leads.spam.honeypot,
    kind: 'person',
    fields,
    consents,
  };
}
