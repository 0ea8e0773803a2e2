/**
 * @module widgets/crm-config-form/words
 * Names of the config's sections and properties for people. The published schema is English and
 * has no titles for most properties, so Polish comes from a small dictionary of the section and
 * common property names; anything else falls back to the schema's own words (`title`, else the
 * property name spelled out: `passwordMinLength` → "Password min length").
 */
import type { Lang } from '../base/i18n.ts';
import type { JsonSchema } from './schema-model.ts';

type Words = Record<string, { pl: string; en?: string }>;

const names: Words = {
  firm: { pl: 'Firma', en: 'Firm' },
  branchTypes: { pl: 'Rodzaje oddziałów', en: 'Branch types' },
  roles: { pl: 'Role', en: 'Roles' },
  commissionGroups: { pl: 'Grupy prowizyjne', en: 'Commission groups' },
  security: { pl: 'Bezpieczeństwo', en: 'Security' },
  clients: { pl: 'Klienci: pola, typy i źródła', en: 'Clients: fields, types and sources' },
  workflow: { pl: 'Proces (statusy i przejścia)', en: 'Workflow (statuses and transitions)' },
  reminders: { pl: 'Przypomnienia', en: 'Reminders' },
  leads: { pl: 'Leady', en: 'Leads' },
  partners: { pl: 'Partnerzy', en: 'Partners' },
  reconciliation: { pl: 'Uzgadnianie prowizji', en: 'Reconciliation' },
  compliance: { pl: 'Zgodność (KNF, informacje przedumowne)', en: 'Compliance' },
  retention: { pl: 'Okresy przechowywania (RODO)', en: 'Retention (GDPR)' },
  purposes: { pl: 'Cele przetwarzania (zgody)', en: 'Purposes (consents)' },
  version: { pl: 'Wersja formatu', en: 'Format version' },
  $schema: { pl: 'Schemat (dla edytorów)', en: 'Schema (for editors)' },
  fields: { pl: 'Pola', en: 'Fields' },
  person: { pl: 'Osoba', en: 'Person' },
  company: { pl: 'Firma (klient)', en: 'Company' },
  properties: { pl: 'Pola', en: 'Fields' },
  required: { pl: 'Wymagane', en: 'Required' },
  displayName: { pl: 'Nazwa wyświetlana', en: 'Display name' },
  types: { pl: 'Typy klientów', en: 'Client types' },
  sources: { pl: 'Źródła', en: 'Sources' },
  sourceRequired: { pl: 'Źródło wymagane', en: 'Source required' },
  dedupe: { pl: 'Wykrywanie duplikatów', en: 'Duplicates' },
  statuses: { pl: 'Statusy', en: 'Statuses' },
  transitions: { pl: 'Przejścia', en: 'Transitions' },
  reopen: { pl: 'Ponowne otwarcie', en: 'Reopen' },
  from: { pl: 'Z (statusy)', en: 'From (statuses)' },
  to: { pl: 'Do (status)', en: 'To (status)' },
  label: { pl: 'Nazwa', en: 'Label' },
  pl: { pl: 'po polsku', en: 'Polish' },
  en: { pl: 'po angielsku', en: 'English' },
  initial: { pl: 'Początkowy', en: 'Initial' },
  terminal: { pl: 'Końcowy', en: 'Terminal' },
  sale: { pl: 'Sprzedaż', en: 'Sale' },
  color: { pl: 'Kolor', en: 'Colour' },
  requires: { pl: 'Wymaga pól', en: 'Requires fields' },
  noteRequired: { pl: 'Wymagana notatka', en: 'Note required' },
  schema: { pl: 'Schemat wartości', en: 'Value schema' },
  financial: { pl: 'Finansowe', en: 'Financial' },
  enumLabels: { pl: 'Nazwy wartości listy', en: 'Labels of the list values' },
  activityTypes: { pl: 'Rodzaje kontaktu', en: 'Activity types' },
  outcomes: { pl: 'Wyniki', en: 'Outcomes' },
  name: { pl: 'Nazwa', en: 'Name' },
  locale: { pl: 'Język', en: 'Language' },
  timeZone: { pl: 'Strefa czasowa', en: 'Time zone' },
  currency: { pl: 'Waluta', en: 'Currency' },
  logo: { pl: 'Logo', en: 'Logo' },
  permissions: { pl: 'Uprawnienia', en: 'Permissions' },
  description: { pl: 'Opis', en: 'Description' },
  enabled: { pl: 'Włączone', en: 'Enabled' },
  channels: { pl: 'Kanały', en: 'Channels' },
  minutesBefore: { pl: 'Minut przed', en: 'Minutes before' },
  template: { pl: 'Szablon', en: 'Template' },
  quietHours: { pl: 'Cisza nocna', en: 'Quiet hours' },
  sender: { pl: 'Nadawca', en: 'Sender' },
  type: { pl: 'Typ', en: 'Type' },
  enum: { pl: 'Wartości listy', en: 'List values' },
  format: { pl: 'Format', en: 'Format' },
  minimum: { pl: 'Najmniej', en: 'Minimum' },
  maximum: { pl: 'Najwięcej', en: 'Maximum' },
  minLength: { pl: 'Najmniej znaków', en: 'Min length' },
  maxLength: { pl: 'Najwięcej znaków', en: 'Max length' },
  pattern: { pl: 'Wzór (wyrażenie regularne)', en: 'Pattern (regular expression)' },
  'x-crm-label': { pl: 'Nazwa pola', en: 'Field label' },
  'x-crm-enum-labels': { pl: 'Nazwy wartości listy', en: 'Labels of the list values' },
  'x-crm-identifier': { pl: 'Identyfikator (suma kontrolna)', en: 'Identifier (checksum)' },
  'x-crm-searchable': { pl: 'Wyszukiwalne', en: 'Searchable' },
  'x-crm-pii': { pl: 'Dane osobowe (maskowane)', en: 'Personal data (masked)' },
  'x-crm-financial': { pl: 'Dane finansowe (maskowane)', en: 'Financial data (masked)' },
  'x-crm-encrypted': { pl: 'Szyfrowane', en: 'Encrypted' },
  purpose: { pl: 'Cel', en: 'Purpose' },
  years: { pl: 'Lat', en: 'Years' },
  months: { pl: 'Miesięcy', en: 'Months' },
  sessionHours: { pl: 'Długość sesji (godz.)', en: 'Session length (hours)' },
  passwordMinLength: { pl: 'Minimalna długość hasła', en: 'Password min length' },
  lockout: { pl: 'Blokada po nieudanych logowaniach', en: 'Lockout' },
};

