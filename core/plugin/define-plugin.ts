/**
 * @module plugin/define-plugin
 * The public authoring helper for plugins. A plugin adds entries to named slots; it never rewrites
 * the firm's config. Two plugins that claim one name in one slot fail at start-up, naming both.
 */
import type { EmailTransportFactory, SmsProviderFactory } from './ports.ts';

/** Lifecycle hooks: `before*` may change the data they are given (by returning it); `after*` observe. */
export interface PluginHooks {
  [hook: string]: ((args: any) => unknown) | undefined; // any: each module documents and types its own hook arguments
}

export interface CrmPlugin {
  /** Required, unique; appears in every error about this plugin. */
  name: string;
  smsProviders?: Record<string, SmsProviderFactory>;
  emailTransports?: Record<string, EmailTransportFactory>;
  // `commissionRules` (commission rule types by the name rules use in `type`, see docs/commissions.md)
  // is declared by the commissions module, which sits above this one (core/commissions/plugin-slot.ts).
  /** Lead-portal mappings that need code (see docs/leads.md). */
  leadMappings?: Record<string, unknown>;
  hooks?: PluginHooks;
}

/**
 * @example
 * export default definePlugin({
 *   name: 'sms-acme',
 *   smsProviders: { acme: (options) => createAcmeProvider(options) },
 * });
 */
export function definePlugin<P extends CrmPlugin>(plugin: P): P {
  if (!plugin || typeof plugin.name !== 'string' || !/^[a-z0-9][a-z0-9-]*(\/[a-z0-9-]+)?$/.test(plugin.name)) {
    throw new Error(`definePlugin: "name" is required and must be kebab-case (got ${JSON.stringify(plugin?.name)})`);
  }
  return plugin;
}
