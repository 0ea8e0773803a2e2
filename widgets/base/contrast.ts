/**
 * @module widgets/base/contrast
 * Text that stays readable on a colour chosen in the firm's config: black or white, whichever has
 * the higher WCAG 2.2 contrast ratio against the background. A status badge coloured `#22c55e`
 * gets black text (9.3:1), a `#1e3a8a` one white (10.4:1); white on the green was 2.3:1.
 */

/** `#rgb`, `#rrggbb` or `rgb(r, g, b)` as 0–255 channels; null for anything else. */
export function parseColor(color: string): [number, number, number] | null {
  const c = color.trim().toLowerCase();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(c);
  if (short) return [short[1]!, short[2]!, short[3]!].map((h) => parseInt(h + h, 16)) as [number, number, number];
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(c);
  if (long) return [long[1]!, long[2]!, long[3]!].map((h) => parseInt(h, 16)) as [number, number, number];
  const rgb = /^rgba?\(\s*(\d{1,3})[\s,]+(\d{1,3})[\s,]+(\d{1,3})/.exec(c);
  if (rgb) return [rgb[1]!, rgb[2]!, rgb[3]!].map((n) => Math.min(255, Number(n))) as [number, number, number];
  return null;
}

/** WCAG relative luminance of an sRGB colour. */
export function luminance([r, g, b]: [number, number, number]): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio of two luminances (1 to 21). */
export const contrastRatio = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/**
 * Black or white text for a background colour; null when the colour is not one this reads.
 *
 * @example
 * readableTextOn('#22c55e'); // '#000'
 * readableTextOn('#1e3a8a'); // '#fff'
 */
export function readableTextOn(background: string): '#000' | '#fff' | null {
  const rgb = parseColor(background);
  if (!rgb) return null;
  const l = luminance(rgb);
  return contrastRatio(l, 0) >= contrastRatio(l, 1) ? '#000' : '#fff';
}
