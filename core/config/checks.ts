/**
 * @module config/checks
 * Rules the JSON Schema cannot say: references between sections, cycles, scopes per role kind.
 * Each check reports `(pointer, message)`; the loader adds file, line and column.
 *
 * Checks also run when the schema has already found problems, so that one pass lists everything a
 * person has to fix. They therefore read the config defensively: a part of the wrong shape is
 * skipped here, because the schema problem already names it.
 */
import { isPermission, permissionCatalog, scopes } from '../access/permissions.ts';
import type { FirmConfig } from './types.ts';
import { checkWorkflow } from '../workflow/checks.ts';
import { checkClients } from '../clients/checks.ts';
import { checkReminders } from '../calendar/checks.ts';
import { checkLeads } from '../leads/checks.ts';
import { checkPartners } from '../partners/checks.ts';

export type Report = (pointer: string, message: string) => void;
/**
 * A rule over the whole config. It may see a config that failed the schema: guard what you read.
 * If it throws then, it is skipped; a report at a path the schema already flagged is dropped.
 */
export type ConfigCheck = (config: FirmConfig, report: Report) => void;

const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const entries = (v: unknown): [string, Record<string, unknown>][] =>
  isRecord(v) ? Object.entries(v).filter((e): e is [string, Record<string, unknown>] => isRecord(e[1])) : [];
const containsOf = (t: Record<string, unknown> | undefined): string[] =>
  Array.isArray(t?.contains) ? t.contains.filter((c): c is string => typeof c === 'string') : [];

export const checkBranchTypes: ConfigCheck = (config, report) => {
  const types = new Map(entries(config.branchTypes));
  if (types.size === 0) return;
  for (const [name, t] of types) {
    if (!Array.isArray(t.contains)) continue;
    t.contains.forEach((c: unknown, i) => {
      if (typeof c === 'string' && !types.has(c))
        report(
          `/branchTypes/${esc(name)}/contains/${i}`,
          `unknown branch type "${c}" (known: ${[...types.keys()].join(', ')})`,
        );
    });
  }
  // A non-boolean "root" is the schema's to report; guessing "no root" on top of it would only confuse.
  if (![...types.values()].some((t) => t.root === true || (t.root !== undefined && typeof t.root !== 'boolean')))
    report('/branchTypes', 'no branch type has "root": true, so the network has no top');
  // Cycles longer than one step (A contains B contains A) make "which unit is above which" undefined;
  // a type containing itself (regions within regions) is fine.
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, trail: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(name)), name];
      const from = trail[trail.length - 1]!;
      report(
        `/branchTypes/${esc(from)}/contains/${containsOf(types.get(from)).indexOf(name)}`,
        `branch types contain each other in a cycle: ${cycle.join(' → ')}`,
      );
      return;
    }
    state.set(name, 'visiting');
    for (const c of containsOf(types.get(name))) if (c !== name && types.has(c)) visit(c, [...trail, name]);
    state.set(name, 'done');
  };
  for (const name of types.keys()) visit(name, []);
};

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

export const coreChecks: ConfigCheck[] = [
  checkBranchTypes,
  checkRoles,
  checkWorkflow,
  checkClients,
  checkReminders,
  checkLeads,
  checkPartners,
];
