/**
 * @module processing-register
 * The record of processing activities (GDPR Art. 30), generated from the firm's configuration and
 * catalogue, as data and as a PDF. See docs/gdpr.md.
 */
export {
  buildRegister,
  type ProcessingRegister,
  type RegisterPurpose,
  type RegisterField,
  type DataCategory,
} from './build.ts';
export { registerPdf } from './pdf.ts';
