/**
 * @module workflow/config-schema
 * The `workflow` section of the firm configuration: statuses, the moves between them and who may
 * make them, the fields a move asks for, reopen rules for terminal statuses, and the kinds of
 * contact (activities) and their outcomes. Optional: a firm that leaves it out gets `defaultWorkflow`.
 */
import type { FromSchema } from 'json-schema-to-ts';

import { idSchema as id, labelSchema } from '../config/index.ts';
const fieldName = { type: 'string', pattern: '^[a-z][a-zA-Z0-9]*$', description: 'camelCase field name' } as const;
const idList = (what: string) =>
  ({ type: 'array', items: id, uniqueItems: true, minItems: 1, description: what }) as const;
const fromSpec = {
  description:
    'Statuses the move starts from: a list of ids, or "*" for every non-terminal status other than the target.',
  anyOf: [{ type: 'string', const: '*' }, idList('Status ids.')],
} as const;

/** A small JSON Schema for one value a move asks for; only keywords a form can render. */
const valueSchema = {
  type: 'object',
  description:
    'JSON Schema of the value (e.g. {"type":"integer","minimum":1} for an amount in grosze, ' +
    '{"type":"string","format":"date"} for a date).',
  properties: {
    type: { type: 'string', enum: ['string', 'integer', 'number', 'boolean'], description: 'JSON type of the value.' },
    format: { type: 'string', enum: ['date', 'date-time', 'email', 'uri'], description: 'Format of a string value.' },
    enum: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string' },
      description: 'The only values allowed (for a string: a pick list).',
    },
    minimum: { type: 'number', description: 'Smallest number allowed.' },
    maximum: { type: 'number', description: 'Largest number allowed.' },
    minLength: { type: 'integer', minimum: 0, description: 'Shortest string allowed.' },
    maxLength: { type: 'integer', minimum: 1, description: 'Longest string allowed.' },
    pattern: { type: 'string', description: 'Regular expression a string must match.' },
    description: { type: 'string', description: 'Help text shown beside the input.' },
  },
  required: ['type'],
  additionalProperties: false,
} as const;

const field = {
  type: 'object',
  description: 'A value a move can ask for (product, amount, date…), stored on the status-history row.',
  properties: {
    label: labelSchema,
    schema: valueSchema,
    financial: {
      type: 'boolean',
      default: false,
      description: 'Hidden from people without financial:read on the client (amounts).',
    },
    enumLabels: {
      type: 'object',
      description:
        'Labels of the values of a pick list ("enum"), keyed by value, e.g. {"withdrawal": {"pl": "Odstąpienie ' +
        'od umowy", "en": "Withdrawal"}}. A value without a label is shown as written.',
      additionalProperties: labelSchema,
    },
  },
  required: ['label', 'schema'],
  additionalProperties: false,
} as const;

const status = {
  type: 'object',
  description: 'One status a client can be in.',
  properties: {
    label: labelSchema,
    initial: { type: 'boolean', default: false, description: 'New clients start here. Exactly one status is initial.' },
    terminal: { type: 'boolean', default: false, description: 'The case is closed; only reopen rules lead out of it.' },
    sale: {
      type: 'boolean',
      default: false,
      description: "Entering this status is a sale: the commission engine proposes commissions from the move's fields.",
    },
    color: { type: 'string', pattern: '^#[0-9a-fA-F]{6}$', description: 'Colour for badges and charts, #rrggbb.' },
  },
  required: ['label'],
  additionalProperties: false,
} as const;

const transition = {
  type: 'object',
  description: 'A move from some statuses to one status.',
  properties: {
    from: fromSpec,
    to: id,
    label: labelSchema,
    roles: idList(
      'Roles that may make the move (besides clients:write on the client). Leave out to let anyone who may edit ' +
        'the client make it.',
    ),
    requires: {
      type: 'array',
      items: fieldName,
      uniqueItems: true,
      default: [],
      description: 'Fields (from `fields`) that must be given.',
    },
    noteRequired: { type: 'boolean', default: false, description: 'A note (reason) must be given.' },
  },
  required: ['from', 'to'],
  additionalProperties: false,
} as const;

const reopen = {
  type: 'object',
  description: 'A way back out of a terminal status.',
  properties: {
    from: fromSpec,
    to: id,
    roles: idList('Roles that may reopen. Leave out to let anyone who may edit the client reopen.'),
    requires: {
      type: 'array',
      items: fieldName,
      uniqueItems: true,
      default: [],
      description:
        'Fields (from `fields`) that must be given. Leaving a sale status cancels the sale: require ' +
        '`cancellationKind` and `cancellationDate` (the clawback is computed from them).',
    },
    noteRequired: { type: 'boolean', default: true, description: 'A note (why the case is reopened) must be given.' },
  },
  required: ['from', 'to'],
  additionalProperties: false,
} as const;

const labelled = {
  type: 'object',
  properties: { label: labelSchema },
  required: ['label'],
  additionalProperties: false,
} as const;

