/**
 * @module http/routes/calendar
 * The calendar: windows of one's own, a person's, a unit's or the whole scope's calendar; items
 * (create, edit, move, complete, cancel, skip an occurrence); delegation; overdue tasks; a meeting's
 * planned reminders; the secret iCal feed and its token.
 */
import {
  calendarPeople,
  completeItem,
  meetingOutcomes,
  createFeedToken,
  feedFor,
  revokeFeedToken,
  itemKinds,
  cancelItem,
  createItem,
  getItem,
  moveItem,
  skipOccurrence,
  updateItem,
  listCalendar,
  overdueTasks,
  reminderStatus,
} from '../../calendar/index.ts';
import type { Crm } from '../../crm.ts';
import { notFound } from '../../errors.ts';
import {
  calendarEntrySchema,
  calendarItemSchema,
  calendarPersonSchema,
  completeResultSchema,
  feedTokenSchema,
  itemResultSchema,
  list,
  object,
  reminderSchema,
} from '../responses.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

const id = { type: 'string', minLength: 1, maxLength: 64 } as const;
const local = {
  type: 'string',
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}$',
  description:
    "Local date and time in the item's zone, YYYY-MM-DDTHH:mm. A time in the DST gap moves forward by the gap; " +
    'in the overlap the earlier instant is taken (see `timeNotes`).',
} as const;
const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
const nullable = (max: number) => ({ type: ['string', 'null'], maxLength: max }) as const;
const version = {
  type: 'integer',
  minimum: 1,
  description: 'The version you saw; 409 when the item changed meanwhile.',
} as const;

const itemBody = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: itemKinds },
    title: text(200),
    note: nullable(4000),
    assigneeId: {
      ...id,
      description:
        'Whose calendar (default: yours). Someone else = delegation: needs calendar:write over them, else 403.',
    },
    clientId: { type: ['string', 'null'], maxLength: 64 },
    place: nullable(300),
    onlineUrl: { type: ['string', 'null'], maxLength: 500, description: 'https:// link of an online meeting.' },
    start: local,
    end: { anyOf: [local, { type: 'null' }], description: 'Required except for tasks (a task is due at `start`).' },
    zone: { type: 'string', maxLength: 64, description: "IANA zone; default the firm's." },
    rrule: {
      type: ['string', 'null'],
      maxLength: 300,
      description: 'RFC 5545 RRULE body, e.g. FREQ=WEEKLY;COUNT=10 (no DTSTART: the series starts at `start`).',
    },
  },
  required: ['kind', 'title', 'start'],
  additionalProperties: false,
} as const;

const window = {
  type: 'object',
  properties: {
    from: { type: 'string', format: 'date-time' },
    to: { type: 'string', format: 'date-time', description: 'At most 93 days after from.' },
    userId: { ...id, description: "One person's calendar (default yours); 403 outside your scope." },
    unitId: { ...id, description: "One unit's calendars; 403 outside your scope." },
    everyone: { type: 'boolean', default: false, description: 'Everything your calendar:read scope covers.' },
  },
  required: ['from', 'to'],
  additionalProperties: false,
} as const;

