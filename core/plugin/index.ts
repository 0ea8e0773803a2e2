/**
 * @module broker-crm/plugin
 * The public plugin API: everything a plugin may import. Plugins import nothing else from the core.
 */
export { definePlugin, type CrmPlugin, type PluginHooks } from './define-plugin.ts';
export { createPluginRegistry, type PluginRegistry } from './registry.ts';
export * from './ports.ts';
export type { CommissionRuleType, CommissionRuleInput, CommissionRuleResult } from '../commissions/rules/rule-type.ts';
/** Exact money helpers a commission rule plugin needs (integer grosze, half-up away from zero). */
export { applyRateBp, applyRate, divRoundHalfUp } from '../money/rate.ts';
export { allocate } from '../money/allocate.ts';
export { smsSegments } from '../notifications/sms-text.ts';
