/**
 * @module ids/result
 * One result shape for every identifier check, so forms, imports and the `x-crm-identifier`
 * schema keyword can treat PESEL, NIP, REGON, IBAN and phone numbers alike. A failure carries a
 * stable `reason` for code, an English `message` for logs and APIs, and a `messageKey` the UI
 * translates (see `identifierMessages`).
 */
import { identifierMessages, type IdentifierMessageKey } from './messages.ts';

export interface IdentifierFailure<R extends string = string> {
  ok: false;
  reason: R;
  message: string;
  messageKey: IdentifierMessageKey;
}

/** `value` is always the normalised form: the one to store, compare and hash. */
export type IdentifierResult<R extends string = string, Extra extends object = object> =
  ({ ok: true; value: string } & Extra) | IdentifierFailure<R>;

/** Builds a failure whose English message comes from the catalogue. */
export function fail<R extends string>(kind: string, reason: R): IdentifierFailure<R> {
  const messageKey = `${kind}.${reason}` as IdentifierMessageKey;
  return { ok: false, reason, message: identifierMessages.en[messageKey], messageKey };
}

/** Drops the separators people type (spaces of any kind, hyphens, dots, slashes). */
export function stripSeparators(input: string): string {
  return input.replace(/[\s\u00a0\u202f\-./]/g, '');
}

/** Weighted digit sum, the core of every Polish check digit. */
export function weightedSum(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * weights[i]!;
  return sum;
}
