/**
 * @module processing-register/build
 * The record of processing activities (GDPR Art. 30) generated from what the CRM knows: the firm as
 * controller, each purpose with its lawful basis and channels (the `purposes` section), the
 * categories of personal data from the client field annotations (identifiers, contact, financial,
 * encrypted), the categories of recipients (product providers from the commission catalogue,
 * partner firms, the SMS and e-mail gateways), retention (the `retention` section when the firm has
 * one) and the security measures the install runs. A starting point the firm's DPO completes.
 */
import { asc, isNull } from 'drizzle-orm';
import { requirePermission, scopesOf } from '../access/index.ts';
import { clientFields, clientKinds, type ClientKind } from '../clients/index.ts';
import { listCatalog } from '../commissions/index.ts';
import { basisArticle, purposesOf, type Label, type LawfulBasis } from '../consents/index.ts';
import type { Ctx } from '../context.ts';

export type DataCategory = 'identifier' | 'contact' | 'financial' | 'personal' | 'other';

export interface RegisterPurpose {
  id: string;
  label: Label;
  description: Label | null;
  basis: LawfulBasis;
  /** `Art. 6(1)(a)` … */
  article: string;
  channels: string[];
  partners: string[] | null;
  gates: string[];
  versions: Array<{ id: string; sha256: Label }>;
  current: string | null;
  retention: string[];
}

export interface RegisterField {
  kind: ClientKind;
  name: string;
  label: Label;
  category: DataCategory;
  encrypted: boolean;
  identifier: string | null;
}

export interface ProcessingRegister {
  generatedAt: Date;
  controller: { name: string; details: string[] };
  purposes: RegisterPurpose[];
  dataSubjects: Label[];
  dataCategories: Array<{ category: DataCategory; label: Label; fields: RegisterField[] }>;
  encryptedFields: string[];
  recipients: Array<{ category: string; label: Label; names: string[] }>;
  retention: { configured: boolean; rules: Array<{ id: string; label: Label; purpose: string | null; rule: string }> };
  securityMeasures: Label[];
}

const categoryLabel: Record<DataCategory, Label> = {
  identifier: {
    pl: 'Identyfikatory (PESEL, NIP, REGON, dowód, rachunek)',
    en: 'Identifiers (PESEL, NIP, REGON, ID, account)',
  },
  contact: { pl: 'Dane kontaktowe', en: 'Contact data' },
  financial: { pl: 'Dane finansowe', en: 'Financial data' },
  personal: { pl: 'Inne dane osobowe', en: 'Other personal data' },
  other: { pl: 'Pozostałe dane sprawy', en: 'Other case data' },
};

function categoryOf(f: { schema: Record<string, unknown>; pii: boolean; financial: boolean; key: string | null }) {
  if (f.key === 'phone' || f.key === 'email' || f.schema.format === 'email') return 'contact';
  if (f.key || f.schema['x-crm-identifier']) return 'identifier';
  if (f.financial) return 'financial';
  if (f.pii) return 'personal';
  return 'other';
}

type RetentionRule = {
  id: string;
  label?: Label;
  purpose?: string;
  after?: { months?: number; years?: number; days?: number };
  from?: string;
  statuses?: string[];
  types?: string[];
  converted?: boolean;
};

function retentionOf(config: Ctx['config']): ProcessingRegister['retention'] {
  // The `retention` section belongs to the data-subject module; read as data so this module needs none of it.
  const section = (config as unknown as { retention?: { rules?: RetentionRule[] } }).retention;
  const rules = section?.rules ?? [];
  return {
    configured: rules.length > 0,
    rules: rules.map((r) => {
      const span = r.after
        ? Object.entries(r.after)
            .map(([unit, n]) => `${n} ${unit}`)
            .join(' ')
        : '?';
      const scope = [
        r.statuses?.length ? `statuses ${r.statuses.join(', ')}` : '',
        r.types?.length ? `types ${r.types.join(', ')}` : '',
        r.converted === false ? 'not converted' : r.converted ? 'converted' : '',
      ]
        .filter(Boolean)
        .join('; ');
      return {
        id: r.id,
        label: r.label ?? { pl: r.id, en: r.id },
        purpose: r.purpose ?? null,
        rule: `${span} after ${r.from ?? 'created'}${scope ? ` (${scope})` : ''}`,
      };
    }),
  };
}

/**
 * The register as data (`gdpr:manage` or `config:read`).
 * @example
 * const r = await buildRegister(ctx);
 * r.purposes.map((p) => `${p.id}: ${p.article}`) // ['credit-intermediation: Art. 6(1)(b)', …]
 */
