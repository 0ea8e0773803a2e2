/**
 * @module leads/checks
 * Config rules for the `leads` section the schema cannot say: lead fields exist and cover the
 * kind's required fields, consent versions exist, roles, types, sources and activity type exist.
 */
import type { ConfigCheck } from '../config/index.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const keys = (v: unknown) => (isRecord(v) ? Object.keys(v) : []);

export const checkLeads: ConfigCheck = (config, report) => {
  const c = config as unknown as Record<string, unknown>;
  const leads = c.leads;
  if (!isRecord(leads)) return;
  const clients = isRecord(c.clients) ? c.clients : {};
  const types = isRecord(clients.types) ? clients.types : {};
  const sourcesOf = (type: unknown) =>
    keys(isRecord(types[String(type)]) ? (types[String(type)] as Record<string, unknown>).sources : undefined);
  if (typeof leads.clientType === 'string' && isRecord(clients.types) && !(leads.clientType in types))
    report('/leads/clientType', `unknown client type "${leads.clientType}" (known: ${keys(types).join(', ')})`);
  const fields = isRecord(clients.fields) ? clients.fields : {};
  for (const [kind, list] of Object.entries(isRecord(leads.fields) ? leads.fields : {})) {
    const kf = isRecord(fields[kind]) ? (fields[kind] as Record<string, unknown>) : undefined;
    if (!kf || !Array.isArray(list)) continue;
    const props = keys(kf.properties);
    list.forEach((f, i) => {
      if (typeof f === 'string' && props.length && !props.includes(f))
        report(`/leads/fields/${kind}/${i}`, `unknown ${kind} field "${f}"`);
    });
    for (const r of Array.isArray(kf.required) ? kf.required : []) {
      if (typeof r === 'string' && !list.includes(r))
        report(
          `/leads/fields/${kind}`,
          `the ${kind} field "${r}" is required for a client, so a lead must be able to carry it`,
        );
    }
  }
  for (const [purpose, p] of Object.entries(isRecord(leads.consents) ? leads.consents : {})) {
    if (isRecord(p) && typeof p.current === 'string' && isRecord(p.versions) && !(p.current in p.versions))
      report(`/leads/consents/${purpose}/current`, `version "${p.current}" has no text in "versions"`);
  }
  const assignment = isRecord(leads.assignment) ? leads.assignment : {};
  (Array.isArray(assignment.roles) ? assignment.roles : []).forEach((r, i) => {
    // The default ("advisor") may name no role of a firm that assigns no leads by round-robin.
    if (typeof r === 'string' && r !== 'advisor' && isRecord(c.roles) && !(r in c.roles))
      report(`/leads/assignment/roles/${i}`, `unknown role "${r}"`);
  });
  const wf = isRecord(c.workflow) ? c.workflow : undefined;
  if (
    typeof leads.activityType === 'string' &&
    wf &&
    isRecord(wf.activityTypes) &&
    !(leads.activityType in wf.activityTypes)
  )
    report(
      '/leads/activityType',
      `unknown activity type "${leads.activityType}" (known: ${keys(wf.activityTypes).join(', ')})`,
    );
  for (const [name, m] of Object.entries(isRecord(leads.mappings) ? leads.mappings : {})) {
    if (!isRecord(m)) continue;
    if (typeof m.clientType === 'string' && !(m.clientType in types))
      report(`/leads/mappings/${name}/clientType`, `unknown client type "${m.clientType}"`);
    else if (typeof m.source === 'string' && !sourcesOf(m.clientType).includes(m.source))
      report(`/leads/mappings/${name}/source`, `unknown source "${m.source}" for type "${String(m.clientType)}"`);
    (Array.isArray(m.consents) ? m.consents : []).forEach((k, i) => {
      const p = isRecord(k) && isRecord(leads.consents) ? leads.consents[String(k.purpose)] : undefined;
      if (isRecord(k) && (!isRecord(p) || !isRecord(p.versions) || !(String(k.version) in p.versions)))
        report(
          `/leads/mappings/${name}/consents/${i}`,
          `unknown consent purpose or version "${String(k.purpose)}" ${String(k.version)}`,
        );
    });
  }
};
