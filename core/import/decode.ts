/**
 * @module import/decode
 * Bytes of a spreadsheet export to text: UTF-8 with or without a BOM, or Windows-1250 (what Polish
 * Excel writes as "CSV"), detected or chosen. Detection is exact for UTF-8: text that is not valid
 * UTF-8 is read as Windows-1250, the only other encoding Polish files commonly come in.
 */

export type Encoding = 'utf-8' | 'windows-1250';

/**
 * @example
 * detectEncoding(new Uint8Array([0xb3, 0xb9])); // 'windows-1250' ("łą")
 */
export function detectEncoding(bytes: Uint8Array): Encoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'windows-1250';
  }
}

/** The text of the file (a UTF-8 BOM dropped) and the encoding it was read in. */
export function decode(bytes: Uint8Array, encoding?: Encoding): { text: string; encoding: Encoding } {
  const used = encoding ?? detectEncoding(bytes);
  return { text: new TextDecoder(used, { ignoreBOM: false }).decode(bytes), encoding: used };
}
