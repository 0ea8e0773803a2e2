/**
 * @module notifications/sms-text
 * How long an SMS is and what it costs in parts. One Polish letter switches the whole text from
 * GSM-7 (160 characters, 153 per part) to UCS-2 (70, 67 per part), which is why a firm may prefer
 * to transliterate reminders (`Zażółć` → `Zazolc`).
 */

/** GSM 03.38 default alphabet, one septet each. */
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** GSM 03.38 extension table: an escape septet plus one, so each counts 2. */
const GSM7_EXTENSION = new Set('^{}\\[~]|€\f');

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSegments {
  encoding: SmsEncoding;
  /** Length in encoding units: septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  length: number;
  /** Number of parts the operator bills; 0 for an empty text. */
  segments: number;
  /** Capacity of one part in this message's shape: 160/153 (GSM-7) or 70/67 (UCS-2). */
  perSegment: number;
  /** Units still free in the last part before another part is needed. */
  remainingInSegment: number;
}

const LIMITS = {
  'GSM-7': { single: 160, multi: 153 },
  'UCS-2': { single: 70, multi: 67 },
} as const;

/** True when every character of `text` exists in the GSM-7 alphabet (basic or extension). */
export function isGsm7(text: string): boolean {
  for (const ch of text) if (!GSM7_BASIC.has(ch) && !GSM7_EXTENSION.has(ch)) return false;
  return true;
}

/**
 * Counts an SMS the way gateways bill it. A multi-part message never splits an escape sequence
 * or a surrogate pair between parts, so a part may end one unit short of its capacity.
 *
 * @example
 * smsSegments('Spotkanie jutro o 10:00');   // { encoding: 'GSM-7', length: 23, segments: 1, perSegment: 160,
 *   remainingInSegment: 137 }
 * smsSegments('Zażółć gęślą jaźń').encoding; // 'UCS-2'
 */
export function smsSegments(text: string): SmsSegments {
  const encoding: SmsEncoding = isGsm7(text) ? 'GSM-7' : 'UCS-2';
  const units: number[] = [];
  for (const ch of text) units.push(encoding === 'GSM-7' ? (GSM7_EXTENSION.has(ch) ? 2 : 1) : ch.length);
  const length = units.reduce((a, b) => a + b, 0);
  const { single, multi } = LIMITS[encoding];

  if (length <= single) {
    return {
      encoding,
      length,
      segments: length === 0 ? 0 : 1,
      perSegment: single,
      remainingInSegment: single - length,
    };
  }
  let segments = 1;
  let used = 0;
  for (const u of units) {
    if (used + u > multi) {
      segments += 1;
      used = 0;
    }
    used += u;
  }
  return { encoding, length, segments, perSegment: multi, remainingInSegment: multi - used };
}

/** Letters outside GSM-7 that Polish texts use, and typography that word processors insert. */
const TRANSLITERATION: Record<string, string> = {
  ą: 'a',
  ć: 'c',
  ę: 'e',
  ł: 'l',
  ń: 'n',
  ó: 'o',
  ś: 's',
  ź: 'z',
  ż: 'z',
  Ą: 'A',
  Ć: 'C',
  Ę: 'E',
  Ł: 'L',
  Ń: 'N',
  Ó: 'O',
  Ś: 'S',
  Ź: 'Z',
  Ż: 'Z',
  '„': '"',
  '”': '"',
  '“': '"',
  '‘': "'",
  '’': "'",
  '‚': "'",
  '«': '"',
  '»': '"',
  '–': '-',
  '—': '-',
  '…': '...',
  '\u00a0': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
  '\t': ' ',
};

/**
 * Rewrites a text into GSM-7 where it can, so it costs 160 characters per SMS instead of 70.
 * Characters with no sensible GSM-7 form (emoji, other scripts) are kept; check the result with
 * `smsSegments` if the encoding matters.
 *
 * @example
 * toGsm7Transliteration('Zażółć gęślą jaźń'); // 'Zazolc gesla jazn'
 */
export function toGsm7Transliteration(text: string): string {
  let out = '';
  for (const ch of text) {
    if (GSM7_BASIC.has(ch) || GSM7_EXTENSION.has(ch)) {
      out += ch;
      continue;
    }
    const mapped = TRANSLITERATION[ch];
    if (mapped !== undefined) {
      out += mapped;
      continue;
    }
    // Other Latin letters with diacritics (ř, ő, ç…) lose the mark; anything else stays as it is.
    const stripped = ch.normalize('NFD').replace(/\p{M}/gu, '');
    out += stripped !== ch && isGsm7(stripped) ? stripped : ch;
  }
  return out;
}
