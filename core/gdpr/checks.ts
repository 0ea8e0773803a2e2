/**
 * @module gdpr/checks
 * Config rules for the `retention` section the schema cannot say: rule ids are unique, statuses and
 * types exist, and `from: last-sale` is not combined with `sale: none` (such a rule could never fire).
 */
import type { ConfigCheck } from '../config/index.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const keys = (v: unknown) => (isRecord(v) ? Object.keys(v) : []);

export const checkRetention: ConfigCheck = (config, report) => {
  const c = config as unknown as Record<string, unknown>;
  const retention = isRecord(c.retention) ? c.retention : null;
  if (!retention || !Array.isArray(retention.rules)) return;
  const statuses = keys(isRecord(c.workflow) ? c.workflow.statuses : undefined);
  const types = keys(isRecord(c.clients) ? c.clients.types : undefined);
  const seen = new Set<string>();
  retention.rules.forEach((r: unknown, i) => {
    if (!isRecord(r)) return;
    const at = `/retention/rules/${i}`;
    if (typeof r.id === 'string') {
      if (seen.has(r.id)) report(`${at}/id`, `the rule id "${r.id}" is used twice`);
      seen.add(r.id);
    }
    const list = (v: unknown) => (Array.isArray(v) ? v : []);
    list(r.statuses).forEach((s, j) => {
      if (statuses.length && typeof s === 'string' && !statuses.includes(s))
        report(`${at}/statuses/${j}`, `unknown workflow status "${s}" (known: ${statuses.join(', ')})`);
    });
    list(r.types).forEach((s, j) => {
      if (types.length && typeof s === 'string' && !types.includes(s))
        report(`${at}/types/${j}`, `unknown client type "${s}" (known: ${types.join(', ')})`);
    });
    if (r.from === 'last-sale' && r.sale === 'none')
      report(`${at}/from`, 'a rule for clients without a sale cannot run from the last sale');
  });
};
