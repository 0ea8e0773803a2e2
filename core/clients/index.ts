/**
 * @module clients
 * The client database: configured fields per kind, types and sources, scoped lists with
 * keyset pages, search, duplicates by keyed hash, and assignment between advisors.
 */
export { createClient, initialStatus, type ClientInput } from './create-client.ts';
export { createClients, type BatchOutcome, type BatchPlacement, type BatchRow } from './create-clients.ts';
export { removeClients, touchedClients, type TouchedClient } from './remove-clients.ts';
export { getClient, scopedClientRow } from './get-client.ts';
export { updateClient, type ClientPatch } from './update-client.ts';
export {
  listClients,
  listClientsJson,
  cappedCount,
  TOTAL_CAP,
  type ListOptions,
  type ClientPage,
  type ClientPageJson,
} from './list-clients.ts';
export { clientSummary, type ClientSummary } from './summary.ts';
export { assignClients, MAX_ASSIGN, type AssignInput } from './assign-clients.ts';
export { findDuplicates, hashOf, type Duplicate, type DuplicateProbe } from './keys.ts';
export {
  checkDuplicate,
  duplicateKinds,
  DUPLICATE_CHECKS_PER_MINUTE,
  type DuplicateCheck,
  type DuplicateKind,
} from './duplicate-check.ts';
export { clientConditions, type ClientFilter } from './conditions.ts';
export { clientFields, clientKinds, type ClientKind, type KindFields, type FieldInfo } from './fields.ts';
export { clientJson, toClient, type Client } from './record.ts';
export { openClientData, openClientRow, storedClient, verifyDataKeys, type StoredFields } from './protect.ts';
export { compactClientStorage, reencryptClients, type ReencryptOptions } from './reencrypt.ts';
export { fold } from './normalize.ts';
export { clientsConfigSchema } from './config-schema.ts';
export { checkClients } from './checks.ts';
export type { KeyKind } from './fields.ts';
export { keysOf } from './keys.ts';
export { displayNameOf, normaliseData, searchTextOf, trimInput } from './normalize.ts';
export { assertValidClassification, assertValidData } from './validate.ts';