/** What a firm gets without a `workflow` section: a minimal sales funnel. */
export const defaultWorkflow = {
  statuses: {
    new: { label: { pl: 'Nowy', en: 'New' }, initial: true, terminal: false, sale: false, color: '#64748b' },
    contact: {
      label: { pl: 'Kontakt', en: 'Contacted' },
      initial: false,
      terminal: false,
      sale: false,
      color: '#0ea5e9',
    },
    application: {
      label: { pl: 'Wniosek złożony', en: 'Application filed' },
      initial: false,
      terminal: false,
      sale: false,
      color: '#8b5cf6',
    },
    sale: { label: { pl: 'Sprzedaż', en: 'Sale' }, initial: false, terminal: true, sale: true, color: '#16a34a' },
    resigned: {
      label: { pl: 'Rezygnacja', en: 'Resigned' },
      initial: false,
      terminal: true,
      sale: false,
      color: '#dc2626',
    },
  },
  fields: {
    provider: {
      label: { pl: 'Instytucja', en: 'Provider' },
      schema: { type: 'string', minLength: 1, maxLength: 100 },
      financial: false,
    },
    product: {
      label: { pl: 'Produkt', en: 'Product' },
      schema: { type: 'string', minLength: 1, maxLength: 100 },
      financial: false,
    },
    amountMinor: {
      label: { pl: 'Kwota', en: 'Amount' },
      schema: { type: 'integer', minimum: 1 },
      financial: true,
    },
    saleDate: {
      label: { pl: 'Data sprzedaży', en: 'Sale date' },
      schema: { type: 'string', format: 'date' },
      financial: false,
    },
  },
  transitions: [
    { from: ['new'], to: 'contact', requires: [], noteRequired: false },
    { from: ['contact'], to: 'application', requires: [], noteRequired: false },
    {
      from: ['application'],
      to: 'sale',
      requires: ['provider', 'product', 'amountMinor', 'saleDate'],
      noteRequired: false,
    },
    { from: '*', to: 'resigned', requires: [], noteRequired: true },
  ],
  reopen: [{ from: ['resigned'], to: 'contact', noteRequired: true }],
  activityTypes: {
    call: { label: { pl: 'Telefon', en: 'Call' } },
    meeting: { label: { pl: 'Spotkanie', en: 'Meeting' } },
    email: { label: { pl: 'E-mail', en: 'E-mail' } },
    sms: { label: { pl: 'SMS', en: 'SMS' } },
    note: { label: { pl: 'Notatka', en: 'Note' } },
  },
  outcomes: {
    reached: { label: { pl: 'Rozmowa odbyta', en: 'Reached' } },
    'not-reached': { label: { pl: 'Brak kontaktu', en: 'Not reached' } },
    interested: { label: { pl: 'Zainteresowany', en: 'Interested' } },
    'not-interested': { label: { pl: 'Niezainteresowany', en: 'Not interested' } },
    'call-back': { label: { pl: 'Oddzwonić', en: 'Call back' } },
  },
  uncoveredSales: 'acknowledge',
} as const;

export const workflowSchema = {
  type: 'object',
  description:
    'The status workflow: statuses, moves and who may make them, fields a move asks for, reopen rules, ' +
    'kinds of contact.',
  properties: {
    statuses: {
      type: 'object',
      description: 'Statuses keyed by id.',
      propertyNames: id,
      additionalProperties: status,
      minProperties: 2,
    },
    fields: {
      type: 'object',
      description:
        'Values moves can ask for, keyed by camelCase name. A sale needs provider, product and saleDate, and ' +
        'amountMinor (integer grosze) unless its products are paid a fixed fee.',
      propertyNames: fieldName,
      additionalProperties: field,
      default: {},
    },
    transitions: {
      type: 'array',
      description: 'Allowed moves. A terminal status is left only through `reopen`.',
      items: transition,
      minItems: 1,
    },
    reopen: { type: 'array', description: 'Ways out of terminal statuses.', items: reopen, default: [] },
    activityTypes: {
      type: 'object',
      description: 'Kinds of contact recorded in the history (call, meeting, e-mail, SMS, note…), keyed by id.',
      propertyNames: id,
      additionalProperties: labelled,
      minProperties: 1,
      default: defaultWorkflow.activityTypes,
    },
    outcomes: {
      type: 'object',
      description: 'Outcomes an activity may record, keyed by id.',
      propertyNames: id,
      additionalProperties: labelled,
      default: defaultWorkflow.outcomes,
    },
    uncoveredSales: {
      type: 'string',
      enum: ['acknowledge', 'refuse', 'allow'],
      default: 'acknowledge',
      description:
        'A sale no commission rule covers (a firm or advisor line would be 0 and flagged "no rule"): ' +
        '"acknowledge" records it only when the person confirms the warning (`acknowledgeUncovered`, kept in the ' +
        'client\'s history); "refuse" never records it; "allow" records it silently, flagged for review.',
    },
  },
  required: ['statuses', 'transitions'],
  additionalProperties: false,
  default: defaultWorkflow,
} as const;

/** The `workflow` section after loading: defaults filled in. */
export type WorkflowConfig = FromSchema<typeof workflowSchema>;

declare module '../config/index.ts' {
  interface FirmSections {
    workflow: WorkflowConfig;
  }
}
