/**
 * @module org
 * The branch network and its people: units in a tree, users with dated memberships, and the
 * `branchTypes` and `commissionGroups` sections of the configuration.
 */
export * from './units.ts';
export * from './users.ts';
export {
  changeCommissionGroup,
  commissionGroupOn,
  listCommissionGroups,
  type CommissionGroupMembership,
} from './commission-groups.ts';
export { checkBranchTypes } from './checks.ts';
export { branchTypesConfigSchema, commissionGroupsConfigSchema } from './config-schema.ts';
export { inSubtree } from './path.ts';
export { ADMIN_RESET_HOURS, inviteUser, INVITATION_DAYS, sendPasswordReset } from './invitation.ts';
export { unitHistory, type UnitMembership } from './unit-history.ts';
export { isUniqueViolation } from './unique.ts';
export { previewUnitMove, type MovePreview, type PathStep, type ScopeChange } from './move-preview.ts';
export { unitCounts, type UnitCount } from './unit-counts.ts';
