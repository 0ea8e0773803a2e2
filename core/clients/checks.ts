/**
 * @module clients/checks
 * Config rules for the `clients` section the JSON Schema cannot say: each kind's field schema must
 * compile (known keywords, valid `x-crm-identifier` kinds), display-name fields must exist and
 * must not be encrypted.
 */
import type { ConfigCheck } from '../config/index.ts';
import { clientKinds, schemaProblem } from './fields.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const checkClients: ConfigCheck = (config, report) => {
  const section = (config as { clients?: unknown }).clients;
  if (!isRecord(section) || !isRecord(section.fields)) return;
  for (const kind of clientKinds) {
    const fields = section.fields[kind];
    if (!isRecord(fields) || !isRecord(fields.properties)) continue;
    const problem = schemaProblem(fields);
    if (problem) report(`/clients/fields/${kind}`, `the field schema does not compile: ${problem}`);
    if (Array.isArray(fields.required)) {
      fields.required.forEach((r, i) => {
        if (typeof r === 'string' && !(r in (fields.properties as object)))
          report(`/clients/fields/${kind}/required/${i}`, `required field "${r}" is not among the properties`);
      });
    }
    const props = fields.properties as Record<string, unknown>;
    const names = isRecord(section.displayName) ? section.displayName[kind] : undefined;
    if (Array.isArray(names)) {
      names.forEach((n, i) => {
        if (typeof n === 'string' && !(n in (fields.properties as object)))
          report(`/clients/displayName/${kind}/${i}`, `unknown ${kind} field "${n}"`);
        else if (typeof n === 'string' && isRecord(props[n]) && props[n]['x-crm-encrypted'])
          report(
            `/clients/fields/${kind}/properties/${n}/x-crm-encrypted`,
            `"${n}" makes the display name, which is stored in clear for sorting: it cannot be encrypted`,
          );
      });
    }
  }
};
