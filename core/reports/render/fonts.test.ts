import { describe, expect, it } from 'vitest';
import { loadDocumentFonts } from './fonts.ts';

/** A TrueType file starts with the sfnt version 0x00010000. */
const isTrueType = (b: Uint8Array) => b[0] === 0 && b[1] === 1 && b[2] === 0 && b[3] === 0;

describe('loadDocumentFonts', () => {
  it('loads two distinct TrueType faces from the dejavu-fonts-ttf package', async () => {
    const { regular, bold } = await loadDocumentFonts();
    expect(isTrueType(regular)).toBe(true);
    expect(isTrueType(bold)).toBe(true);
    expect(regular.length).toBeGreaterThan(100_000);
    expect(Buffer.from(regular).equals(Buffer.from(bold))).toBe(false);
  });

  it('reads the files once and hands every caller the same bytes', async () => {
    const [a, b] = await Promise.all([loadDocumentFonts(), loadDocumentFonts()]);
    expect(a.regular).toBe(b.regular);
    expect((await loadDocumentFonts()).bold).toBe(a.bold);
  });
});
