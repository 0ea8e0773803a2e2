/**
 * @module http/routes/org
 * Units (the branch network), users, memberships and roles.
 */
import { requirePermission } from '../../access/index.ts';
import type { Crm } from '../../crm.ts';
import {
  archiveUnit,
  createUnit,
  getUnit,
  listUnits,
  moveUnit,
  previewUnitMove,
  unitCounts,
  unitTree,
  updateUnit,
  createUser,
  getUser,
  listUsers,
  membershipsOf,
  moveUser,
  setPassword,
  setUserDisabled,
  unlockUser,
  updateUser,
  changeCommissionGroup,
  listCommissionGroups,
} from '../../org/index.ts';
import { list, membershipSchema, roleSchema, unitSchema, userSchema } from '../responses.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

/** An advisor's commission group over a range of local dates (half-open). */
const groupMembershipSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    userId: { type: 'string' },
    groupId: { type: 'string' },
    validFrom: { type: 'string', format: 'date' },
    validTo: { type: ['string', 'null'], format: 'date' },
    note: { type: ['string', 'null'] },
    createdBy: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'userId', 'groupId', 'validFrom', 'validTo', 'note', 'createdBy', 'createdAt'],
  additionalProperties: false,
} as const;

const id = { type: 'string', minLength: 1, maxLength: 64 } as const;
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
const nullableText = (max: number) => ({ type: ['string', 'null'], maxLength: max }) as const;
const groups = { type: 'array', items: text(60), maxItems: 20, uniqueItems: true } as const;

const unitCreate = {
  type: 'object',
  properties: {
    code: text(40),
    name: text(200),
    type: text(60),
    parentId: { type: ['string', 'null'], maxLength: 64 },
    groups,
    city: nullableText(120),
  },
  required: ['code', 'name', 'type'],
  additionalProperties: false,
} as const;
const unitPatch = {
  type: 'object',
  properties: { code: text(40), name: text(200), groups, city: nullableText(120) },
  additionalProperties: false,
  minProperties: 1,
} as const;
const userCreate = {
  type: 'object',
  properties: {
    email: { type: 'string', format: 'email', maxLength: 254 },
    name: text(200),
    roles: { type: 'array', items: text(60), minItems: 1, maxItems: 10, uniqueItems: true },
    unitId: { type: ['string', 'null'], maxLength: 64 },
    password: { type: 'string', maxLength: 200 },
    phone: nullableText(30),
    commissionGroup: nullableText(60),
    supervisorId: nullableText(64),
    knfNumber: nullableText(40),
  },
  required: ['email', 'name', 'roles'],
  additionalProperties: false,
} as const;
const userPatch = {
  type: 'object',
  properties: {
    name: text(200),
    phone: nullableText(30),
    roles: userCreate.properties.roles,
    commissionGroup: nullableText(60),
    supervisorId: nullableText(64),
    knfNumber: nullableText(40),
  },
  additionalProperties: false,
  minProperties: 1,
} as const;

const unitTypeSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', examples: ['own-branch'] },
    label: {
      type: 'object',
      properties: { pl: { type: 'string' }, en: { type: 'string' } },
      required: ['pl', 'en'],
      additionalProperties: false,
    },
    contains: { type: 'array', items: { type: 'string' } },
    root: { type: 'boolean' },
    region: { type: 'boolean' },
    franchise: { type: 'boolean' },
  },
  required: ['id', 'label', 'contains', 'root', 'region', 'franchise'],
  additionalProperties: false,
} as const;
const unitCountSchema = {
  type: 'object',
  properties: {
    unitId: { type: 'string' },
    people: { type: ['integer', 'null'] },
    clients: { type: ['integer', 'null'] },
  },
  required: ['unitId', 'people', 'clients'],
  additionalProperties: false,
} as const;
const pathStep = {
  type: 'object',
  properties: { id: { type: 'string' }, code: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' } },
  required: ['id', 'code', 'name', 'type'],
  additionalProperties: false,
} as const;
const scopeChange = {
  type: 'object',
  properties: {
    userId: { type: 'string' },
    name: { type: 'string' },
    unitId: { type: 'string' },
    unitName: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } },
    permissions: { type: 'array', items: { type: 'string', examples: ['clients:read'] } },
  },
  required: ['userId', 'name', 'unitId', 'unitName', 'roles', 'permissions'],
  additionalProperties: false,
} as const;
/** The consequences of moving a unit, shown before the move is confirmed. */
const movePreviewSchema = {
  type: 'object',
  properties: {
    unit: pathStep,
    units: { type: 'integer' },
    people: { type: ['integer', 'null'] },
    clients: { type: ['integer', 'null'] },
    from: { type: 'array', items: pathStep },
    to: { type: 'array', items: pathStep },
    gained: { type: 'array', items: scopeChange },
    lost: { type: 'array', items: scopeChange },
    same: { type: 'boolean' },
  },
  required: ['unit', 'units', 'people', 'clients', 'from', 'to', 'gained', 'lost', 'same'],
  additionalProperties: false,
} as const;

