/**
 * @module access/checks
 * Config rules for `roles` the JSON Schema cannot say: permissions from the catalogue (with a near
 * miss suggested), and the scopes a partner role may use.
 */
import type { ConfigCheck } from '../config/index.ts';
import { isPermission, permissionCatalog, scopes } from './permissions.ts';

const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const entries = (v: unknown): [string, Record<string, unknown>][] =>
  isRecord(v) ? Object.entries(v).filter((e): e is [string, Record<string, unknown>] => isRecord(e[1])) : [];

export const checkRoles: ConfigCheck = (config, report) => {
  for (const [name, role] of entries(config.roles)) {
    if (!isRecord(role.permissions)) continue;
    for (const [perm, scope] of Object.entries(role.permissions)) {
      const at = `/roles/${esc(name)}/permissions/${esc(perm)}`;
      if (!isPermission(perm)) {
        report(at, `unknown permission "${perm}"${suggest(perm)}`);
        continue;
      }
      if (!(scopes as readonly unknown[]).includes(scope)) continue;
      if (role.partner === true && scope !== 'referred' && scope !== 'own')
        report(at, `a partner role may only use the scopes "referred" and "own", not "${scope}"`);
      if (role.partner !== true && scope === 'referred')
        report(at, 'the scope "referred" is only for partner roles (set "partner": true)');
    }
  }
};

/** A near miss from the catalogue (`client:read` → `clients:read`), since most unknown names are typos. */
function suggest(perm: string): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const known of Object.keys(permissionCatalog)) {
    const d = distance(perm, known);
    if (d < bestDistance) {
      best = known;
      bestDistance = d;
    }
  }
  return best ? `; did you mean "${best}"?` : '';
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}
