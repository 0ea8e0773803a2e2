/**
 * @module http/responses
 * JSON Schemas of what the API answers, shared by the route declarations (`response:`) and so by the
 * OpenAPI document. They describe the objects the core returns (units, users, sales, commission
 * lines…), name the fields every answer carries in `required`, and leave objects open: a field added
 * later is not a breaking change. `tests/openapi-responses.test.ts` validates real answers of a demo
 * firm against them.
 */
import type { FirmConfig } from '../firm/index.ts';
import { leadSchemas } from '../leads/index.ts';

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const bool = { type: 'boolean' } as const;
const date = { type: 'string', format: 'date-time' } as const;
const nStr = { type: ['string', 'null'] } as const;
const nDate = { type: ['string', 'null'], format: 'date-time' } as const;
const nInt = { type: ['integer', 'null'] } as const;
const label = {
  type: 'object',
  properties: { pl: str, en: str },
  required: ['pl', 'en'],
  examples: [{ pl: 'Oddział', en: 'Branch' }],
} as const;

/** `{ type: 'object', properties, required: every key }`. */
export function object<P extends Record<string, unknown>>(properties: P, optional: readonly (keyof P)[] = []) {
  return {
    type: 'object',
    properties,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
  } as const;
}

/** `{ items: [...] }`, the shape of every list answer (plus `extra` fields such as `nextCursor`). */
export function list<S>(item: S, extra: Record<string, unknown> = {}) {
  return object({ items: { type: 'array', items: item }, ...extra });
}

export const okSchema = object({ ok: { const: true } });

/** `database` and `version` only for a signed-in caller: an anonymous one learns nothing about the stack. */
export const healthSchema = object(
  {
    status: { type: 'string', examples: ['ok'] },
    database: { type: 'string', enum: ['sqlite', 'postgres'] },
    version: str,
  },
  ['database', 'version'],
);

export const unitSchema = object({
  id: str,
  code: { type: 'string', examples: ['GDA-01'] },
  name: { type: 'string', examples: ['Gdańsk Wrzeszcz'] },
  type: { type: 'string', examples: ['own-branch'] },
  parentId: nStr,
  path: str,
  groups: { type: 'array', items: str },
  city: nStr,
  createdAt: date,
  updatedAt: date,
  archivedAt: nDate,
});

export const userSchema = object({
  id: str,
  email: { type: 'string', examples: ['anna.nowak@example.pl'] },
  name: { type: 'string', examples: ['Anna Nowak'] },
  phone: nStr,
  roles: { type: 'array', items: { type: 'string', examples: ['advisor'] } },
  commissionGroup: nStr,
  supervisorId: nStr,
  knfNumber: nStr,
  partnerId: nStr,
  disabled: bool,
  unitId: nStr,
  createdAt: date,
  updatedAt: date,
});

const scopeList = { type: 'array', items: { type: 'string', examples: ['own'] } } as const;

export const roleSchema = object({
  id: { type: 'string', examples: ['advisor'] },
  label,
  permissions: { type: 'object', additionalProperties: str },
  partner: bool,
});

/** `GET /api/auth/session`: what a sign-in page shows before anyone signs in. */
export const sessionStateSchema = object({
  signedIn: { type: 'boolean' },
  firm: object(
    {
      name: { type: 'string', examples: ['Kredyt-Dom Doradcy Finansowi sp. z o.o.'] },
      locale: { type: 'string', enum: ['pl-PL', 'en-GB'] },
      logo: { type: 'string', examples: ['/examples/intranet/logo.svg'] },
    },
    ['logo'],
  ),
});

export const meSchema = object({
  user: { anyOf: [userSchema, { type: 'null' }] },
  via: { type: 'string', examples: ['session'] },
  roles: { type: 'array', items: object({ id: str, label }) },
  unitIds: { type: 'array', items: str },
  permissions: { type: 'object', additionalProperties: scopeList },
  csrfToken: nStr,
  firm: object({
    name: str,
    timeZone: { type: 'string', examples: ['Europe/Warsaw'] },
    locale: str,
    currency: { type: 'string', examples: ['PLN'] },
  }),
});

export const sessionSchema = object({ user: userSchema, csrfToken: str, expiresAt: date });
export const tokenSchema = object({ token: str, expiresAt: date, user: userSchema });

export const apiKeySchema = object({
  id: str,
  prefix: { type: 'string', examples: ['bck_ab12cd34'] },
  name: str,
  userId: str,
  permissions: { type: 'array', items: { type: 'string', examples: ['leads:write'] } },
  createdAt: date,
  expiresAt: nDate,
  revokedAt: nDate,
  lastUsedAt: nDate,
});

/** A new key: the secret `key` is shown once. */
export const newApiKeySchema = object({ ...apiKeySchema.properties, key: { type: 'string', examples: ['bck_…'] } });

