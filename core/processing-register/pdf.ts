/**
 * @module processing-register/pdf
 * The register as a readable A4 PDF (the project's table renderer, with its bundled DejaVu font):
 * one row per entry, grouped by section — purposes with their lawful basis, categories of data,
 * recipients, retention, security measures.
 */
import { renderTablePdf, type TableRow } from '../reports/index.ts';
import type { ProcessingRegister } from './build.ts';

const words = {
  pl: {
    title: 'Rejestr czynności przetwarzania (art. 30 RODO)',
    controller: 'Administrator',
    dpo: 'Inspektor ochrony danych',
    generated: 'Wygenerowano',
    section: 'Sekcja',
    item: 'Pozycja',
    details: 'Opis',
    purposes: 'Cel i podstawa prawna',
    subjects: 'Kategorie osób',
    data: 'Kategorie danych',
    recipients: 'Odbiorcy',
    retention: 'Okres przechowywania',
    security: 'Środki bezpieczeństwa',
    notConfigured: 'nie skonfigurowano (sekcja "retention")',
    channels: 'kanały',
    gates: 'blokuje wysyłki',
    version: 'wersja',
    encrypted: 'szyfrowane',
    none: 'brak',
    footer: 'Wygenerowano z konfiguracji broker-crm; do uzupełnienia przez IOD.',
  },
  en: {
    title: 'Record of processing activities (GDPR Art. 30)',
    controller: 'Controller',
    dpo: 'Data protection officer',
    generated: 'Generated',
    section: 'Section',
    item: 'Entry',
    details: 'Details',
    purposes: 'Purpose and lawful basis',
    subjects: 'Data subjects',
    data: 'Categories of data',
    recipients: 'Recipients',
    retention: 'Retention',
    security: 'Security measures',
    notConfigured: 'not configured (the "retention" section)',
    channels: 'channels',
    gates: 'gates sends',
    version: 'version',
    encrypted: 'encrypted',
    none: 'none',
    footer: 'Generated from the broker-crm configuration; for the DPO to complete.',
  },
} as const;

/**
 * @example
 * const bytes = await registerPdf(await buildRegister(ctx), 'pl');
 */
export async function registerPdf(r: ProcessingRegister, locale: 'pl' | 'en' = 'pl'): Promise<Uint8Array> {
  const w = words[locale];
  const rows: TableRow[] = [];
  const add = (section: string, item: string, details: string) => rows.push({ section, item, details });
  for (const p of r.purposes) {
    const bits = [
      `[${p.id}] ${p.article} (${p.basis})`,
      p.channels.length ? `${w.channels}: ${p.channels.join(', ')}` : '',
      p.gates.length ? `${w.gates}: ${p.gates.join(', ')}` : '',
      p.current ? `${w.version} ${p.current}` : '',
      p.retention.length ? `${w.retention}: ${p.retention.join('; ')}` : '',
    ];
    add(w.purposes, p.label[locale], bits.filter(Boolean).join(' · '));
    // The description on a row of its own: a cell shows three lines at most.
    if (p.description) add('', '', p.description[locale]);
  }
  for (const s of r.dataSubjects) add(w.subjects, s[locale], '');
  for (const c of r.dataCategories) {
    const names = [...new Set(c.fields.map((f) => `${f.label[locale]}${f.encrypted ? ` (${w.encrypted})` : ''}`))];
    add(w.data, c.label[locale], names.join(', '));
  }
  for (const x of r.recipients) add(w.recipients, x.label[locale], x.names.join(', ') || w.none);
  if (!r.retention.configured) add(w.retention, '—', w.notConfigured);
  for (const x of r.retention.rules)
    add(w.retention, x.label[locale], `${x.rule}${x.purpose ? ` [${x.purpose}]` : ''}`);
  for (const m of r.securityMeasures) add(w.security, '', m[locale]);
  return renderTablePdf({
    title: w.title,
    subtitle: r.controller.name,
    issuer: { name: r.controller.name, lines: r.controller.details },
    recipient: { name: w.dpo, lines: [] },
    meta: [
      [w.controller, r.controller.name],
      [w.generated, r.generatedAt.toISOString().slice(0, 10)],
    ],
    columns: [
      { key: 'section', label: w.section, width: 1.1 },
      { key: 'item', label: w.item, width: 1.9 },
      { key: 'details', label: w.details, width: 3.6 },
    ],
    rows,
    footer: w.footer,
    locale,
    currency: 'PLN',
    issuedAt: r.generatedAt,
  });
}
