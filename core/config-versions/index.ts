/**
 * @module config-versions
 * The firm configuration as versions saved from the browser or the CLI (who, when, why), checked as
 * the CLI checks the file plus the rules that keep stored data from being orphaned, applied without
 * a restart (here and, through the change bus, in the other instances) and rolled back in one step.
 * The running configuration is the newest saved version, else the file (version 0).
 */
export {
  newestVersion,
  storedVersion,
  versionHistory,
  type ConfigVersionRow,
  type ConfigVersionMeta,
} from './store.ts';
export {
  adjustEveryConfig,
  applyConfig,
  fileConfig,
  reloadNewest,
  runningMeta,
  startRunningConfig,
  stopRunningConfig,
  type RunningMeta,
} from './running.ts';
export { findOrphans, orphanCheck } from './orphans.ts';
export {
  rollbackConfig,
  saveConfig,
  validateConfigText,
  WHY_MAX,
  WHY_MIN,
  type SaveInput,
  type SavedVersion,
  type TextProblem,
} from './save.ts';
export { getConfigVersion, listConfigVersions, runningConfig, type VersionItem } from './history.ts';