export const partnerSchema = object({
  id: str,
  name: { type: 'string', examples: ['Biuro Nieruchomości Przystań'] },
  type: str,
  nip: nStr,
  address: { type: ['object', 'null'], properties: { street: str, postalCode: str, city: str } },
  contactEmails: { type: 'array', items: str },
  commissionGroup: nStr,
  internalUserId: nStr,
  archived: bool,
  createdAt: date,
  updatedAt: date,
});

export const leadSourceSchema = object({
  id: str,
  key: { type: 'string', examples: ['bpk_…'] },
  name: str,
  clientType: str,
  source: str,
  origins: { type: 'array', items: { type: 'string', examples: ['https://kredyt-dom.example'] } },
  partnerId: nStr,
  createdBy: nStr,
  createdAt: date,
  revokedAt: nDate,
});

export const notificationSchema = object({
  id: str,
  channel: { type: 'string', enum: ['sms', 'email'] },
  purpose: str,
  recipient: str,
  subject: nStr,
  summary: nStr,
  attachments: { type: 'array' },
  status: { type: 'string', examples: ['pending'] },
  attempts: int,
  dueAt: date,
  nextAttemptAt: nDate,
  sentAt: nDate,
  lastError: nStr,
  skipReason: nStr,
  provider: nStr,
  providerMessageId: nStr,
  providerStatus: nStr,
  costMinor: nInt,
});

export const notificationPageSchema = list(notificationSchema, { next: nStr });

export const calendarPersonSchema = object({ id: str, name: str, unitId: nStr, supervisorId: nStr, me: bool });

export const ruleSetSummarySchema = object({
  version: int,
  uploadedAt: date,
  uploadedBy: nStr,
  ruleCount: int,
  description: nStr,
});

export const productsSchema = object({
  providers: {
    type: 'array',
    items: object({
      id: str,
      name: str,
      kind: str,
      details: { type: 'array', items: str },
      products: { type: 'array', items: object({ id: str, name: str, category: str }) },
    }),
  },
});

export const saleSchema = object({
  id: str,
  clientId: str,
  historyId: nStr,
  advisorId: str,
  unitId: nStr,
  partnerId: nStr,
  provider: str,
  product: str,
  productCategory: str,
  amountMinor: { type: 'integer', description: 'Grosze', examples: [45000000] },
  saleDate: { type: 'string', examples: ['2026-03-02'] },
  ruleSetVersion: nInt,
  facts: { type: 'object' },
  status: { type: 'string', examples: ['active'] },
  cancellation: { type: ['object', 'null'] },
  createdBy: nStr,
  createdAt: date,
});

export const commissionLineSchema = object(
  {
    id: str,
    saleId: str,
    ledger: str,
    component: str,
    kind: str,
    status: { type: 'string', examples: ['pending'] },
    beneficiaryKind: str,
    beneficiaryId: str,
    amountMinor: { type: 'integer', description: 'Grosze' },
    originalMinor: int,
    correctionReason: nStr,
    correctedBy: nStr,
    correctedAt: nDate,
    missing: bool,
    ruleId: nStr,
    ruleVersion: nInt,
    explanation: { type: ['object', 'null'] },
    period: { type: 'string', examples: ['2026-03'] },
    relatesTo: nStr,
    ownerId: nStr,
    unitId: nStr,
    partnerId: nStr,
    approvedBy: nStr,
    approvedAt: nDate,
    createdAt: date,
    sale: { type: 'object' },
  },
  ['sale'],
);

export const periodSchema = object({
  ledger: str,
  period: { type: 'string', examples: ['2026-03'] },
  closed: bool,
  closedAt: nDate,
  lines: int,
  pending: int,
  totalMinor: int,
});

export const clientSummarySchema = object({
  byStatus: { type: 'object', additionalProperties: int },
  total: int,
});

export const reportSubscriptionSchema = object({
  id: str,
  userId: str,
  report: { type: 'string', examples: ['advisor-activity'] },
  params: { type: 'object' },
  frequency: { type: 'string', examples: ['monthly'] },
  emails: { type: 'array', items: str },
  locale: { type: 'string', examples: ['pl'] },
  active: bool,
  lastPeriodEnd: nStr,
  createdAt: date,
});

export const reportSubscriptionsSchema = list(reportSubscriptionSchema, {
  types: { type: 'array', items: object({ id: str, title: label }) },
});

export const workflowSchema = object({
  statuses: {
    type: 'object',
    additionalProperties: object({ label, initial: bool, terminal: bool, sale: bool, color: str }, [
      'color',
      'initial',
      'terminal',
      'sale',
    ]),
  },
  transitions: { type: 'array', items: object({ from: { type: ['string', 'array'], items: str }, to: str }) },
  reopen: { type: 'array', items: object({ from: { type: ['string', 'array'], items: str }, to: str }) },
  fields: { type: 'object' },
});

