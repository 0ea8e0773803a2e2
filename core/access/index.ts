/**
 * @module access
 * Who may do what: the permission catalogue and scopes, the actor (a user's roles merged), scope
 * conditions for queries, field masking by class, and the `roles` section of the configuration.
 */
export { loadActor, orgChanged, systemActor, type Actor } from './actor.ts';
export { checkRoles } from './checks.ts';
export { rolesConfigSchema } from './config-schema.ts';
export { fieldClasses, maskFields, maskValue, referrerOnly, type FieldClass } from './mask.ts';
export { assertClientWritable, processingLimits, type ProcessingLimit } from './restriction.ts';
export { isPermission, permissionCatalog, scopes, type Permission, type Scope } from './permissions.ts';
export {
  canAccess,
  clientScope,
  requirePermission,
  scopeCondition,
  scopesOf,
  type RecordOwnership,
  type ScopeColumns,
} from './scope.ts';
