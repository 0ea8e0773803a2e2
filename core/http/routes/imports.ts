/**
 * @module http/routes/imports
 * `/api/imports`: client import from spreadsheets for holders of `clients:import`. Upload the file
 * (raw body, CSV or XLSX, up to 50 MB: 413 beyond), get its guessed or saved column mapping, dry-run
 * a mapping (problems by row and column), start the import (202; it runs in batches on the server),
 * follow its progress, review it, list imports, and undo a whole import (409 naming the clients
 * worked on since, when any was).
 */
import type { Context } from 'hono';
import { requirePermission } from '../../access/index.ts';
import { clientFields, type ClientKind } from '../../clients/index.ts';
import type { Crm } from '../../crm.ts';
import { CrmError } from '../../errors.ts';
import {
  dropUpload,
  dryRun,
  getImport,
  listImports,
  loadUpload,
  mappingFor,
  MAX_IMPORT_BYTES,
  readSpreadsheet,
  runImport,
  saveUpload,
  startImport,
  undoImport,
  type Encoding,
} from '../../import/index.ts';
import type { HttpEnv } from '../env.ts';
import { list, object } from '../responses.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

const str = { type: 'string' } as const;
const int = { type: 'integer', minimum: 0 } as const;
const nStr = { type: ['string', 'null'] } as const;
const date = { type: 'string', format: 'date-time' } as const;
const nDate = { type: ['string', 'null'], format: 'date-time' } as const;
const kind = { type: 'string', enum: ['person', 'company'] } as const;
const encoding = { type: 'string', enum: ['utf-8', 'windows-1250'] } as const;
const mapping = {
  type: 'object',
  additionalProperties: { type: 'string', maxLength: 100 },
  maxProperties: 200,
  description: 'column header → client field; a column left out is not imported',
  examples: [{ Imię: 'firstName', Nazwisko: 'lastName', PESEL: 'pesel' }],
} as const;

const problemSchema = object(
  {
    row: { type: 'integer', examples: [7] },
    column: { type: 'string', examples: ['PESEL'] },
    field: { type: 'string', examples: ['pesel'] },
    message: { type: 'string', examples: ['PESEL check digit is wrong'] },
    duplicate: { const: true },
  },
  ['duplicate'],
);
const counts = {
  rows: int,
  processed: int,
  imported: int,
  duplicates: int,
  errors: int,
};
const status = { type: 'string', enum: ['running', 'done', 'failed', 'undone'] } as const;
const importSummary = object({
  id: str,
  actorId: nStr,
  fileName: { type: 'string', examples: ['klienci-2026.csv'] },
  encoding: { type: 'string', examples: ['windows-1250'] },
  kind: str,
  options: { type: 'object' },
  ...counts,
  status,
  failure: nStr,
  createdAt: date,
  updatedAt: date,
  finishedAt: nDate,
  undoneAt: nDate,
  undoneBy: nStr,
});
const importSchema = {
  ...importSummary,
  properties: { ...importSummary.properties, mapping, problems: { type: 'array', items: problemSchema } },
  required: [...importSummary.required, 'mapping', 'problems'],
} as const;
const fieldSchema = object({ name: str, label: object({ pl: str, en: str }), required: { type: 'boolean' } });
const uploadSchema = object({
  uploadId: str,
  fileName: str,
  format: { type: 'string', enum: ['csv', 'xlsx'] },
  encoding: { type: 'string', enum: ['utf-8', 'windows-1250', 'xlsx'] },
  rows: int,
  header: { type: 'array', items: str },
  mapping,
  savedMapping: { type: 'boolean', description: 'the mapping was confirmed by an earlier import of this header' },
  fields: { type: 'array', items: fieldSchema },
});
const dryRunSchema = object({
  total: int,
  valid: int,
  duplicates: int,
  errors: int,
  mapping,
  ignored: { type: 'array', items: str },
  problems: { type: 'array', items: problemSchema, description: 'the first 1000 problems' },
});
const progressSchema = object({ id: str, status, ...counts });

const media = [
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];

async function readFile(c: Context<HttpEnv>): Promise<Uint8Array> {
  const tooLarge = () =>
    new CrmError('payload_too_large', `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`, {
      maxBytes: MAX_IMPORT_BYTES,
    });
  if (Number(c.req.header('content-length') ?? 0) > MAX_IMPORT_BYTES) throw tooLarge();
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw tooLarge();
  if (!bytes.byteLength) throw new CrmError('bad_request', 'Send the file as the request body');
  return bytes;
}

const fieldsOf = (crm: Crm, k: ClientKind) => {
  const kf = clientFields(crm.config)[k];
  const required = new Set((kf.schema as { required?: string[] }).required ?? []);
  return [...kf.fields.values()].map((f) => {
    const label = (f.schema['x-crm-label'] as { pl?: string; en?: string } | undefined) ?? {};
    return { name: f.name, label: { pl: label.pl ?? f.name, en: label.en ?? f.name }, required: required.has(f.name) };
  });
};

