/**
 * @module money/money
 * Amounts are integers in the currency's minor unit (grosze for PLN), named `…Minor`. Floats
 * never hold money: 0.1 + 0.2 is not 0.3, and a commission statement must add up to the grosz.
 * Every function here assumes a currency with 2 decimal places (PLN, EUR, USD, …).
 */
import { CrmError } from '../errors.ts';

/** An amount in minor units: a safe integer. */
export type AmountMinor = number;

/** A money rule broken by the caller; 422 if it reaches the API. */
export function moneyError(message: string): CrmError {
  return new CrmError('invalid', message);
}

/**
 * Throws unless `value` is a safe integer (no fractions of a grosz, no NaN, no ±Infinity).
 * @example
 * assertAmountMinor(123456)      // ok
 * assertAmountMinor(1234.5)      // throws: amountMinor must be a whole number of grosze
 */
export function assertAmountMinor(value: unknown, name = 'amountMinor'): asserts value is AmountMinor {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw moneyError(
      `${name} must be a whole number of grosze within ±${Number.MAX_SAFE_INTEGER}, got ${String(value)}`,
    );
  }
}

/** Converts a BigInt result back to an amount, refusing what a number cannot hold exactly. */
export function toAmountMinor(value: bigint, name = 'amountMinor'): AmountMinor {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw moneyError(`${name} is too large to represent exactly: ${value}`);
  }
  return Number(value);
}

export interface FormatMoneyOptions {
  locale?: 'pl-PL' | 'en-GB';
  /** ISO 4217 code of a 2-decimal currency; default PLN. */
  currency?: string;
}

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * Formats with grouping always on: Polish Intl leaves 4-digit numbers ungrouped (`1234,56 zł`),
 * which financial documents do not. Spaces are what Intl gives (U+00A0).
 * @example
 * formatMoney(123456)                        // '1 234,56 zł'
 * formatMoney(-50, { locale: 'en-GB' })      // '-PLN 0.50'
 */
export function formatMoney(amountMinor: AmountMinor, options: FormatMoneyOptions = {}): string {
  assertAmountMinor(amountMinor);
  const locale = options.locale ?? 'pl-PL';
  const currency = options.currency ?? 'PLN';
  const key = `${locale}|${currency}`;
  let nf = formatters.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      useGrouping: 'always',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    formatters.set(key, nf);
  }
  // A decimal string keeps all digits exact; amount / 100 would round large amounts.
  const abs = BigInt(Math.abs(amountMinor));
  const decimal = `${amountMinor < 0 ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
  return nf.format(decimal as `${number}`);
}
