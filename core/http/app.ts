/**
 * @module http/app
 * `createHttpApi(crm)` — the CRM's HTTP API as a Hono app that a firm can serve on its own or mount
 * inside its existing server (`app.route('/crm', createHttpApi(crm))`).
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { Crm } from '../crm.ts';
import { apiHeaders } from './api-headers.ts';
import { authenticate } from './auth.ts';
import { requestBodyLimit } from './body-limit.ts';
import type { HttpEnv } from './env.ts';
import { errorResponse } from './errors.ts';
import { buildOpenApi } from './openapi.ts';
import { fastMe } from './fast-me.ts';
import { liveApi, type BuiltApi } from './live-api.ts';
import { REFERENCE_PAGE_CSP, referencePage } from './reference-page.ts';
import { MAX_BODY_BYTES } from './read-body.ts';
import { healthSchema } from './responses.ts';
import { defineRoute, mountRoutes, type AnyRoute } from './route.ts';
import { apiKeyRoutes } from './routes/api-keys.ts';
import { auditRoutes } from './routes/audit.ts';
import { peopleRoutes } from './routes/people.ts';
import { calendarRoutes } from './routes/calendar.ts';
import { clientRoutes } from './routes/clients.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { orgRoutes } from './routes/org.ts';
import { meAnswer, sessionRoutes } from './routes/session.ts';
import { passwordResetRoutes } from './routes/password-reset.ts';
import { deliveryReportRoutes, type DeliveryReportSecrets } from './routes/delivery-reports.ts';
import { workflowRoutes } from './routes/workflow.ts';
import { leadRoutes } from './routes/leads.ts';
import { partnerRoutes } from './routes/partners.ts';
import { commissionRoutes } from './routes/commissions.ts';
import { commissionRuleDraftRoutes } from './routes/commission-rule-drafts.ts';
import { reportRoutes } from './routes/reports.ts';
import { exportRoutes } from './routes/exports.ts';
import { importRoutes } from './routes/imports.ts';
import { reconciliationRoutes } from './routes/reconciliation.ts';
import { complianceRoutes } from './routes/compliance.ts';
import { inquiryRoutes } from './routes/commission-inquiries.ts';
import { gdprRoutes } from './routes/gdpr.ts';
import { consentRoutes } from './routes/consents.ts';
import { registerRoutes } from './routes/register.ts';
import { commissionPreviewRoutes } from './routes/commission-preview.ts';
import { configRoutes } from './routes/config.ts';

export interface HttpApiOptions {
  /** Extra routes (from later modules or the firm's own code), declared with `defineRoute`. */
  routes?: AnyRoute[];
  /** Where unexpected errors are logged (default console.error). */
  log?: (error: unknown) => void;
  version?: string;
  /**
   * Origins allowed to call the API from a browser with a bearer token (widgets embedded on another
   * site). Cookies are never sent cross-origin. Default: `CRM_CORS_ORIGINS` (comma-separated) or none.
   */
  corsOrigins?: string[];
  /** The SMS gateways' callback secrets (default from the environment: see `routes/delivery-reports.ts`). */
  deliveryReports?: DeliveryReportSecrets;
}

/**
 * @example
 * const crm = await createCrm({ config: './crm.config.json' });
 * serve({ fetch: createHttpApi(crm).fetch, port: 3000 });
 */
export function createHttpApi(crm: Crm, options: HttpApiOptions = {}): Hono<HttpEnv> {
  // Built again from the new configuration when an admin saves one (live-api.ts): no restart.
  return liveApi(crm, () => buildHttpApi(crm, options), options.log ?? ((e) => console.error(e)));
}

function buildHttpApi(crm: Crm, options: HttpApiOptions): BuiltApi {
  const app = new Hono<HttpEnv>();
  const version = options.version ?? '0.1.0';
  const me = meAnswer(crm);
  const routes: AnyRoute[] = [
    defineRoute({
      method: 'get',
      path: '/api/health',
      response: healthSchema,
      tag: 'meta',
      auth: 'public',
      summary: 'Liveness and database check (the database kind and version only for a signed-in caller)',
      async handler({ ctx }) {
        await crm.database.raw('SELECT 1');
        return ctx ? { status: 'ok', database: crm.database.dialect, version } : { status: 'ok' };
      },
    }),
    ...sessionRoutes(crm, me),
    ...passwordResetRoutes(crm),
    ...deliveryReportRoutes(crm, options.deliveryReports),
    ...orgRoutes(crm),
    ...peopleRoutes(),
    ...apiKeyRoutes(),
    ...clientRoutes(crm),
    ...workflowRoutes(crm),
    ...commissionPreviewRoutes(crm),
    ...calendarRoutes(crm),
    ...notificationRoutes(),
    ...leadRoutes(crm),
    ...partnerRoutes(crm),
    ...commissionRoutes(crm),
    ...commissionRuleDraftRoutes(crm),
    ...reportRoutes(crm),
    ...exportRoutes(crm),
    ...importRoutes(crm),
    ...reconciliationRoutes(crm),
    ...complianceRoutes(),
    ...inquiryRoutes(),
    ...gdprRoutes(),
    ...auditRoutes(),
    ...consentRoutes(),
    ...registerRoutes(),
    ...configRoutes(),
    ...(options.routes ?? []),
  ];
  const openapi = buildOpenApi(routes, { title: `${crm.config.firm.name} — broker-crm API`, version });

  app.onError((err, c) => errorResponse(err, c, options.log));
  // Security headers on every answer: JSON answers carry them prebuilt (api-headers.ts), others get them set.
  app.use('/api/*', apiHeaders());
  const origins =
    options.corsOrigins ??
    (process.env.CRM_CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
  if (origins.length) {
    // Lead intake answers its own preflights: each public source key has its own allowed origins.
    const apiCors = cors({
      origin: origins,
      allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
      credentials: false,
      maxAge: 600,
    });
    app.use('/api/*', async function crossOrigin(c, next) {
      return c.req.path.startsWith('/api/leads') ? next() : apiCors(c, next);
    });
  }
  // A spreadsheet upload has its own limit (50 MB, core/import), read by its route.
  // Compared from the headers (only a chunked body is counted as it streams): see body-limit.ts.
  const apiBodyLimit = requestBodyLimit(MAX_BODY_BYTES);
  app.use('/api/*', async function limitBody(c, next) {
    return c.req.path.endsWith('/api/imports/uploads') ? next() : apiBodyLimit(c, next);
  });
  app.use('/api/*', authenticate(crm));
  // The document is fixed once the app is built: serialise it (and its reference page) once, not per request.
  const openapiText = JSON.stringify(openapi);
  const referenceHtml = referencePage(openapi);
  app.get('/api/openapi.json', (c) => c.body(openapiText, 200, { 'content-type': 'application/json' }));
  app.get('/api/docs', (c) => {
    c.header('content-security-policy', REFERENCE_PAGE_CSP);
    return c.html(referenceHtml);
  });
  mountRoutes(app, routes);
  app.all('/api/*', (c) =>
    c.json(
      { error: { code: 'not_found', message: `No endpoint ${c.req.method} ${new URL(c.req.url).pathname}` } },
      404,
    ),
  );
  // A cookie's GET /api/me is answered before the router, with the route's text (fast-me.ts); not with CORS on.
  return { app, early: origins.length ? undefined : fastMe(crm, me) };
}
