/**
 * @module config/checks
 * Rules the JSON Schema cannot say: references between sections, cycles, scopes per role kind.
 * Each check reports `(pointer, message)`; the loader adds file, line and column.
 */
import { isPermission } from '../access/permissions.ts';
import type { FirmConfig } from './types.ts';

export type Report = (pointer: string, message: string) => void;
export type ConfigCheck = (config: FirmConfig, report: Report) => void;

const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');

export const checkBranchTypes: ConfigCheck = (config, report) => {
  const types = config.branchTypes;
  for (const [name, t] of Object.entries(types)) {
    t.contains.forEach((c, i) => {
      if (!Object.hasOwn(types, c)) report(`/branchTypes/${esc(name)}/contains/${i}`, `unknown branch type "${c}" (known: ${Object.keys(types).join(', ')})`);
    });
  }
  if (!Object.values(types).some((t) => t.root)) report('/branchTypes', 'no branch type has "root": true, so the network has no top');
  // Cycles longer than one step (A contains B contains A) make "which unit is above which" undefined.
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, trail: string[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(name)), name];
      report(`/branchTypes/${esc(trail[trail.length - 1]!)}/contains`, `branch types contain each other in a cycle: ${cycle.join(' → ')}`);
      return;
    }
    state.set(name, 'visiting');
    for (const c of types[name]?.contains ?? []) if (c !== name && Object.hasOwn(types, c)) visit(c, [...trail, name]);
    state.set(name, 'done');
  };
  for (const name of Object.keys(types)) visit(name, []);
};

export const checkRoles: ConfigCheck = (config, report) => {
  for (const [name, role] of Object.entries(config.roles)) {
    for (const [perm, scope] of Object.entries(role.permissions)) {
      const at = `/roles/${esc(name)}/permissions/${esc(perm)}`;
      if (!isPermission(perm)) { report(at, `unknown permission "${perm}"`); continue; }
      if (role.partner && scope !== 'referred' && scope !== 'own') report(at, `a partner role may only use the scopes "referred" and "own", not "${scope}"`);
      if (!role.partner && scope === 'referred') report(at, 'the scope "referred" is only for partner roles (set "partner": true)');
    }
  }
};

export const coreChecks: ConfigCheck[] = [checkBranchTypes, checkRoles];
