/**
 * @module org/checks
 * Config rules for `branchTypes` the JSON Schema cannot say: known types in `contains`, a root type,
 * no cycle longer than one step.
 */
import type { ConfigCheck } from '../config/index.ts';

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
