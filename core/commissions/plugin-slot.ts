/**
 * @module commissions/plugin-slot
 * The plugin slot the commissions module adds to `CrmPlugin`: commission rule types. The plugin
 * module sits below the modules and knows none of them, so each module that takes contributions
 * declares its own slot here (TypeScript declaration merging) instead of the plugin module
 * importing it.
 */
import type { CommissionRuleType } from './rules/rule-type.ts';

declare module '../plugin/index.ts' {
  interface CrmPlugin {
    /** Commission rule types by the name rules use in `type` (see docs/commissions.md). */
    // any: each type validates its own options against its optionsSchema
    commissionRules?: Record<string, CommissionRuleType<any>>;
  }
}
