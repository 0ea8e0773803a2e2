/**
 * @module broker-crm
 * The public TypeScript API of broker-crm.
 */
export { createCrm, type Crm, type CrmOptions } from './crm.ts';
export { defineConfig, loadConfigFile, parseConfig, ConfigError, type ConfigProblem } from './config/load.ts';
export type { FirmConfig, FirmConfigInput } from './config/types.ts';
export { contextFor, inTransaction, type Ctx, type Runtime } from './context.ts';
export { CrmError, type ErrorCode, type FieldProblem } from './errors.ts';
export { openDatabase, type Database } from './storage/database.ts';
export { loadActor, systemActor, type Actor } from './access/actor.ts';
export { scopeCondition, canAccess, requirePermission } from './access/scope.ts';
export { maskFields, fieldClasses } from './access/mask.ts';
export { permissionCatalog, scopes, type Permission, type Scope } from './access/permissions.ts';
export * from './org/units.ts';
export * from './org/users.ts';
export { signIn, signOut, resolveSession } from './auth/sessions.ts';
export { createApiKey, listApiKeys, revokeApiKey, resolveApiKey } from './auth/api-keys.ts';
export { definePlugin, type CrmPlugin } from './plugin/index.ts';
export { fixedClock, systemClock, type Clock } from './time/clock.ts';
