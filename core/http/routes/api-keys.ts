/** @module http/routes/api-keys — create, list and revoke API keys for integrations. */
import { createApiKey, listApiKeys, revokeApiKey } from '../../auth/index.ts';
import { apiKeySchema, list, newApiKeySchema } from '../responses.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

export function apiKeyRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/api-keys',
      response: list(apiKeySchema),
      tag: 'api-keys',
      summary: 'Your API keys (secrets are never shown again)',
      handler: async ({ ctx }) => ({ items: await listApiKeys(ctx) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/api-keys',
      response: newApiKeySchema,
      tag: 'api-keys',
      status: 201,
      summary: 'Create an API key; the response shows the key once',
      body: {
        type: 'object',
        properties: {
          name: { type: 'string', minLength: 1, maxLength: 100 },
          permissions: {
            type: 'array',
            items: { type: 'string', maxLength: 60 },
            minItems: 1,
            maxItems: 10,
            uniqueItems: true,
          },
          expiresAt: { type: 'string', format: 'date-time' },
        },
        required: ['name', 'permissions'],
        additionalProperties: false,
      },
      handler: ({ ctx, body }) =>
        createApiKey(ctx, {
          name: body.name,
          permissions: body.permissions,
          expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
        }),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/api-keys/:id',
      tag: 'api-keys',
      status: 204,
      summary: 'Revoke an API key',
      handler: ({ ctx, params }) => revokeApiKey(ctx, params.id!),
    }),
  ];
}
