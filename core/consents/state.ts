/**
 * @module consents/state
 * A client's state per purpose, derived from the ledger: the latest event decides. Pure: events and
 * the client's record in, states and send verdicts out; the ledger and the send check both use it.
 */
import type { Purpose } from './purposes.ts';

export type ConsentAction = 'given' | 'withdrawn';
export const consentMethods = ['form', 'phone', 'paper', 'email', 'partner', 'portal', 'import'] as const;
export type ConsentMethod = (typeof consentMethods)[number];

/** One ledger row, as the state needs it. */
export interface LedgerEvent {
  purpose: string;
  version: string;
  action: ConsentAction;
  at: Date;
}

/**
 * `given` / `withdrawn` from the ledger (a withdrawal of a legitimate interest is an objection);
 * `none`: a consent never given; `not-needed`: a contract or legal obligation needs no consent.
 */
export type StateName = 'given' | 'withdrawn' | 'none' | 'not-needed';

export interface PurposeStateCore {
  state: StateName;
  /** The version of the last consent given (ledger or client field), if any. */
  version: string | null;
  at: Date | null;
  /** What decided: a ledger row, the legacy client field, the lawful basis, or nothing. */
  source: 'ledger' | 'field' | 'basis' | 'none';
  /** Given for an older version than the one shown now. */
  outdated: boolean;
  /** May messages this purpose gates be sent? */
  allowsSending: boolean;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * @example
 * derive(purpose, [{ purpose: 'sms-reminders', version: '1', action: 'withdrawn', at }], {})
 * // { state: 'withdrawn', allowsSending: false, source: 'ledger', … }
 */
export function derive(
  purpose: Purpose,
  events: readonly LedgerEvent[],
  clientData: Record<string, unknown>,
): PurposeStateCore {
  const last = events.filter((e) => e.purpose === purpose.id).at(-1);
  const lastGiven = events.filter((e) => e.purpose === purpose.id && e.action === 'given').at(-1);
  if (purpose.basis === 'contract' || purpose.basis === 'legal-obligation')
    return { state: 'not-needed', version: null, at: null, source: 'basis', outdated: false, allowsSending: true };
  if (last) {
    const given = last.action === 'given';
    return {
      state: given ? 'given' : 'withdrawn',
      version: lastGiven?.version ?? null,
      at: last.at,
      source: 'ledger',
      outdated: given && !!purpose.current && last.version !== purpose.current,
      allowsSending: given,
    };
  }
  if (purpose.basis === 'legitimate-interest')
    return { state: 'not-needed', version: null, at: null, source: 'basis', outdated: false, allowsSending: true };
  if (purpose.clientField && clientData[purpose.clientField] === true)
    return { state: 'given', version: null, at: null, source: 'field', outdated: false, allowsSending: true };
  return {
    state: 'none',
    version: null,
    at: null,
    source: purpose.clientField ? 'field' : 'none',
    outdated: false,
    allowsSending: false,
  };
}

/** Why a message is not sent, naming the purpose (English: it lands in the outbox's skip reason). */
export function refusal(purpose: Purpose, s: PurposeStateCore): string {
  const name = `"${purpose.id}" (${purpose.label.en})`;
  if (s.state === 'withdrawn')
    return purpose.basis === 'legitimate-interest'
      ? `the client objected to ${name} on ${day(s.at!)}`
      : `the client withdrew consent ${name} on ${day(s.at!)}`;
  if (s.source === 'field') return `no consent ${name}: the client field "${purpose.clientField}" is not true`;
  return `the client never gave consent ${name}`;
}