export function importRoutes(crm: Crm): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/imports/uploads',
      tag: 'imports',
      summary: 'Upload a spreadsheet of clients (CSV or XLSX, up to 50 MB): its header and the column mapping',
      description:
        'The body is the file itself. The mapping is the one saved by an earlier import of the same header, ' +
        'else guessed from Polish and English column names. The upload is kept for a day, for its uploader.',
      requestMedia: media,
      query: {
        type: 'object',
        properties: { fileName: { type: 'string', minLength: 1, maxLength: 200 }, encoding, kind },
        required: ['fileName'],
        additionalProperties: false,
      },
      status: 201,
      response: uploadSchema,
      async handler({ ctx, c, query }) {
        requirePermission(ctx.actor, 'clients:import');
        const bytes = await readFile(c);
        const k: ClientKind = query.kind ?? 'person';
        const sheet = await readSpreadsheet(bytes, query.encoding ? { encoding: query.encoding as Encoding } : {});
        const uploadId = await saveUpload(ctx, query.fileName, bytes);
        const guess = await mappingFor(ctx, k, sheet.header);
        return {
          uploadId,
          fileName: query.fileName,
          format: sheet.format,
          encoding: sheet.encoding,
          rows: sheet.rows.length,
          header: sheet.header,
          mapping: guess.mapping,
          savedMapping: guess.saved,
          fields: fieldsOf(crm, k),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/imports/uploads/:id/dry-run',
      tag: 'imports',
      summary: 'Check an upload with a mapping: what would be imported, every problem by row and column',
      body: {
        type: 'object',
        properties: { kind, encoding, mapping },
        additionalProperties: false,
      },
      response: dryRunSchema,
      async handler({ ctx, params, body }) {
        requirePermission(ctx.actor, 'clients:import');
        const upload = await loadUpload(ctx, params.id!);
        const sheet = await readSpreadsheet(upload.bytes, body.encoding ? { encoding: body.encoding } : {});
        const k: ClientKind = body.kind ?? 'person';
        const report = dryRun(crm.config, sheet, {
          kind: k,
          mapping: body.mapping ?? (await mappingFor(ctx, k, sheet.header)).mapping,
        });
        const duplicates = new Set(report.problems.filter((p) => p.duplicate).map((p) => p.row)).size;
        return {
          total: report.total,
          valid: report.valid.length,
          duplicates,
          errors: report.total - report.valid.length - duplicates,
          mapping: report.mapping,
          ignored: report.ignored,
          problems: report.problems.slice(0, 1000),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/imports',
      tag: 'imports',
      summary: 'Import an upload (202): runs in batches; follow it at /api/imports/{id}/progress',
      description:
        'Rows are checked as in the dry run; duplicates (within the file, or of an existing client by keyed ' +
        'hash) and invalid rows are reported by row and column and not imported. The mapping is saved for ' +
        'the next file with the same header.',
      body: {
        type: 'object',
        properties: {
          uploadId: { type: 'string', maxLength: 40 },
          kind,
          encoding,
          mapping,
          type: { type: 'string', maxLength: 60 },
          source: { type: ['string', 'null'], maxLength: 60 },
          ownerId: { type: ['string', 'null'], maxLength: 40 },
        },
        required: ['uploadId'],
        additionalProperties: false,
      },
      status: 202,
      response: importSchema,
      async handler({ ctx, body }) {
        requirePermission(ctx.actor, 'clients:import');
        const upload = await loadUpload(ctx, body.uploadId);
        const sheet = await readSpreadsheet(upload.bytes, body.encoding ? { encoding: body.encoding } : {});
        const k: ClientKind = body.kind ?? 'person';
        const options = {
          kind: k,
          mapping: body.mapping ?? (await mappingFor(ctx, k, sheet.header)).mapping,
          ...(body.type ? { type: body.type } : {}),
          ...(body.source !== undefined ? { source: body.source } : {}),
          ...(body.ownerId !== undefined ? { ownerId: body.ownerId } : {}),
        };
        const source = {
          fileName: upload.fileName,
          encoding: sheet.encoding,
          header: sheet.header,
          total: sheet.rows.length,
          rows: sheet.rows,
        };
        const imp = await startImport(ctx, source, options);
        void runImport(ctx, imp.id, source, options)
          .catch(() => undefined) // the import row holds the failure (status failed); undo stays possible
          .finally(() => dropUpload(upload.id));
        return imp;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/imports',
      tag: 'imports',
      summary: 'Imports, newest first (counts and status; open one for its problems)',
      query: {
        type: 'object',
        properties: { limit: { type: 'integer', minimum: 1, maximum: 200 }, cursor: { type: 'string', maxLength: 40 } },
        additionalProperties: false,
      },
      response: list(importSummary, { nextCursor: nStr }),
      handler: ({ ctx, query }) => listImports(ctx, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/imports/:id',
      tag: 'imports',
      summary: 'One import: who, when, which file, mapping, counts, status and problems by row and column',
      response: importSchema,
      handler: ({ ctx, params }) => getImport(ctx, params.id!),
    }),
    defineRoute({
      method: 'get',
      path: '/api/imports/:id/progress',
      tag: 'imports',
      summary: "An import's progress: rows read, imported, duplicates, errors, status",
      response: progressSchema,
      async handler({ ctx, params }) {
        const i = await getImport(ctx, params.id!);
        const { id, status, rows, processed, imported, duplicates, errors } = i;
        return { id, status, rows, processed, imported, duplicates, errors };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/imports/:id/undo',
      tag: 'imports',
      summary: 'Undo a whole import: removes exactly the clients it created (409 naming any worked on since)',
      response: object({ removed: int, import: importSchema }),
      handler: ({ ctx, params }) => undoImport(ctx, params.id!),
    }),
  ];
}
