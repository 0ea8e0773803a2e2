/**
 * @module reports/render/fonts
 * DejaVu Sans (regular and bold) for generated documents: the PDF standard fonts are WinAnsi-only
 * and cannot write Polish letters, DejaVu covers them and is freely redistributable. The bytes are
 * read once per process and shared by every render.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The TrueType bytes of the two faces documents use. */
export interface DocumentFonts {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
}

let cached: Promise<DocumentFonts> | undefined;

/**
 * Absolute path of one face: the built package ships the two faces in `dist/fonts/` (copied there by
 * `npm run build`); from the sources they are read from the `dejavu-fonts-ttf` devDependency.
 */
export function dejaVuPath(face: 'DejaVuSans' | 'DejaVuSans-Bold'): string {
  const shipped = fileURLToPath(new URL(`../../../fonts/${face}.ttf`, import.meta.url));
  if (!import.meta.url.endsWith('.ts') && existsSync(shipped)) return shipped;
  const pkg = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json');
  return join(dirname(pkg), 'ttf', `${face}.ttf`);
}

/**
 * Loads DejaVu Sans and DejaVu Sans Bold. The promise is cached, so concurrent first callers share
 * one read and later callers get the same byte arrays (treat them as read-only).
 * @example
 * const { regular, bold } = await loadDocumentFonts();
 * const font = await pdf.embedFont(regular, { subset: true });
 */
export function loadDocumentFonts(): Promise<DocumentFonts> {
  cached ??= Promise.all([readFile(dejaVuPath('DejaVuSans')), readFile(dejaVuPath('DejaVuSans-Bold'))])
    .then(([regular, bold]) => ({ regular: new Uint8Array(regular), bold: new Uint8Array(bold) }))
    .catch((error: unknown) => {
      cached = undefined; // a failed read (package missing) should not poison later attempts
      throw error;
    });
  return cached;
}
