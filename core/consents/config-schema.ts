/**
 * @module consents/config-schema
 * The `purposes` section of `crm.config.json`: why the firm processes a client's data and contacts
 * them — each purpose with its lawful basis (GDPR Art. 6(1)), the channels it governs, the outgoing
 * messages it gates at send time and, for consents, its versioned texts with the SHA-256 of each
 * exact text. Optional: without it the lead form's consents (`leads.consents`) are the purposes.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { labelSchema } from '../config/index.ts';

/** The lawful bases of Art. 6(1) a purpose may rest on. */
export const lawfulBases = ['consent', 'contract', 'legal-obligation', 'legitimate-interest'] as const;
export type LawfulBasis = (typeof lawfulBases)[number];

/** The article each basis is, for the register and the UI. */
export const basisArticle: Record<LawfulBasis, string> = {
  consent: 'Art. 6(1)(a)',
  contract: 'Art. 6(1)(b)',
  'legal-obligation': 'Art. 6(1)(c)',
  'legitimate-interest': 'Art. 6(1)(f)',
};

export const purposeChannels = ['sms', 'email', 'phone', 'post', 'partner-sharing', 'processing'] as const;
export type PurposeChannel = (typeof purposeChannels)[number];

const sha256 = { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256 (hex) of the exact text.' } as const;

const version = {
  type: 'object',
  description:
    'One version of the text a person is shown. Never edit a published version: add a new one and make it ' +
    '`current` (the config check compares the text with its `sha256` when given).',
  properties: {
    pl: { type: 'string', minLength: 1 },
    en: { type: 'string', minLength: 1 },
    sha256: {
      type: 'object',
      description: 'The SHA-256 of each text as published (`broker-crm register` prints them); checked at load.',
      properties: { pl: sha256, en: sha256 },
      additionalProperties: false,
    },
  },
  required: ['pl', 'en'],
  additionalProperties: false,
} as const;

const purpose = {
  type: 'object',
  description: 'A purpose of processing and contact.',
  properties: {
    label: labelSchema,
    description: { ...labelSchema, description: 'What is done for this purpose, for the register (Art. 30).' },
    basis: {
      type: 'string',
      enum: [...lawfulBases],
      description:
        'Lawful basis, GDPR Art. 6(1): (a) `consent`, (b) `contract`, (c) `legal-obligation`, (f) ' +
        '`legitimate-interest`. Only consents are given and withdrawn in the ledger; a legitimate interest ' +
        'can be objected to (Art. 21), recorded as a withdrawal.',
    },
    channels: {
      type: 'array',
      items: { type: 'string', enum: [...purposeChannels] },
      uniqueItems: true,
      default: [],
      description: 'The channels it governs: sms, email, phone, post, partner-sharing, processing (none of these).',
    },
    partners: {
      type: 'array',
      items: { type: 'string', minLength: 1, maxLength: 64 },
      uniqueItems: true,
      description:
        'With `partner-sharing`: the ids of the partner firms it names (the text names them too); without it, ' +
        'every partner.',
    },
    sends: {
      type: 'array',
      items: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
      uniqueItems: true,
      default: [],
      description:
        'Outgoing messages (outbox purposes, e.g. `meeting-reminder`, `partner-report`) this purpose gates: ' +
        'each is checked when it is sent and skipped when the consent is missing or withdrawn.',
    },
    current: { type: 'string', minLength: 1, maxLength: 64, description: 'The version shown now.' },
    versions: {
      type: 'object',
      propertyNames: { type: 'string', minLength: 1, maxLength: 64 },
      additionalProperties: version,
      minProperties: 1,
      description: 'Version id → the text shown. Required for a consent.',
    },
    clientField: {
      type: 'string',
      pattern: '^[a-zA-Z][a-zA-Z0-9]*$',
      description:
        'A boolean client field that stood for this consent before the ledger (e.g. `smsConsent`): read only ' +
        'while the ledger holds nothing for the client and purpose.',
    },
  },
  required: ['label', 'basis'],
  additionalProperties: false,
} as const;

export const purposesConfigSchema = {
  type: 'object',
  description:
    'Purposes of processing and contact, keyed by id: lawful basis, channels, the messages each gates at send ' +
    "time, and a consent's versioned texts. A lead form consent (`leads.consents`) with the same id is this " +
    'purpose; one without a purpose here is a consent purpose of its own.',
  propertyNames: { type: 'string', pattern: '^[a-z][a-z0-9-]*$' },
  additionalProperties: purpose,
  default: {},
} as const;

/** The `purposes` section after loading: defaults filled in. */
export type PurposesConfig = FromSchema<typeof purposesConfigSchema>;

declare module '../config/index.ts' {
  interface FirmSections {
    purposes: PurposesConfig;
  }
}