export const membershipSchema = object({
  id: str,
  userId: str,
  unitId: str,
  validFrom: date,
  validTo: nDate,
  note: nStr,
  createdBy: nStr,
});

export const calendarItemSchema = object(
  {
    id: str,
    kind: { type: 'string', examples: ['meeting'] },
    title: { type: 'string', examples: ['Spotkanie: oferta kredytu hipotecznego'] },
    note: nStr,
    assigneeId: str,
    unitId: nStr,
    createdById: nStr,
    delegatedById: nStr,
    clientId: nStr,
    place: nStr,
    onlineUrl: nStr,
    startAt: date,
    endAt: nDate,
    localStart: nStr,
    zone: { type: 'string', examples: ['Europe/Warsaw'] },
    durationMinutes: nInt,
    rrule: nStr,
    status: { type: 'string', examples: ['planned'] },
    version: int,
    createdAt: date,
    updatedAt: date,
  },
  [
    'unitId',
    'createdById',
    'delegatedById',
    'clientId',
    'note',
    'place',
    'onlineUrl',
    'startAt',
    'endAt',
    'localStart',
    'zone',
    'durationMinutes',
    'rrule',
  ],
);

/** What creating or changing an item answers: the item, double bookings, DST notes and planned reminders. */
export const itemResultSchema = object({
  item: calendarItemSchema,
  conflicts: { type: 'array', items: { type: 'object' } },
  timeNotes: { type: 'array', items: { type: 'object' } },
  reminders: { type: 'array', items: { type: 'object' } },
});

export const completeResultSchema = object({ item: calendarItemSchema, activityId: nStr });

/** One entry of the calendar window: an item or one occurrence of a recurring item. */
export const calendarEntrySchema = object({
  key: str,
  itemId: str,
  kind: { type: 'string', examples: ['meeting'] },
  title: str,
  start: date,
  end: date,
  localStart: { type: 'string', examples: ['2026-03-02T10:00'] },
  zone: { type: 'string', examples: ['Europe/Warsaw'] },
  recurring: bool,
  status: str,
});

export const reminderSchema = object({ to: nStr, outbox: { type: ['object', 'null'] } });

export const feedTokenSchema = object({
  token: str,
  path: { type: 'string', examples: ['/api/calendar/feed/abc.ics'] },
  createdAt: date,
  url: { type: 'string', examples: ['https://crm.example.pl/api/calendar/feed/abc.ics'] },
});

export const advisorActivitySchema = object({
  from: date,
  to: date,
  advisors: {
    type: 'array',
    items: object({
      userId: str,
      name: str,
      statusChanges: int,
      sales: int,
      activities: int,
      byStatus: { type: 'object', additionalProperties: int },
      byActivityType: { type: 'object', additionalProperties: int },
    }),
  },
});

export const transitionsSchema = object({
  status: str,
  version: int,
  transitions: {
    type: 'array',
    items: object(
      { to: str, kind: str, label, sale: bool, terminal: bool, noteRequired: bool, fields: { type: 'object' } },
      ['sale', 'terminal', 'fields'],
    ),
  },
});

export const timelineSchema = list(
  object({ kind: { type: 'string', examples: ['status'] }, id: str, at: date, actor: { type: ['object', 'null'] } }, [
    'actor',
  ]),
  { nextCursor: nStr },
);

/** What recording a status change or an activity answers: the new row (and the client's new version). */
export const recordedSchema = object({ id: str }, []);

export const partnerOptionsSchema = object({
  types: {
    type: 'array',
    items: object({ id: { type: 'string', examples: ['real-estate-agency'] }, label, internal: bool }),
  },
  commissionGroups: { type: 'array', items: object({ id: { type: 'string', examples: ['partner-standard'] }, label }) },
});

export const partnerPersonSchema = object({
  id: str,
  partnerId: str,
  name: str,
  email: nStr,
  phone: nStr,
  userId: nStr,
  archived: bool,
  createdAt: date,
});

export const partnerSubscriptionSchema = object({
  id: str,
  partnerId: str,
  frequency: { type: 'string', examples: ['monthly'] },
  emails: { type: 'array', items: str },
  locale: { type: 'string', examples: ['pl'] },
  active: bool,
  lastPeriodEnd: nStr,
  createdAt: date,
});

export const leadFormSchema = object({
  token: str,
  honeypot: { type: 'string', examples: ['website'] },
  kind: { type: 'string', examples: ['person'] },
  fields: {
    type: 'array',
    items: object({ name: str, type: str, label, required: bool }),
  },
  consents: {
    type: 'array',
    items: object({ purpose: str, version: str, required: bool, text: label }),
  },
});

