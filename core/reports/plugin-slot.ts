/**
 * @module reports/plugin-slot
 * The plugin slot the reports module adds to `CrmPlugin`: report types by id (see docs/reports.md,
 * "Adding a report type"). Declared here by declaration merging, as the plugin module knows no module.
 */
import type { ReportDefinition } from './types.ts';

declare module '../plugin/index.ts' {
  interface CrmPlugin {
    /** Report types by id; a plugin's definition with a built-in id replaces the built-in one. */
    reports?: Record<string, ReportDefinition>;
  }
}
