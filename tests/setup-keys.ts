/**
 * @module tests/setup-keys
 * Every test process gets keys of its own, generated at random for the run (there is no built-in
 * default secret): `createCrm` and the `broker-crm` child processes the tests start read them from
 * the environment. Tests of the missing-key paths remove them from the child's environment.
 */
import { randomBytes } from 'node:crypto';

process.env.CRM_SECRET ||= randomBytes(32).toString('base64url');
process.env.CRM_DATA_KEY ||= randomBytes(32).toString('base64');
