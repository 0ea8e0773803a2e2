/**
 * @module tests/security/support/policy
 * The declared access policy: for every route, what a caller needs, written by hand from the guides
 * (docs/clients-and-workflow.md, commissions.md, partners.md, leads.md, notifications.md,
 * calendar-and-reminders.md, the permission table in configuration.md) — not read from the code.
 * Roles' permissions and scopes come from the firm's config at run time; what a scope covers is
 * declared here too (docs/architecture.md, "Scopes"). A route the app answers without an entry here
 * fails the matrix suite: a new endpoint must declare its policy.
 */

/** What a route requires. Several needs: any one suffices. */
export type Need =
  | 'public' // anyone, signed in or not
  | 'signed-in' // any signed-in caller (session or API key)
  | 'partner-portal' // a partner login whose user names a partner firm
  | 'lead-key' // a public source key (?key=bpk_…) from an allowed origin
  | `${string}:${string}`; // a permission, at any scope; `perm@scope` at that scope only

export interface RoutePolicy {
  need: Need[];
  /**
   * `client`: the route acts on one client (`:id`), so the matrix tries five clients per caller and
   * the permission's scope decides. Otherwise the route is checked once per caller.
   */
  object?: 'client';
  /** A note on where the rule is written down, or why the entry looks as it does. */
  why?: string;
  /** Internal data: a permission held only at scope `referred` (a partner's) does not count. */
  internal?: boolean;
}

const p = (...need: Need[]): RoutePolicy => ({ need });
const onClient = (...need: Need[]): RoutePolicy => ({ need, object: 'client' });

