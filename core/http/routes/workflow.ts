/**
 * @module http/routes/workflow
 * Status moves, the status picker's allowed moves, the client timeline, contact history, the
 * workflow definition for widgets, and the advisor-activity report.
 */
import { bufferAudit } from '../../audit/index.ts';
import type { Crm } from '../../crm.ts';
import { recordContact } from '../../calendar/index.ts';
import { advisorActivity, allowedTransitions, timeline, transition } from '../../workflow/index.ts';
import {
  advisorActivitySchema,
  object,
  recordedSchema,
  timelineSchema,
  transitionsSchema,
  workflowSchema,
} from '../responses.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

const note = { type: ['string', 'null'], maxLength: 4000 } as const;
const instantOrDate = { type: 'string', anyOf: [{ format: 'date' }, { format: 'date-time' }] } as const;
const id = { type: 'string', minLength: 1, maxLength: 64 } as const;

const transitionBody = {
  type: 'object',
  properties: {
    to: { type: 'string', minLength: 1, maxLength: 60, description: 'Target status id.' },
    fields: { type: 'object', description: 'Values the move requires (see GET …/transitions).', maxProperties: 50 },
    note,
    expectedVersion: {
      type: 'integer',
      minimum: 1,
      description: 'The client version you saw; 409 when it changed meanwhile.',
    },
    acknowledgeUncovered: {
      type: 'boolean',
      description:
        'For a sale no commission rule covers (see POST …/transitions/preview): the person confirms it; kept in ' +
        "the client's history. Without it such a sale is a 422 (firm policy workflow.uncoveredSales).",
    },
  },
  required: ['to'],
  additionalProperties: false,
} as const;

const activityBody = {
  type: 'object',
  properties: {
    type: { type: 'string', minLength: 1, maxLength: 60 },
    at: { type: 'string', format: 'date-time' },
    outcome: { type: ['string', 'null'], maxLength: 60 },
    note,
    nextStep: {
      type: ['object', 'null'],
      description:
        "The agreed next step. It becomes a dated task in your calendar (or `assigneeId`'s, a delegate within " +
        'your calendar:write scope), linked to the client; `task: false` records the step only.',
      properties: {
        at: {
          type: 'string',
          anyOf: [{ format: 'date-time' }, { pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2})?$' }],
          description: "An instant, or a local date (09:00) or date and time in the firm's zone.",
        },
        note,
        assigneeId: { type: ['string', 'null'], maxLength: 64 },
        task: { type: 'boolean', default: true },
      },
      required: ['at'],
      additionalProperties: false,
    },
  },
  required: ['type'],
  additionalProperties: false,
} as const;

export function workflowRoutes(crm: Crm): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/workflow',
      response: workflowSchema,
      tag: 'workflow',
      summary: 'Statuses, moves, fields, activity types and outcomes from the firm config',
      async handler() {
        const { statuses, transitions, reopen, fields, activityTypes, outcomes } = crm.config.workflow;
        return { statuses, transitions, reopen, fields, activityTypes, outcomes };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/clients/:id/transitions',
      response: transitionsSchema,
      tag: 'workflow',
      summary: 'The moves you may make for this client now, each with the JSON Schema of its required fields',
      handler: ({ ctx, params }) => allowedTransitions(ctx, params.id!),
    }),
    defineRoute({
      method: 'post',
      path: '/api/clients/:id/transitions',
      response: recordedSchema,
      tag: 'workflow',
      status: 201,
      body: transitionBody,
      summary: 'Move a client to another status',
      description:
        '409 when the move is not defined from the current status or expectedVersion is stale; 403 when your ' +
        'role may not make it (both list the moves you may make in details.allowed); 422 listing missing or ' +
        'invalid fields.',
      handler: ({ ctx, params, body }) =>
        transition(ctx, params.id!, {
          to: body.to,
          fields: body.fields as Record<string, unknown> | undefined,
          note: body.note,
          expectedVersion: body.expectedVersion,
          acknowledgeUncovered: body.acknowledgeUncovered,
        }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/clients/:id/timeline',
      response: timelineSchema,
      tag: 'workflow',
      summary: 'Status changes and contacts, newest first, keyset-paged',
      query: {
        type: 'object',
        properties: {
          cursor: { type: 'string', maxLength: 400 },
          limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
        },
        additionalProperties: false,
      },
      async handler({ ctx, params, query }) {
        const page = await timeline(ctx, params.id!, { cursor: query.cursor, limit: query.limit });
        // Notes are personal data: who read them is audited (buffered, no round trip).
        const data = { page: query.cursor ? 'next' : 'first' };
        bufferAudit(ctx, { action: 'client.timeline', entity: 'client', entityId: params.id!, data });
        return page;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/clients/:id/activities',
      response: object({ id: { type: 'string' }, taskId: { type: ['string', 'null'] } }),
      tag: 'workflow',
      status: 201,
      body: activityBody,
      summary: 'Record a call, meeting, e-mail, SMS or note with its outcome and next step (a task in the calendar)',
      handler: ({ ctx, params, body }) => recordContact(ctx, params.id!, body),
    }),
    defineRoute({
      method: 'get',
      path: '/api/reports/advisor-activity',
      response: advisorActivitySchema,
      tag: 'reports',
      summary: 'Per advisor: status changes, sales and contacts in a window (your reports:read scope)',
      query: {
        type: 'object',
        properties: { from: instantOrDate, to: instantOrDate, unitId: id, userId: id },
        required: ['from', 'to'],
        additionalProperties: false,
      },
      handler: ({ ctx, query }) => advisorActivity(ctx, query),
    }),
  ];
}
