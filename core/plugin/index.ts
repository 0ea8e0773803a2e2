/**
 * @module broker-crm/plugin
 * The public plugin API: everything a plugin may import. Plugins import nothing else from the core.
 */
export { definePlugin, type CrmPlugin, type PluginHooks } from './define-plugin.ts';
export { createPluginRegistry, type PluginRegistry } from './registry.ts';
export * from './ports.ts';
