/**
 * @module commissions/engine/rule-types
 * The built-in `standard` rule type in the same shape a plugin's type has (so the contract suite
 * runs against it too), and the collection of rule types from registered plugins.
 */
import type { CrmPlugin, PluginRegistry } from '../../plugin/index.ts';
import { ruleSchema, type RuleRate } from '../rules/schema.ts';
import type { CommissionRuleType, CommissionRuleTypes } from '../rules/rule-type.ts';
import { moneyEn, moneyPl, moneyPlain } from './explain-format.ts';
import { computeStandard, compileRate, renderStandard } from './standard.ts';

/**
 * `options: { rate }` with a `rate` as in a rule. The engine runs standard rules directly; this
 * wrapper is what the contract suite and other callers outside the engine use.
 * @example
 * standardRuleType.calculate({ ...input, options: { rate: { bp: 90 } } }).amountMinor
 */
export const standardRuleType: CommissionRuleType<{ rate: RuleRate }> = {
  description: 'Basis points, an exact decimal, a fixed amount, or tiers of the base.',
  optionsSchema: {
    type: 'object',
    properties: { rate: ruleSchema.properties.rate },
    required: ['rate'],
    additionalProperties: false,
  },
  calculate(input) {
    const std = {
      rate: compileRate(input.options.rate),
      baseMinor: input.baseMinor,
      base: input.base,
      saleAmountMinor: input.sale.amountMinor,
      periodVolumeMinor: input.periodVolumeMinor,
    };
    const s = computeStandard(std);
    const w = renderStandard(std, s);
    return {
      amountMinor: s.amountMinor,
      explanation: {
        pl: `${w.pl} = ${moneyPl(s.amountMinor)}`,
        en: `${w.en} = ${moneyEn(s.amountMinor)}`,
        arithmetic: `${w.plain} = ${moneyPlain(s.amountMinor)}`,
      },
    };
  },
};

/**
 * The rule types plugins provide, by name; pass it to `proposeCommissions` and the rule checks.
 * @example
 * const ruleTypes = ruleTypesOf(createPluginRegistry([volumeBonusPlugin]));
 */
export function ruleTypesOf(source: PluginRegistry | readonly CrmPlugin[]): CommissionRuleTypes {
  const plugins = Array.isArray(source) ? (source as readonly CrmPlugin[]) : (source as PluginRegistry).plugins;
  const out: Record<string, CommissionRuleType<any>> = {}; // any: each type validates its own options
  for (const p of plugins) {
    for (const [name, type] of Object.entries(p.commissionRules ?? {})) {
      if (name === 'standard')
        throw new Error(`Plugin "${p.name}" may not redefine the built-in commission rule type "standard"`);
      if (out[name]) throw new Error(`Two plugins define the commission rule type "${name}"`);
      out[name] = type;
    }
  }
  return out;
}
