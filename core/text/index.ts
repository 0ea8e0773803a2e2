/**
 * @module text
 * Text the CRM accepts: NFC, no NUL, controls, lone surrogates or bidi overrides, single-line
 * except in multi-line fields; and e-mail addresses, internationalised ones included. Applied to
 * every JSON body and query by `core/http/read-body.ts`, so a new route gets it for free.
 */
export {
  cleanJson,
  isMultilineKey,
  normalizeText,
  textMessages,
  textProblem,
  type FoundProblem,
  type TextProblem,
} from './check.ts';
export { isEmailAddress } from './email.ts';
