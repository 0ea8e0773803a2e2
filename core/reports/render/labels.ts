/**
 * @module reports/render/labels
 * The few words the renderers write themselves; everything else comes from the document.
 */
import type { DocumentLocale } from './format-cell.ts';

export interface RenderLabels {
  issuer: string;
  recipient: string;
  columnTotal: string;
  page(page: number, of: number): string;
}

export const renderLabels: Record<DocumentLocale, RenderLabels> = {
  pl: { issuer: 'Wystawca', recipient: 'Odbiorca', columnTotal: 'Suma', page: (p, n) => `Strona ${p} z ${n}` },
  en: { issuer: 'Issuer', recipient: 'Recipient', columnTotal: 'Total', page: (p, n) => `Page ${p} of ${n}` },
};
