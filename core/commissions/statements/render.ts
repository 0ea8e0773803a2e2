/**
 * @module commissions/statements/render
 * A stored statement document → PDF or XLSX bytes. The stored document carries its issue date, so
 * rendering it again, next week or next year, gives identical bytes (checked against the stored
 * sha256). XLSX goes through exceljs's streaming writer into memory.
 */
import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { renderTablePdf, writeTableXlsx, type TableDocument } from '../../reports/index.ts';

/** The JSON form kept in the database: a table document with its issue date as ISO text. */
export type StoredDocument = Omit<TableDocument, 'issuedAt' | 'rows'> & {
  issuedAt: string;
  rows: TableDocument['rows'] & unknown[];
};

/**
 * Keys in one fixed (sorted) order: PostgreSQL's jsonb does not keep the order they were written
 * in, and the PDF's document id hashes the header objects, so the bytes must not depend on it.
 */
export function canonical<T>(v: T): T {
  if (Array.isArray(v)) return v.map(canonical) as T;
  if (v && typeof v === 'object' && !(v instanceof Date))
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    ) as T;
  return v;
}

const toDoc = (d: StoredDocument): TableDocument => ({ ...canonical(d), issuedAt: new Date(d.issuedAt) });

export const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** The hash of what a statement says: its document with keys in a fixed order. */
export const documentHash = (doc: StoredDocument) => sha256(JSON.stringify(canonical(doc)));

/** @example const pdf = await statementPdf(row.document as StoredDocument); */
export function statementPdf(doc: StoredDocument): Promise<Uint8Array> {
  return renderTablePdf(toDoc(doc));
}

/** @example const xlsx = await statementXlsx(row.document as StoredDocument); */
export async function statementXlsx(doc: StoredDocument): Promise<Uint8Array> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  await writeTableXlsx(toDoc(doc), sink);
  sink.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}
