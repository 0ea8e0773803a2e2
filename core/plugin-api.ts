/**
 * @module broker-crm/plugin
 * The public plugin API: everything a plugin may import. Plugins import nothing else from the core.
 * It sits at the top of `core/` (beside `index.ts`), because it gathers helpers from the modules:
 * the plugin machinery itself (`core/plugin/`) lives at the ground and knows none of them.
 */
export * from './plugin/index.ts';
export type { CommissionRuleType, CommissionRuleInput, CommissionRuleResult } from './commissions/index.ts';
/** Exact money helpers a commission rule plugin needs (integer grosze, half-up away from zero). */
export { applyRateBp, applyRate, divRoundHalfUp, allocate } from './money/index.ts';
export { smsSegments } from './notifications/index.ts';
