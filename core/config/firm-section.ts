/**
 * @module config/firm-section
 * The `firm` section of `crm.config.json`: the firm itself (name, logo, time zone, currency, locale). It
 * belongs to no module, and every module may read it, so it lives with the config kernel.
 */

export const firmSectionSchema = {
  type: 'object',
  description: 'The firm itself.',
  properties: {
    name: { type: 'string', minLength: 1, description: 'Legal or trading name, printed on statements.' },
    timeZone: {
      type: 'string',
      default: 'Europe/Warsaw',
      description: 'IANA zone in which people schedule and periods close.',
    },
    currency: {
      type: 'string',
      enum: ['PLN'],
      default: 'PLN',
      description: 'Currency of all amounts; kept in integer grosze.',
    },
    locale: {
      type: 'string',
      enum: ['pl-PL', 'en-GB'],
      default: 'pl-PL',
      description: 'Default language of the UI and documents.',
    },
    logo: {
      type: 'string',
      pattern: '^(/|data:image/)',
      maxLength: 100000,
      description:
        "The firm's logo on sign-in pages: a path on the CRM's own origin or a data: image (the pages' " +
        'Content-Security-Policy allows images from nowhere else).',
    },
    intranetUrl: {
      type: 'string',
      pattern: '^https?://[^\\s]+$',
      maxLength: 500,
      description:
        "The intranet's address as staff open it (e.g. https://crm.kredyt-dom.pl/): links in e-mails to " +
        "advisors (a new lead's card) and staff password-reset links. `broker-crm serve` uses its own " +
        'address when this is not set.',
    },
    partnerPortalUrl: {
      type: 'string',
      pattern: '^https?://[^\\s]+$',
      maxLength: 500,
      description:
        "The partner portal's address (password-reset links of partner logins). `broker-crm serve` uses " +
        'its own example portal when this is not set.',
    },
    knfNumber: {
      type: 'string',
      description: "The firm's entry in the KNF register of credit intermediaries, if any.",
    },
  },
  required: ['name'],
  additionalProperties: false,
} as const;