export const policy: Record<string, RoutePolicy> = {
  'GET /api/health': p('public'),
  'POST /api/auth/login': p('public'),
  'GET /api/auth/session': p('public'),
  'POST /api/auth/token': p('public'),
  'POST /api/auth/password-reset': { need: ['public'], why: 'the same 202 for any address; the e-mail is the check' },
  'POST /api/auth/password-reset/confirm': { need: ['public'], why: "the e-mailed link's token is the credential" },
  'POST /api/auth/logout': p('signed-in'),
  'GET /api/me': p('signed-in'),
  'GET /api/openapi.json': p('public'),
  'GET /api/docs': p('public'),

  'GET /api/units': p('units:read'),
  'POST /api/units': p('units:write'),
  'GET /api/units/:id': p('units:read'),
  'PATCH /api/units/:id': p('units:write'),
  'POST /api/units/:id/move': p('units:write'),
  'POST /api/units/:id/move/preview': p('units:write'),
  'GET /api/units/counts': p('units:read'),
  'GET /api/units/types': p('units:read'),
  'POST /api/units/:id/archive': p('units:write'),
  'GET /api/users': p('users:read'),
  'POST /api/users': p('users:write'),
  'GET /api/users/:id': p('users:read'),
  'PATCH /api/users/:id': p('users:write'),
  'POST /api/users/:id/move': p('users:write'),
  'GET /api/users/:id/memberships': p('users:read'),
  'GET /api/users/:id/commission-groups': p('users:read'),
  'POST /api/users/:id/commission-groups': p('users:write'),
  'POST /api/users/:id/disable': p('users:write'),
  'POST /api/users/:id/enable': p('users:write'),
  'POST /api/users/:id/unlock': p('users:write'),
  'POST /api/users/:id/invite': p('users:write'),
  'POST /api/users/:id/password-reset': p('users:write'),
  'GET /api/commission-groups': p('users:read'),
  'GET /api/units/:id/memberships': p('users:read'),
  'PUT /api/users/:id/password': { need: ['users:write'], why: "another user's password: administrators only" },
  'GET /api/roles': p('roles:read'),
  'GET /api/api-keys': p('apikeys:write'),
  'POST /api/api-keys': p('apikeys:write'),
  'DELETE /api/api-keys/:id': p('apikeys:write'),
  'GET /api/audit': p('audit:read'),
  'GET /api/config': p('config:read'),
  'GET /api/config/schema': p('config:read'),
  'GET /api/config/versions': p('config:read'),
  'GET /api/config/versions/:n': p('config:read'),
  'POST /api/config/validate': p('config:write'),
  'PUT /api/config': p('config:write'),
  'POST /api/config/rollback': p('config:write'),

  'GET /api/clients/schema': p('clients:read'),
  'GET /api/clients/summary': p('clients:read'),
  'POST /api/clients/assign': p('clients:assign'),
  'GET /api/clients': p('clients:read'),
  'POST /api/clients': p('clients:write'),
  'GET /api/clients/:id': onClient('clients:read'),
  'PATCH /api/clients/:id': onClient('clients:write'),
  'GET /api/workflow': { need: ['signed-in'], why: "the firm's statuses and moves, no client data" },
  'GET /api/clients/:id/transitions': onClient('clients:read'),
  'POST /api/clients/:id/transitions': onClient('clients:write'),
  'POST /api/clients/:id/transitions/preview': onClient('clients:write'),
  'GET /api/clients/:id/timeline': onClient('clients:read'),
  'POST /api/clients/:id/activities': onClient('clients:write'),
  'GET /api/clients/:id/consents': onClient('clients:read'),
  'POST /api/clients/:id/consents': onClient('clients:write'),
  'POST /api/clients/duplicates': { need: ['clients:write'], why: 'the new-client form: creators only' },
  'GET /api/clients/:id/tasks': {
    need: ['clients:read'],
    object: 'client',
    internal: true,
    why: 'the card: tasks of calendars you may read (an empty list without calendar:read)',
  },
  'GET /api/gdpr/register': { need: ['config:read'], why: 'the Art. 30 register: purposes, data, recipients' },
  'GET /api/reports/advisor-activity': p('reports:read'),

  'GET /api/calendar': p('calendar:read'),
  'GET /api/calendar/people': p('calendar:read'),
  'GET /api/calendar/overdue': p('calendar:read'),
  'POST /api/calendar/items': p('calendar:write'),
  'POST /api/calendar/delegate': p('calendar:write'),
  'GET /api/calendar/items/:id': p('calendar:read'),
  'PATCH /api/calendar/items/:id': p('calendar:write'),
  'POST /api/calendar/items/:id/move': p('calendar:write'),
  'POST /api/calendar/items/:id/complete': p('calendar:write'),
  'POST /api/calendar/items/:id/cancel': p('calendar:write'),
  'POST /api/calendar/items/:id/skip': p('calendar:write'),
  'GET /api/calendar/items/:id/reminders': p('calendar:read'),
  'POST /api/calendar/feed-token': p('calendar:read'),
  'DELETE /api/calendar/feed-token': { need: ['signed-in'], why: 'revoking your own feed link needs no permission' },
  'GET /api/calendar/feed/:file': { need: ['public'], why: 'the secret feed token in the file name is the credential' },

  'GET /api/notifications': p('notifications:read'),
  'GET /api/notifications/dead': p('notifications:read'),
  'POST /api/notifications/:id/retry': p('notifications:retry'),
  'POST /api/notifications/:id/cancel': p('notifications:retry'),

  'OPTIONS /api/leads': p('public'),
  'OPTIONS /api/leads/form': p('public'),
  'POST /api/leads': p('lead-key', 'leads:write'),
  'GET /api/leads/form': p('lead-key'),
  'GET /api/lead-sources': p('apikeys:write'),
  'POST /api/lead-sources': p('apikeys:write'),
  'DELETE /api/lead-sources/:id': p('apikeys:write'),
  'POST /api/lead-sources/:id/rotate': p('apikeys:write'),
  'GET /api/referral-conflicts': p('clients:assign'),
  'POST /api/referral-conflicts/:id/resolve': p('clients:assign'),

  'GET /api/partners': p('partners:read'),
  'GET /api/partner-options': p('partners:read'),
  'POST /api/partners': p('partners:write'),
  'GET /api/partners/:id': p('partners:read'),
  'PATCH /api/partners/:id': p('partners:write'),
  'GET /api/partners/:id/people': p('partners:read'),
  'POST /api/partners/:id/people': p('partners:write'),
  'PATCH /api/partners/:id/people/:personId': p('partners:write'),
  'POST /api/partners/:id/people/:personId/login': p('partners:write'),
  'GET /api/partners/:id/reports': p('partners:read'),
  'PUT /api/partners/:id/reports': p('partners:write'),
  'POST /api/partners/:id/reports/send': p('partners:write'),
  'GET /api/partner-portal/me': p('partner-portal'),
  'GET /api/partner-portal/clients': p('partner-portal'),
  'GET /api/partner-portal/clients/:id': p('partner-portal'),
  'GET /api/partner-portal/referral-form': p('partner-portal'),
  'POST /api/partner-portal/referrals': p('partner-portal'),
  'GET /api/delivery-reports/smsapi': { need: ['public'], why: "the gateway's secret in the URL is the credential" },
  'POST /api/delivery-reports/smsapi': { need: ['public'], why: "the gateway's secret in the URL is the credential" },
  'POST /api/delivery-reports/twilio': { need: ['public'], why: "Twilio's signature is the credential" },

  'GET /api/commission-rule-sets': { need: ['commissions:read'], why: 'version summaries only, no rates' },
  'POST /api/commission-rule-sets': p('commissions:rules'),
  'GET /api/commission-rule-sets/:version': {
    need: ['commissions:rules', 'commissions:read@all'],
    why: "a whole rule set is the firm's rates: business secret (core/commissions/products/rule-sets.ts)",
  },
  'GET /api/commission-products': { need: ['signed-in'], why: 'the catalogue of banks and products, no figures' },
  'PUT /api/commission-products': p('commissions:rules'),
  'GET /api/commission-rule-draft': p('commissions:rules'),
  'POST /api/commission-rule-draft': p('commissions:rules'),
  'PUT /api/commission-rule-draft': p('commissions:rules'),
  'POST /api/commission-rule-draft/discard': p('commissions:rules'),
  'GET /api/commission-rule-draft/diff': p('commissions:rules'),
  'GET /api/commission-rule-draft/simulation': {
    need: ['commissions:rules'],
    why: 'the sales and lines counted are those the caller may read (commissions:read)',
  },
  'POST /api/commission-rule-draft/publish': p('commissions:rules'),
  'GET /api/sales': p('commissions:read'),
  'GET /api/sales/:id': p('commissions:read'),
  'POST /api/sales/:id/cancel': p('commissions:correct'),
  'GET /api/commission-lines': p('commissions:read'),
  'GET /api/commission-lines/facets': p('commissions:read'),
  'POST /api/commission-lines/:id/correct': p('commissions:correct'),
  'POST /api/commission-lines/:id/adjust': p('commissions:correct'),
  'POST /api/commission-lines/approve': p('commissions:approve'),
  'GET /api/commission-periods': p('commissions:read'),
  'POST /api/commission-periods/close': p('settlements:close'),
  'GET /api/statements': p('settlements:read'),
  'GET /api/pending-statements': p('settlements:read'),
  'GET /api/statements/:ref': p('settlements:read'),
  'GET /api/reconciliation/imports': { need: ['settlements:close@all'], why: 'docs/commissions.md: back office' },
  'POST /api/reconciliation/imports': { need: ['settlements:close@all'], why: 'docs/commissions.md: back office' },
  'GET /api/reconciliation/imports/:id': { need: ['settlements:close@all'], why: 'docs/commissions.md: back office' },
  'POST /api/reconciliation/imports/:id/undo': { need: ['settlements:close@all'], why: 'docs/commissions.md' },
  'POST /api/reconciliation/rows/:id/resolve': { need: ['settlements:close@all'], why: 'docs/commissions.md' },
  'GET /api/reconciliation/reports/:provider/:period': { need: ['settlements:close@all'], why: 'docs/commissions.md' },

  'POST /api/imports/uploads': { need: ['clients:import'], why: 'docs/import.md' },
  'POST /api/imports/uploads/:id/dry-run': { need: ['clients:import'], why: 'docs/import.md: the uploader only' },
  'POST /api/imports': { need: ['clients:import'], why: 'docs/import.md' },
  'GET /api/imports': { need: ['clients:import'], why: 'docs/import.md' },
  'GET /api/imports/:id': { need: ['clients:import'], why: 'docs/import.md' },
  'GET /api/imports/:id/progress': { need: ['clients:import'], why: 'docs/import.md' },
  'POST /api/imports/:id/undo': { need: ['clients:import'], why: 'docs/import.md' },

  'GET /api/reports': { need: ['signed-in'], why: 'the catalogue of report types, no figures' },
  'GET /api/reports/:ref': p('reports:read'),
  'GET /api/exports/clients': p('clients:export'),
  'GET /api/exports/activities': p('clients:export'),
  'GET /api/exports/calendar': p('calendar:export'),
  'GET /api/exports/sales': p('commissions:export'),
  'GET /api/exports/commission-lines': p('commissions:export'),
  'GET /api/exports/reports/:type': { need: ['reports:export'], why: 'docs/reports.md, exports table' },
  'GET /api/export-jobs/:id': { need: ['signed-in'], why: 'your own export job; its id is the secret' },
  'GET /api/export-jobs/:id/file': { need: ['signed-in'], why: 'your own export job; its id is the secret' },
  'GET /api/report-subscriptions': { need: ['signed-in'], why: 'your own subscriptions (none without reports:export)' },
  'POST /api/report-subscriptions': p('reports:export'),
  'DELETE /api/report-subscriptions/:id': p('reports:export'),

  'GET /api/users/:id/compliance': { need: ['compliance:read'], why: "docs/compliance.md: scoped by the user's unit" },
  'PUT /api/users/:id/compliance/registration': p('compliance:write'),
  'POST /api/users/:id/compliance/policies': p('compliance:write'),
  'DELETE /api/users/:id/compliance/policies/:policyId': p('compliance:write'),
  'POST /api/users/:id/compliance/trainings': p('compliance:write'),
  'DELETE /api/users/:id/compliance/trainings/:trainingId': p('compliance:write'),
  'GET /api/compliance/lapsing': p('compliance:read'),
  'GET /api/clients/:id/disclosures': onClient('clients:read'),
  'POST /api/clients/:id/disclosures': onClient('clients:write'),
  'GET /api/gdpr/requests': p('gdpr:manage'),
  'POST /api/gdpr/requests': p('gdpr:manage'),
  'GET /api/gdpr/requests/:id': p('gdpr:manage'),
  'POST /api/gdpr/requests/:id/extend': p('gdpr:manage'),
  'POST /api/gdpr/requests/:id/close': p('gdpr:manage'),
  'GET /api/gdpr/requests/:id/export': p('gdpr:manage'),
  'GET /api/gdpr/requests/:id/erasure-preview': p('gdpr:manage'),
  'POST /api/gdpr/requests/:id/execute': p('gdpr:manage'),
  'DELETE /api/gdpr/clients/:id/limits/:kind': {
    need: ['gdpr:manage'],
    object: 'client',
    why: 'docs/data-subject-requests.md: a client in your gdpr:manage scope',
  },
  'GET /api/gdpr/retention': p('gdpr:manage'),
  'GET /api/gdpr/retention/runs': p('gdpr:manage'),
  'GET /api/disclosures/:ref': { need: ['clients:read'], why: 'a disclosure of a client in your clients:read scope' },
  'POST /api/disclosures/:id/delivery': { need: ['clients:write'], why: 'docs/compliance.md: clients:write' },

  'GET /api/commission-inquiries': p('commissions:read'),
  'GET /api/commission-inquiries/:id': p('commissions:read'),
  'POST /api/commission-lines/:id/inquiries': p('commissions:read'),
  'GET /api/commission-lines/:id/history': p('commissions:read'),
  'POST /api/statements/:id/inquiries': p('settlements:read'),
  'POST /api/commission-inquiries/:id/answer': p('commissions:correct'),
  'POST /api/commission-inquiries/:id/correct': p('commissions:correct'),
  'POST /api/commission-inquiries/:id/reject': p('commissions:correct'),
};

/** The facts of a client that scopes look at. */
export interface ClientFacts {
  ownerId: string | null;
  unitId: string | null;
  partnerId: string | null;
}
/** The facts of a caller that scopes look at. */
export interface CallerFacts {
  userId: string;
  unitId: string | null;
  partnerId: string | null;
  /** The caller's unit and every unit below it. */
  subtree: Set<string>;
  /** The caller and their direct reports. */
  team: Set<string>;
}

/** Does one scope cover one client? (docs/architecture.md, "Scopes") */
export function covers(scope: string, who: CallerFacts, c: ClientFacts): boolean {
  switch (scope) {
    case 'all':
      return true;
    case 'subtree':
      return !!c.unitId && who.subtree.has(c.unitId);
    case 'unit':
      return !!c.unitId && c.unitId === who.unitId;
    case 'team':
      return !!c.ownerId && who.team.has(c.ownerId);
    case 'own':
      return !!c.ownerId && c.ownerId === who.userId;
    case 'referred':
      return !!who.partnerId && c.partnerId === who.partnerId;
    default:
      return false;
  }
}