export function calendarRoutes(crm: Crm): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/calendar',
      response: list(calendarEntrySchema),
      tag: 'calendar',
      summary: 'Calendar entries in a window (recurring items expanded, double bookings marked)',
      query: window,
      async handler({ ctx, query }) {
        return {
          items: await listCalendar(ctx, {
            from: new Date(query.from),
            to: new Date(query.to),
            ...(query.userId ? { userId: query.userId } : {}),
            ...(query.unitId ? { unitId: query.unitId } : {}),
            everyone: query.everyone,
          }),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/calendar/people',
      response: list(calendarPersonSchema),
      tag: 'calendar',
      summary: 'People whose calendars you may open',
      handler: async ({ ctx }) => ({ items: await calendarPeople(ctx) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/calendar/overdue',
      response: list(calendarEntrySchema),
      tag: 'calendar',
      summary: 'Tasks past due and not done, in your scope (or only those you delegated)',
      query: {
        type: 'object',
        properties: { delegatedByMe: { type: 'boolean', default: false } },
        additionalProperties: false,
      },
      handler: async ({ ctx, query }) => ({ items: await overdueTasks(ctx, { delegatedByMe: query.delegatedByMe }) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/calendar/items',
      response: itemResultSchema,
      tag: 'calendar',
      summary: 'Create an item; conflicts are flagged, reminders planned in the same transaction',
      body: itemBody,
      status: 201,
      handler: ({ ctx, body }) => createItem(ctx, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/calendar/delegate',
      response: itemResultSchema,
      tag: 'calendar',
      summary: 'Delegate a task (or any item) to someone in your scope; 403 outside it',
      body: {
        ...itemBody,
        properties: { ...itemBody.properties, kind: { type: 'string', enum: itemKinds, default: 'task' } },
        required: ['title', 'start', 'assigneeId'],
      },
      status: 201,
      handler: ({ ctx, body }) => createItem(ctx, { ...body, kind: body.kind ?? 'task' }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/calendar/items/:id',
      response: calendarItemSchema,
      tag: 'calendar',
      summary: 'One item with its planned reminders',
      async handler({ ctx, params }) {
        const item = await getItem(ctx, params.id!);
        return { item, reminders: await reminderStatus(ctx, item) };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/calendar/items/:id',
      response: itemResultSchema,
      tag: 'calendar',
      summary: 'Edit title, note, place, link or recurrence',
      body: {
        type: 'object',
        properties: {
          title: text(200),
          note: nullable(4000),
          place: nullable(300),
          onlineUrl: itemBody.properties.onlineUrl,
          rrule: itemBody.properties.rrule,
          version,
        },
        additionalProperties: false,
        minProperties: 1,
      },
      handler: ({ ctx, params, body }) => updateItem(ctx, params.id!, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/calendar/items/:id/move',
      response: itemResultSchema,
      tag: 'calendar',
      summary: 'Move an item (duration kept without `end`); its reminders move with it',
      body: {
        type: 'object',
        properties: { start: local, end: itemBody.properties.end, zone: itemBody.properties.zone, version },
        required: ['start'],
        additionalProperties: false,
      },
      handler: ({ ctx, params, body }) => moveItem(ctx, params.id!, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/calendar/items/:id/complete',
      response: completeResultSchema,
      tag: 'calendar',
      summary: "Mark done; a meeting's outcome goes to the client's contact history",
      body: {
        type: 'object',
        properties: { outcome: { type: 'string', enum: meetingOutcomes }, note: nullable(4000) },
        additionalProperties: false,
      },
      handler: ({ ctx, params, body }) => completeItem(ctx, params.id!, body ?? {}),
    }),
    defineRoute({
      method: 'post',
      path: '/api/calendar/items/:id/cancel',
      response: itemResultSchema,
      tag: 'calendar',
      summary: 'Cancel an item and its unsent reminders',
      handler: ({ ctx, params }) => cancelItem(ctx, params.id!),
    }),
    defineRoute({
      method: 'post',
      path: '/api/calendar/items/:id/skip',
      response: itemResultSchema,
      tag: 'calendar',
      summary: 'Remove one occurrence of a recurring item',
      body: {
        type: 'object',
        properties: { date: { type: 'string', format: 'date' } },
        required: ['date'],
        additionalProperties: false,
      },
      handler: ({ ctx, params, body }) => skipOccurrence(ctx, params.id!, body.date),
    }),
    defineRoute({
      method: 'get',
      path: '/api/calendar/items/:id/reminders',
      response: list(reminderSchema),
      tag: 'calendar',
      summary: "A meeting's reminders: send times, text, segments, skip reasons and outbox status",
      handler: async ({ ctx, params }) => ({ items: await reminderStatus(ctx, await getItem(ctx, params.id!)) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/calendar/feed-token',
      response: feedTokenSchema,
      tag: 'calendar',
      summary: 'A new secret iCal feed URL (the old one stops working); shown once',
      status: 201,
      async handler({ ctx, c }) {
        const made = await createFeedToken(ctx);
        return { ...made, url: new URL(made.path, c.req.url).toString() };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/calendar/feed-token',
      response: object({ revoked: { type: 'integer' } }),
      tag: 'calendar',
      summary: 'Revoke your iCal feed URL',
      handler: ({ ctx }) => revokeFeedToken(ctx),
    }),
    defineRoute({
      method: 'get',
      path: '/api/calendar/feed/:file',
      produces: ['text/calendar'],
      tag: 'calendar',
      auth: 'public',
      summary: 'The iCal feed (RFC 5545, UTC times) at the secret URL `<token>.ics`; 404 when unknown or revoked',
      async handler({ params }) {
        const m = /^([A-Za-z0-9_-]{20,100})\.ics$/.exec(params.file ?? '');
        if (!m) throw notFound('Calendar feed');
        const ics = await feedFor(crm.system('ical-feed'), m[1]!);
        return new Response(ics, {
          headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=300' },
        });
      },
    }),
  ];
}