/** "passwordMinLength" → "Password min length". */
export function spelledOut(name: string): string {
  const words = name
    .replace(/^x-crm-/, '')
    .replace(/[-_]/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The name of a property or section in `lang`: the dictionary, else the schema's `title`, else
 * the name spelled out.
 *
 * @example
 * propertyLabel('statuses', {}, 'pl'); // 'Statusy'
 * propertyLabel('maxBodyBytes', {}, 'pl'); // 'Max body bytes'
 */
export function propertyLabel(name: string, schema: JsonSchema, lang: Lang): string {
  const w = Object.hasOwn(names, name) ? names[name] : undefined;
  if (w) return lang === 'pl' ? w.pl : (w.en ?? spelledOut(name));
  return typeof schema['title'] === 'string' ? schema['title'] : spelledOut(name);
}

/** The help text of a property: the schema's `description` (English; there is no Polish copy of it). */
export function helpOf(schema: JsonSchema): string {
  return typeof schema['description'] === 'string' ? schema['description'] : '';
}

/**
 * The label of a map entry for people: its own `label` / `x-crm-label` in `lang` when it has one,
 * with the key beside it.
 */
export function entryLabel(key: string, value: unknown, lang: Lang): string {
  if (typeof value !== 'object' || value === null) return key;
  const v = value as Record<string, unknown>;
  const l = (v['label'] ?? v['x-crm-label']) as Partial<Record<Lang, string>> | undefined;
  const text = l?.[lang] || l?.pl;
  return text ? `${text} (${key})` : key;
}
