/**
 * @module http/routes/notifications
 * The outbox as people see it: a subject's messages and their state (a meeting's reminders), the
 * dead letters a manager acts on, a retry and a cancel. Needs `notifications:read` (and `:retry`); rows are
 * scoped by their owner and unit like everything else.
 */
import { cancelMessage, listDeadLetters, listOutbox, retryMessage } from '../../notifications/index.ts';
import { notificationPageSchema, notificationSchema } from '../responses.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

const statuses = ['pending', 'sending', 'sent', 'failed', 'dead', 'cancelled', 'skipped'] as const;
const page = {
  limit: { type: 'integer', minimum: 1, maximum: 200 },
  before: { type: 'string', minLength: 1, maxLength: 64 },
} as const;

export function notificationRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/notifications',
      response: notificationPageSchema,
      tag: 'notifications',
      summary: "Outgoing SMS and e-mail, newest first (e.g. a meeting's reminders with ?subject=event:<id>)",
      query: {
        type: 'object',
        properties: {
          subject: { type: 'string', minLength: 1, maxLength: 200 },
          status: { type: 'string', enum: statuses },
          ...page,
        },
        additionalProperties: false,
      },
      handler: ({ ctx, query }) => listOutbox(ctx, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/notifications/dead',
      response: notificationPageSchema,
      tag: 'notifications',
      summary: 'Dead letters: messages given up on, with the error that ended each',
      query: { type: 'object', properties: page, additionalProperties: false },
      handler: ({ ctx, query }) => listDeadLetters(ctx, query),
    }),
    defineRoute({
      method: 'post',
      path: '/api/notifications/:id/retry',
      response: notificationSchema,
      tag: 'notifications',
      summary: 'Send a dead, failed or skipped message again now',
      handler: ({ ctx, params }) => retryMessage(ctx, params.id!),
    }),
    defineRoute({
      method: 'post',
      path: '/api/notifications/:id/cancel',
      response: notificationSchema,
      tag: 'notifications',
      summary: 'Cancel a message that has not gone out (pending, failed, dead or skipped)',
      handler: ({ ctx, params }) => cancelMessage(ctx, params.id!),
    }),
  ];
}