export const leadReceiptSchema = object({
  id: str,
  reference: { type: 'string', examples: ['L-B51C2F3D08'] },
  received: { const: true },
});

export const statementSummarySchema = object({
  id: str,
  number: { type: 'string', examples: ['D/2026/03/0001'] },
  ledger: str,
  period: { type: 'string', examples: ['2026-03'] },
  recipientKind: str,
  recipientId: str,
  recipientName: str,
  revision: int,
  totalMinor: int,
  lineCount: int,
  contentHash: str,
  createdAt: date,
  supersededAt: nDate,
});

export const statementSchema = object({
  ...statementSummarySchema.properties,
  document: { type: 'object' },
  pdfHash: nStr,
  xlsxHash: nStr,
});

export const periodCloseSchema = object({
  ledger: str,
  period: str,
  statements: { type: 'array', items: statementSummarySchema },
});

export const reportCatalogSchema = list(
  object({ id: str, title: label, description: label, groupBys: { type: 'array', items: str }, needsUser: bool }),
);

export const ruleSetStoredSchema = object(
  { version: int, uploadedAt: date, uploadedBy: nStr, ruleCount: int, description: str },
  ['description'],
);

export const ruleSetSchema = object({ rules: { type: 'array', items: { type: 'object' } } }, []);

export const approvalSchema = object({
  approved: { type: 'array', items: str },
  alreadyApproved: { type: 'array', items: str },
  statements: { type: 'array', items: statementSummarySchema },
});

const named = object({ id: str, name: str });
const nNamed = { anyOf: [named, { type: 'null' }] } as const;
const conflictReferral = object({
  leadId: nStr,
  partner: object({ id: str, name: { type: 'string', examples: ['Bursztyn Nieruchomości'] } }),
  representative: nNamed,
  referredAt: date,
  protectionEndsAt: date,
  source: nStr,
  registeredBy: {
    anyOf: [
      object({ id: str, name: str, kind: { type: 'string', enum: ['user', 'api-key', 'form-key'] } }),
      { type: 'null' },
    ],
  },
});

/** A referral conflict as a manager sees it: the client (name within `clients:read` scope), both referrals. */
export const referralConflictSchema = object({
  id: str,
  clientId: str,
  keptPartnerId: str,
  claimingPartnerId: str,
  leadId: str,
  unitId: nStr,
  at: date,
  status: { type: 'string', enum: ['open', 'resolved'] },
  client: object({ id: str, name: { type: ['string', 'null'], examples: ['Ewa Polecona'] } }),
  owner: nNamed,
  // Always two: [the kept referral, the claim] (no minItems: the generated example shows one).
  referrals: { type: 'array', items: conflictReferral },
  resolvedAt: nDate,
  resolvedBy: nStr,
  note: nStr,
  decision: {
    anyOf: [
      object({
        winner: { type: ['string', 'null'], enum: ['first', 'second', null] },
        partner: nNamed,
        by: nNamed,
        at: date,
      }),
      { type: 'null' },
    ],
  },
});

export const referralConflictListSchema = list(referralConflictSchema);

export const referredClientSchema = object({
  id: str,
  reference: { type: 'string', examples: ['BN-2026-042'] },
  partnerReference: { type: ['string', 'null'], examples: ['BN-2026-042'] },
  code: { type: 'string', examples: ['K-1A2B3C4D'] },
  referredAt: date,
  status: str,
  statusLabel: { anyOf: [label, { type: 'null' }] },
  statusChanges: { type: 'array', items: object({ status: str, at: date }) },
  advisor: { type: ['object', 'null'], properties: { name: str } },
  branch: { type: ['object', 'null'], properties: { name: str } },
});

export const portalPartnerSchema = object({ id: str, name: str, type: str });

export const clientSchemaSchema = object({ fields: { type: 'object', additionalProperties: { type: 'object' } } });

export const assignResultSchema = object({ updated: int, ids: { type: 'array', items: str } });

/** The media type of XLSX files (statements, exports). */
export const XLSX_MEDIA = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' as const;

/**
 * The lead intake body as the firm's config shapes it: the envelope (kind, consents, partner, form
 * token) with `data` holding the client fields the config lets a lead carry, per kind of client.
 */
export function leadBody(config: FirmConfig) {
  const s = leadSchemas(config);
  const envelope = s.envelope as { properties: Record<string, unknown> };
  return {
    ...envelope,
    properties: { ...envelope.properties, data: { anyOf: Object.values(s.data).map((d) => d.schema) } },
  };
}

export const reportResultSchema = object({
  type: { type: 'string', examples: ['pipeline'] },
  title: label,
  params: { type: 'object' },
  table: { type: 'object' },
  charts: { type: 'array', items: { type: 'object' } },
  previous: { type: ['object', 'null'] },
});
