/**
 * @module http/routes/config
 * The firm configuration over HTTP: what runs (version, text, who saved it, when, why), its
 * versions, the published JSON Schema, validation with the CLI's line/column/path problems, saving a
 * new version on a named base (409 when someone saved since) and rolling back to an earlier one.
 * Saved versions run at once, without a restart (`core/config-versions`, `../live-api.ts`).
 */
import {
  getConfigVersion,
  listConfigVersions,
  rollbackConfig,
  runningConfig,
  saveConfig,
  validateConfigText,
  WHY_MAX,
  WHY_MIN,
} from '../../config-versions/index.ts';
import { requirePermission } from '../../access/index.ts';
import { badRequest } from '../../errors.ts';
import { configSchema } from '../../firm/index.ts';
import { list } from '../responses.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

/** The text of a configuration: a little under the API's 1 MB body limit. */
const MAX_TEXT = 1_000_000;

const problem = {
  type: 'object',
  properties: {
    line: { type: 'integer' },
    column: { type: 'integer' },
    path: { type: 'string' },
    message: { type: 'string' },
  },
  required: ['line', 'column', 'path', 'message'],
} as const;

const nullableString = { type: ['string', 'null'] } as const;
const running = {
  type: 'object',
  properties: {
    version: { type: 'integer' },
    source: { type: 'string', enum: ['file', 'store'] },
    text: { type: 'string' },
    authorId: nullableString,
    authorName: nullableString,
    createdAt: { type: ['string', 'null'], format: 'date-time' },
    why: nullableString,
    warning: { type: 'string' },
  },
  required: ['version', 'source', 'text'],
} as const;

const versionItem = {
  type: 'object',
  properties: {
    version: { type: 'integer' },
    kind: { type: 'string', enum: ['edit', 'rollback', 'file'] },
    authorId: nullableString,
    authorName: nullableString,
    createdAt: { type: 'string', format: 'date-time' },
    why: { type: 'string' },
    baseVersion: { type: 'integer' },
    restoredVersion: { type: ['integer', 'null'] },
    running: { type: 'boolean' },
  },
} as const;

const saved = {
  type: 'object',
  properties: { version: { type: 'integer' }, createdAt: { type: 'string', format: 'date-time' } },
  required: ['version', 'createdAt'],
} as const;

const why = { type: 'string', minLength: WHY_MIN, maxLength: WHY_MAX } as const;
const text = { type: 'string', maxLength: MAX_TEXT } as const;

const rejected =
  '422 with `details.problems` (line, column, JSON path, message — as `npm run config:check` prints them) ' +
  'for an invalid text or an edit that would orphan stored data (a status clients hold, a field with values ' +
  'retyped, a type/source/purpose in use). ';

export function configRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/config',
      response: running,
      tag: 'config',
      summary: 'The running firm configuration: its version (0 = the file), text, who saved it, when and why',
      handler: ({ ctx }) => runningConfig(ctx),
    }),
    defineRoute({
      method: 'get',
      path: '/api/config/schema',
      response: { type: 'object', description: 'A JSON Schema (draft 2020-12)' },
      tag: 'config',
      summary: 'The published JSON Schema of crm.config.json (what the editor builds its forms from)',
      async handler({ ctx }) {
        requirePermission(ctx.actor, 'config:read');
        return configSchema;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/config/versions',
      response: list(versionItem),
      tag: 'config',
      summary: 'The saved versions, newest first (who, when, why), then version 0: the file',
      handler: async ({ ctx }) => ({ items: await listConfigVersions(ctx) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/config/versions/:n',
      response: { type: 'object', properties: { version: { type: 'integer' }, text: { type: 'string' } } },
      tag: 'config',
      summary: "One version's text (0 = the file)",
      handler: ({ ctx, params }) => getConfigVersion(ctx, versionParam(params.n)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/config/validate',
      tag: 'config',
      summary: 'Check a configuration text without saving it: the problems with line, column and JSON path',
      description: 'An empty `problems` list means it may be saved (against the running version).',
      body: { type: 'object', properties: { text }, required: ['text'], additionalProperties: false },
      response: { type: 'object', properties: { problems: { type: 'array', items: problem } } },
      handler: async ({ ctx, body }) => ({ problems: (await validateConfigText(ctx, body.text)).problems }),
    }),
    defineRoute({
      method: 'put',
      path: '/api/config',
      tag: 'config',
      summary: 'Save and run a new version of the configuration (no restart), on the version you edited',
      description:
        rejected +
        '409 when a newer version was saved since `baseVersion` (the answer names who saved it and when). ' +
        'Audited as config.save.',
      body: {
        type: 'object',
        properties: { text, baseVersion: { type: 'integer', minimum: 0 }, why },
        required: ['text', 'baseVersion', 'why'],
        additionalProperties: false,
      },
      response: saved,
      errors: { 409: 'A newer version was saved since baseVersion: reload it and make the change again' },
      handler: ({ ctx, body }) => saveConfig(ctx, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/config/rollback',
      tag: 'config',
      summary: 'Run an earlier version again (saved as a new version; 0 = the file)',
      description:
        rejected.replace('an invalid text or ', '') +
        '409 when `baseVersion` is given and a newer version was saved since. Audited as config.rollback.',
      body: {
        type: 'object',
        properties: { version: { type: 'integer', minimum: 0 }, why, baseVersion: { type: 'integer', minimum: 0 } },
        required: ['version', 'why'],
        additionalProperties: false,
      },
      response: saved,
      errors: { 409: 'A newer version was saved since baseVersion' },
      handler: ({ ctx, body }) => rollbackConfig(ctx, body),
    }),
  ];
}

function versionParam(n: string | undefined): number {
  if (!n || !/^(0|[1-9]\d{0,8})$/.test(n))
    throw badRequest('The version is a whole number', { problems: [{ path: 'n', message: 'not a version number' }] });
  return Number(n);
}