export async function buildRegister(ctx: Ctx): Promise<ProcessingRegister> {
  // The DPO's permission, or reading the configuration it is generated from.
  if (!scopesOf(ctx.actor, 'gdpr:manage').length) requirePermission(ctx.actor, 'config:read');
  const config = ctx.config;
  const retention = retentionOf(config);
  const purposes: RegisterPurpose[] = purposesOf(config).map((p) => ({
    id: p.id,
    label: p.label,
    description: p.description,
    basis: p.basis,
    article: basisArticle[p.basis],
    channels: p.channels,
    partners: p.partners,
    gates: p.sends,
    versions: p.versions.map((v) => ({ id: v.id, sha256: v.sha256 })),
    current: p.current,
    retention: retention.rules.filter((r) => r.purpose === p.id).map((r) => r.rule),
  }));
  const cf = clientFields(config);
  const fields: RegisterField[] = [];
  for (const kind of clientKinds)
    for (const f of cf[kind].fields.values()) {
      const label = (f.schema['x-crm-label'] as Label | undefined) ?? { pl: f.name, en: f.name };
      fields.push({
        kind,
        name: f.name,
        label,
        category: categoryOf(f),
        encrypted: f.encrypted,
        identifier: (f.schema['x-crm-identifier'] as string | undefined) ?? (f.key === 'email' ? 'email' : null),
      });
    }
  const order: DataCategory[] = ['identifier', 'contact', 'financial', 'personal', 'other'];
  const catalog = await listCatalog(ctx);
  const partners = await ctx.db
    .select({ name: ctx.t.partners.name })
    .from(ctx.t.partners)
    .where(isNull(ctx.t.partners.archivedAt))
    .orderBy(asc(ctx.t.partners.name));
  const sms = ctx.plugins.names('smsProviders');
  const email = ctx.plugins.names('emailTransports');
  const kinds = [...new Set(catalog.providers.map((p) => p.kind))];
  return {
    generatedAt: ctx.clock.now(),
    controller: { name: config.firm.name, details: firmDetails(config.firm as Record<string, unknown>) },
    purposes,
    dataSubjects: [
      { pl: 'Klienci i osoby zainteresowane (leady)', en: 'Clients and prospects (leads)' },
      { pl: 'Osoby kontaktowe klientów firmowych', en: 'Contact persons of company clients' },
      { pl: 'Przedstawiciele partnerów', en: "Partners' representatives" },
      { pl: 'Pracownicy i doradcy firmy (użytkownicy)', en: "The firm's staff and advisors (users)" },
    ],
    dataCategories: order
      .map((category) => ({
        category,
        label: categoryLabel[category],
        fields: fields.filter((f) => f.category === category),
      }))
      .filter((c) => c.fields.length),
    encryptedFields: [...new Set(fields.filter((f) => f.encrypted).map((f) => f.name))],
    recipients: [
      {
        category: 'providers',
        label: {
          pl: `Banki i inni dostawcy produktów (${kinds.join(', ') || 'katalog pusty'})`,
          en: `Banks and other product providers (${kinds.join(', ') || 'catalogue empty'})`,
        },
        names: catalog.providers.map((p) => p.name),
      },
      {
        category: 'partners',
        label: { pl: 'Partnerzy polecający (raporty statusu)', en: 'Referring partners (status reports)' },
        names: partners.map((p) => p.name),
      },
      {
        category: 'sms-gateway',
        label: { pl: 'Bramka SMS (podmiot przetwarzający)', en: 'SMS gateway (processor)' },
        names: sms.length ? sms : ['dev-outbox'],
      },
      {
        category: 'email',
        label: { pl: 'Dostawca poczty e-mail (podmiot przetwarzający)', en: 'E-mail provider (processor)' },
        names: email.length ? email : ['dev-outbox'],
      },
    ],
    retention,
    securityMeasures: securityMeasures(fields),
  };
}

function firmDetails(firm: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const k of ['legalName', 'nip', 'regon', 'krs', 'address', 'email', 'phone', 'dpoEmail']) {
    const v = firm[k];
    if (typeof v === 'string' && v) out.push(v);
    else if (v && typeof v === 'object')
      out.push(
        Object.values(v as Record<string, unknown>)
          .filter(Boolean)
          .join(', '),
      );
  }
  return out;
}

function securityMeasures(fields: RegisterField[]): Label[] {
  const encrypted = [...new Set(fields.filter((f) => f.encrypted).map((f) => f.name))].join(', ');
  return [
    {
      pl: `Szyfrowanie w spoczynku (AES-256-GCM, klucz spoza bazy) pól: ${encrypted || 'brak'}`,
      en: `Encryption at rest (AES-256-GCM, a key kept outside the database) of: ${encrypted || 'none'}`,
    },
    {
      pl: 'Wyszukiwanie identyfikatorów po skrótach z kluczem (HMAC), bez jawnych wartości w indeksie',
      en: 'Identifiers searched by keyed hashes (HMAC), no plaintext in the search index',
    },
    {
      pl: 'Dziennik audytu zapisów i odczytów danych osobowych',
      en: 'Audit log of writes and of reads of personal data',
    },
    {
      pl: 'Zakresy dostępu według ról i struktury (własne, zespół, oddział, poddrzewo), maskowanie pól',
      en: 'Access scopes by role and structure (own, team, unit, subtree), field masking',
    },
    {
      pl: 'Sesje z wygasaniem, ochrona CSRF, blokada po nieudanych logowaniach',
      en: 'Expiring sessions, CSRF protection, lockout after failed sign-ins',
    },
    {
      pl: 'Rejestr zgód z wersją i skrótem SHA-256 treści; sprawdzenie zgody przy każdej wysyłce',
      en: "Consent ledger with each text's version and SHA-256; consent checked at every send",
    },
  ];
}
