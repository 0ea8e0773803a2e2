/**
 * @module plugin/registry
 * Collects the slots of all plugins and runs hooks in order.
 */
import { CrmError } from '../errors.ts';
import type { CrmPlugin } from './define-plugin.ts';

type Slot = 'smsProviders' | 'emailTransports' | 'commissionRules' | 'leadMappings';
const slots: Slot[] = ['smsProviders', 'emailTransports', 'commissionRules', 'leadMappings'];

export interface PluginRegistry {
  readonly plugins: readonly CrmPlugin[];
  /** The entry `name` of `slot`, with the plugin that gave it. */
  get<S extends Slot>(slot: S, name: string): { value: NonNullable<CrmPlugin[S]>[string]; plugin: string } | undefined;
  names(slot: Slot): string[];
  /**
   * Run a hook. `before*` hooks run in registration order, each receiving what the previous one
   * returned (or the same value when it returns undefined). `after*` hooks only observe.
   */
  run<T>(hook: string, value: T): Promise<T>;
}

/**
 * @example
 * const registry = createPluginRegistry([smsapi(), myCommissionRules]);
 * registry.get('smsProviders', 'smsapi')?.value(options);
 */
export function createPluginRegistry(plugins: ReadonlyArray<CrmPlugin | false | null | undefined>): PluginRegistry {
  const list = plugins.filter((p): p is CrmPlugin => Boolean(p));
  const seen = new Map<string, CrmPlugin>();
  for (const p of list) {
    const other = seen.get(p.name);
    if (other) throw new Error(`Two plugins are named "${p.name}"; plugin names must be unique`);
    seen.set(p.name, p);
  }
  const tables = new Map<Slot, Map<string, { value: unknown; plugin: string }>>();
  for (const slot of slots) {
    const table = new Map<string, { value: unknown; plugin: string }>();
    for (const p of list) {
      for (const [name, value] of Object.entries(p[slot] ?? {})) {
        const prev = table.get(name);
        if (prev) throw new Error(`Plugins "${prev.plugin}" and "${p.name}" both define ${slot} "${name}"`);
        table.set(name, { value, plugin: p.name });
      }
    }
    tables.set(slot, table);
  }
  return {
    plugins: list,
    get(slot, name) {
      return tables.get(slot)!.get(name) as never;
    },
    names(slot) {
      return [...tables.get(slot)!.keys()];
    },
    async run(hook, value) {
      let current = value;
      for (const p of list) {
        const fn = p.hooks?.[hook];
        if (!fn) continue;
        try {
          const out = await fn(current);
          if (hook.includes('before') && out !== undefined) current = out as typeof current;
        } catch (e) {
          // A plugin's CrmError (a 422 naming a field, a 409…) is an answer for the caller: it passes
          // through unchanged, so every caller keeps its status. Anything else is the plugin's fault.
          if (e instanceof CrmError) throw e;
          throw new Error(`Plugin "${p.name}" failed in hook ${hook}: ${(e as Error).message}`, { cause: e });
        }
      }
      return current;
    },
  };
}