export function orgRoutes(crm: Crm): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/units',
      response: list(unitSchema),
      tag: 'units',
      summary: 'The branch network, as a flat list or a tree',
      query: {
        type: 'object',
        properties: {
          format: { type: 'string', enum: ['flat', 'tree'], default: 'flat' },
          under: id,
          includeArchived: { type: 'boolean', default: false },
        },
        additionalProperties: false,
      },
      async handler({ ctx, query }) {
        const units = await listUnits(ctx, { under: query.under, includeArchived: query.includeArchived });
        return { items: query.format === 'tree' ? unitTree(units) : units };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/units',
      response: unitSchema,
      tag: 'units',
      summary: 'Create a unit',
      body: unitCreate,
      status: 201,
      handler: ({ ctx, body }) => createUnit(ctx, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/units/types',
      response: list(unitTypeSchema),
      tag: 'units',
      summary: "The firm's unit types (branchTypes): labels, which type may contain which, roots",
      async handler({ ctx }) {
        requirePermission(ctx.actor, 'units:read');
        const types = Object.entries(ctx.config.branchTypes).map(([typeId, bt]) => ({
          id: typeId,
          label: bt.label,
          contains: bt.contains ?? [],
          root: !!bt.root,
          region: !!bt.region,
          franchise: !!bt.franchise,
        }));
        return { items: types };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/units/counts',
      response: list(unitCountSchema),
      tag: 'units',
      summary: 'People and clients each unit holds directly, counted within what you may see (null: not yours to see)',
      async handler({ ctx }) {
        return { items: await unitCounts(ctx) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/units/:id',
      response: unitSchema,
      tag: 'units',
      summary: 'One unit',
      handler: ({ ctx, params }) => getUnit(ctx, params.id!),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/units/:id',
      response: unitSchema,
      tag: 'units',
      summary: 'Rename, re-code or regroup a unit',
      body: unitPatch,
      handler: ({ ctx, params, body }) => updateUnit(ctx, params.id!, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/units/:id/move',
      response: unitSchema,
      tag: 'units',
      summary: 'Move a unit (and its subtree) under another parent; 409 when under its own descendant',
      body: { type: 'object', properties: { parentId: id }, required: ['parentId'], additionalProperties: false },
      errors: { 409: 'The new parent is the unit itself or below it (details.reason own-descendant)' },
      handler: ({ ctx, params, body }) => moveUnit(ctx, params.id!, body.parentId),
    }),
    defineRoute({
      method: 'post',
      path: '/api/units/:id/move/preview',
      response: movePreviewSchema,
      tag: 'units',
      summary: 'What a move would change: people and clients moved, old and new path, whose subtree scopes change',
      description:
        'Changes nothing. The same checks as the move (403, 404, 409 under its own descendant, 422). ' +
        'Counts and names are limited to what the caller may see (null when not at all).',
      body: { type: 'object', properties: { parentId: id }, required: ['parentId'], additionalProperties: false },
      errors: { 409: 'The new parent is the unit itself or below it (details.reason own-descendant)' },
      handler: ({ ctx, params, body }) => previewUnitMove(ctx, params.id!, body.parentId),
    }),
    defineRoute({
      method: 'post',
      path: '/api/units/:id/archive',
      response: unitSchema,
      tag: 'units',
      summary: 'Archive an empty unit',
      errors: { 409: 'Units, people or clients are still in it (details: reason not-empty, units, people, clients)' },
      handler: ({ ctx, params }) => archiveUnit(ctx, params.id!),
    }),

    defineRoute({
      method: 'get',
      path: '/api/users',
      response: list(userSchema),
      tag: 'users',
      summary: 'Users you may see, with their current unit',
      query: {
        type: 'object',
        properties: { unitId: id, role: text(60), includeDisabled: { type: 'boolean', default: false } },
        additionalProperties: false,
      },
      async handler({ ctx, query }) {
        return { items: await listUsers(ctx, query) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/users',
      response: userSchema,
      tag: 'users',
      summary: 'Create a user in a unit',
      body: userCreate,
      status: 201,
      handler: ({ ctx, body }) => createUser(ctx, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/users/:id',
      response: userSchema,
      tag: 'users',
      summary: 'One user',
      handler: ({ ctx, params }) => getUser(ctx, params.id!),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/users/:id',
      response: userSchema,
      tag: 'users',
      summary: 'Change name, roles, commission group, supervisor',
      body: userPatch,
      errors: { 409: 'Removing the administrator role from the last active administrator (details.reason last-admin)' },
      handler: ({ ctx, params, body }) => updateUser(ctx, params.id!, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/users/:id/move',
      response: membershipSchema,
      tag: 'users',
      summary: 'Move a user to another unit (closes the current membership, opens a new one)',
      body: {
        type: 'object',
        properties: {
          unitId: id,
          at: { type: 'string', format: 'date-time' },
          note: { type: 'string', maxLength: 500 },
        },
        required: ['unitId'],
        additionalProperties: false,
      },
      status: 201,
      handler: ({ ctx, params, body }) =>
        moveUser(ctx, params.id!, body.unitId, { at: body.at ? new Date(body.at) : undefined, note: body.note }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/users/:id/commission-groups',
      response: list(groupMembershipSchema),
      tag: 'users',
      summary: "The advisor's commission groups with their dates, oldest first",
      async handler({ ctx, params }) {
        return { items: await listCommissionGroups(ctx, params.id!) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/users/:id/commission-groups',
      response: list(groupMembershipSchema),
      tag: 'users',
      status: 201,
      summary: "Change an advisor's commission group from a date (422 before the advisor joined)",
      body: {
        type: 'object',
        properties: {
          group: { type: ['string', 'null'], maxLength: 60 },
          from: { type: 'string', format: 'date' },
          note: { type: ['string', 'null'], maxLength: 500 },
        },
        required: ['group', 'from'],
        additionalProperties: false,
      },
      async handler({ ctx, params, body }) {
        return { items: await changeCommissionGroup(ctx, params.id!, body) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/users/:id/memberships',
      response: list(membershipSchema),
      tag: 'users',
      summary: 'Membership history, newest first',
      async handler({ ctx, params }) {
        return { items: await membershipsOf(ctx, params.id!) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/users/:id/disable',
      response: userSchema,
      tag: 'users',
      summary: 'Disable a user: their sessions and keys stop at once',
      errors: { 409: 'Yourself, or the last active administrator (details.reason self or last-admin)' },
      handler: ({ ctx, params }) => setUserDisabled(ctx, params.id!, true),
    }),
    defineRoute({
      method: 'post',
      path: '/api/users/:id/enable',
      response: userSchema,
      tag: 'users',
      summary: 'Enable a disabled user',
      handler: ({ ctx, params }) => setUserDisabled(ctx, params.id!, false),
    }),
    defineRoute({
      method: 'put',
      path: '/api/users/:id/password',
      tag: 'users',
      summary: 'Set a password (yours, or as an administrator)',
      description:
        'Your own: send currentPassword; every other session and bearer session token of yours ends. ' +
        "Another user's (users:write): a reset; every session of theirs ends. API keys stay valid.",
      status: 204,
      body: {
        type: 'object',
        properties: {
          password: { type: 'string', maxLength: 200 },
          currentPassword: { type: 'string', maxLength: 200 },
        },
        required: ['password'],
        additionalProperties: false,
      },
      handler: ({ ctx, params, body, c }) =>
        setPassword(ctx, params.id!, body.password, {
          currentPassword: body.currentPassword,
          keepSessionToken: c.get('sessionToken') ?? null,
        }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/users/:id/unlock',
      response: userSchema,
      tag: 'users',
      summary: 'Lift a sign-in lockout now (it also ends by itself after security.lockout.lockMinutes)',
      handler: ({ ctx, params }) => unlockUser(ctx, params.id!),
    }),
    defineRoute({
      method: 'get',
      path: '/api/roles',
      response: list(roleSchema),
      tag: 'users',
      summary: 'Roles from the firm configuration, with permissions and scopes',
      async handler({ ctx }) {
        requirePermission(ctx.actor, 'roles:read');
        return { items: Object.entries(crm.config.roles).map(([roleId, r]) => ({ id: roleId, ...r })) };
      },
    }),
  ];
}
