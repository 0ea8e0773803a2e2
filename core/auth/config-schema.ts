/**
 * @module auth/config-schema
 * The `security` section of `crm.config.json`: session lifetimes, password length, lockout.
 * Optional, with defaults.
 */
import type { FromSchema } from 'json-schema-to-ts';

export const securityConfigSchema = {
  type: 'object',
  description: 'Sign-in and session settings.',
  properties: {
    sessionHours: {
      type: 'integer',
      minimum: 1,
      maximum: 720,
      default: 12,
      description: 'Absolute lifetime of a session.',
    },
    idleMinutes: {
      type: 'integer',
      minimum: 5,
      maximum: 1440,
      default: 120,
      description: 'A session unused this long ends.',
    },
    passwordMinLength: {
      type: 'integer',
      minimum: 8,
      maximum: 128,
      default: 10,
      description: 'Shortest password accepted, in characters.',
    },
    lockout: {
      type: 'object',
      description: 'Locking an account after repeated failed sign-ins.',
      properties: {
        maxFailures: {
          type: 'integer',
          minimum: 3,
          maximum: 100,
          default: 5,
          description: 'Failed sign-ins within the window that lock the account.',
        },
        windowMinutes: {
          type: 'integer',
          minimum: 1,
          maximum: 1440,
          default: 15,
          description: 'How far back failed sign-ins are counted.',
        },
        lockMinutes: {
          type: 'integer',
          minimum: 1,
          maximum: 1440,
          default: 15,
          description: 'How long a locked account stays locked.',
        },
      },
      additionalProperties: false,
      default: {},
    },
  },
  additionalProperties: false,
  default: {},
} as const;

/** The `security` section after loading. */
export type SecurityConfig = FromSchema<typeof securityConfigSchema>;

declare module '../config/index.ts' {
  interface FirmSections {
    security: SecurityConfig;
  }
}
