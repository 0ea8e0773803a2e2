/**
 * @module calendar/config-schema
 * The `reminders` section of `crm.config.json`: SMS reminders before a client meeting, quiet
 * hours in the firm's zone, Polish templates with placeholders, and where in the client's record
 * the phone number and the SMS consent live. Optional: a firm that leaves it out gets the defaults.
 */
import type { FromSchema } from 'json-schema-to-ts';

const hhmm = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'Local time, HH:mm.' } as const;

export const defaultReminderTemplate = 'Przypominamy o spotkaniu {date} o godz. {time}, {place}. Doradca: {advisor}.';

export const defaultReminders = {
  enabled: true,
  rules: [
    { id: '24h', minutesBefore: 1440 },
    { id: '2h', minutesBefore: 120 },
  ],
  quietHours: { from: '21:00', to: '08:00' },
  template: defaultReminderTemplate,
  phoneField: 'phone',
  consentField: 'smsConsent',
  onlinePlace: 'online',
} as const;

const rule = {
  type: 'object',
  description: 'One reminder: how long before the meeting it goes, optionally with its own text.',
  properties: {
    id: {
      type: 'string',
      pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
      description: 'kebab-case id, e.g. `24h`; part of the outbox subject, so keep it stable.',
    },
    minutesBefore: {
      type: 'integer',
      minimum: 5,
      maximum: 20160,
      description:
        'Minutes before the meeting starts. Whole days (1440, 2880…) are counted in local days: 24 h before a ' +
        '10:00 meeting is 10:00 the day before, across a DST change too.',
    },
    template: {
      type: 'string',
      minLength: 1,
      maxLength: 612,
      description: "This rule's text; default: the section's `template`.",
    },
    gsm7: {
      type: 'boolean',
      description:
        "Send this rule's text in GSM-7: Polish letters transliterated (ą→a, ł→l…), so it fits one 160-character " +
        "SMS part instead of 70; default: the section's `gsm7`.",
    },
  },
  required: ['id', 'minutesBefore'],
  additionalProperties: false,
} as const;

export const remindersConfigSchema = {
  type: 'object',
  description:
    'SMS reminders of client meetings. Planned when a meeting is booked, moved or cancelled in the same ' +
    'transaction, re-checked when sent.',
  properties: {
    enabled: { type: 'boolean', default: true, description: 'Plan reminders at all.' },
    rules: {
      type: 'array',
      items: rule,
      maxItems: 5,
      default: defaultReminders.rules,
      description: 'The reminders of each client meeting.',
    },
    quietHours: {
      type: 'object',
      description:
        'No SMS from `from` to `to` (local time, across midnight when from > to). A reminder that would fall ' +
        'inside is moved EARLIER, to one minute before `from`.',
      properties: { from: hhmm, to: hhmm },
      required: ['from', 'to'],
      additionalProperties: false,
      default: defaultReminders.quietHours,
    },
    template: {
      type: 'string',
      minLength: 1,
      maxLength: 612,
      default: defaultReminderTemplate,
      description:
        'SMS text. Placeholders: {date} (dd.mm.rrrr), {time} (HH:mm), {when} ("dziś o 09:00", "jutro o 09:00" ' +
        'or "12.05.2026 o 09:00", as true when the SMS is sent, after quiet hours; {When} capitalised), {place} ' +
        "(the place, or `onlinePlace` for an online meeting), {advisor} (the advisor's name), {firm} (the " +
        "firm's name). Polish letters make an SMS UCS-2: 70 characters a part (see `gsm7`).",
    },
    gsm7: {
      type: 'boolean',
      default: false,
      description:
        'Send reminders in GSM-7: Polish letters transliterated (ą→a, ł→l…), one 160-character SMS part instead ' +
        "of 70. A rule's own `gsm7` wins.",
    },
    sender: {
      type: 'string',
      minLength: 1,
      maxLength: 11,
      description: 'Sender name registered with the gateway (max 11 characters).',
    },
    phoneField: {
      type: 'string',
      minLength: 1,
      default: 'phone',
      description: 'The client field holding the phone number.',
    },
    consentField: {
      type: 'string',
      minLength: 1,
      default: 'smsConsent',
      description:
        'The client field (a boolean; dots reach into objects, e.g. `consents.sms`) that must be true for ' +
        'reminders to be sent.',
    },
    onlinePlace: {
      type: 'string',
      minLength: 1,
      default: 'online',
      description: 'What {place} says for a meeting with an online link.',
    },
  },
  additionalProperties: false,
  default: defaultReminders,
} as const;

/** The `reminders` section after loading: defaults filled in. */
export type RemindersConfig = FromSchema<typeof remindersConfigSchema>;

declare module '../config/index.ts' {
  interface FirmSections {
    reminders: RemindersConfig;
  }
}
