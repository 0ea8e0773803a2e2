/**
 * @module plugin
 * The plugin machinery, at the ground of `core/`: `definePlugin`, the registry the runtime holds,
 * and the ports (SMS, e-mail) plugins implement. It knows no module; a module that takes
 * contributions declares its own slot on `CrmPlugin` (see `commissions/plugin-slot.ts`). What a
 * plugin may import is `broker-crm/plugin` (`core/plugin-api.ts`), which adds the helpers of the
 * modules above.
 */
export { definePlugin, type CrmPlugin, type PluginHooks } from './define-plugin.ts';
export { createPluginRegistry, type PluginRegistry } from './registry.ts';
export * from './ports.ts';
export {
  fetchWithTimeout,
  NoAnswerError,
  retryAfterMs,
  type NoAnswerReason,
  type TimedRequest,
} from './fetch-with-timeout.ts';
