/**
 * @module money
 * Money as integer grosze: parsing, formatting, rates and exact splitting.
 */
export { assertAmountMinor, formatMoney, toAmountMinor, type AmountMinor, type FormatMoneyOptions } from './money.ts';
export { parseMoney, moneyMessages, type MoneyParseResult, type MoneyParseReason } from './parse-money.ts';
export { applyRate, applyRateBp, divRoundHalfUp } from './rate.ts';
export { allocate } from './allocate.ts';
