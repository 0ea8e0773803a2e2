/**
 * @module broker-crm
 * The public TypeScript API of broker-crm.
 */
export { createCrm, type Crm, type CrmOptions } from './crm.ts';
export {
  defineConfig,
  loadConfigFile,
  parseConfig,
  ConfigError,
  type ConfigProblem,
  type FirmConfig,
  type FirmConfigInput,
} from './firm/index.ts';
export { contextFor, inTransaction, type Ctx, type Runtime } from './context.ts';
export { CrmError, type ErrorCode, type FieldProblem } from './errors.ts';
export { openDatabase, type Database } from './storage/index.ts';
export {
  loadActor,
  systemActor,
  type Actor,
  scopeCondition,
  canAccess,
  requirePermission,
  maskFields,
  fieldClasses,
  permissionCatalog,
  scopes,
  type Permission,
  type Scope,
} from './access/index.ts';
export * from './org/index.ts';
export {
  signIn,
  signOut,
  resolveSession,
  createApiKey,
  listApiKeys,
  revokeApiKey,
  resolveApiKey,
} from './auth/index.ts';
export { definePlugin, type CrmPlugin } from './plugin/index.ts';
export { fixedClock, systemClock, type Clock } from './time/index.ts';
