/**
 * @module leads/notice
 * The e-mail that tells an advisor a lead is theirs: the person's name and phone as the lead gave
 * them, the source's label, and a link to the client's card in the intranet (`firm.intranetUrl`).
 * It goes only to the advisor the lead was assigned to, who may see the client; its body is sealed
 * in the outbox (personal data are encrypted at rest there too) and the subject line, which lists
 * show, names no one. In the firm's language (`firm.locale`).
 */
import { clientFields, type ClientKind } from '../clients/index.ts';
import type { FirmSections } from '../config/index.ts';

export interface NoticeInput {
  reference: string;
  kind: ClientKind;
  type: string;
  source: string | null;
  clientId: string;
  data: Record<string, unknown>;
  /** An existing client got the lead (a repeated enquiry), not a new one. */
  matched: boolean;
}

const words = {
  pl: {
    created: (ref: string) => `Nowy lead ${ref}`,
    matched: (ref: string) => `Ponowne zgłoszenie ${ref}`,
    intro: 'Przydzielono Ci zgłoszenie.',
    name: 'Imię i nazwisko / nazwa',
    phone: 'Telefon',
    source: 'Źródło',
    card: 'Karta klienta',
    noLink: 'Otwórz kartę klienta w CRM (wyszukaj po nazwisku lub telefonie).',
    none: '(nie podano)',
  },
  en: {
    created: (ref: string) => `New lead ${ref}`,
    matched: (ref: string) => `Repeated enquiry ${ref}`,
    intro: 'A lead has been assigned to you.',
    name: 'Name',
    phone: 'Phone',
    source: 'Source',
    card: 'Client card',
    noLink: "Open the client's card in the CRM (search by name or phone).",
    none: '(not given)',
  },
};

/** The link to a client's card: the intranet opens `#client=<id>` on sign-in. */
export function clientCardUrl(config: Pick<FirmSections, 'firm'>, clientId: string): string | null {
  const base = config.firm.intranetUrl;
  if (!base) return null;
  const url = new URL(base);
  url.hash = `client=${encodeURIComponent(clientId)}`;
  return url.toString();
}

/**
 * The notice's subject (no personal data: outbox lists show it) and text.
 * @example
 * const { subject, text } = leadNotice(ctx.config, { reference: 'L-1A2B3C', kind: 'person',
 *   type: 'company-acquired', source: 'website-form', clientId, matched: false,
 *   data: { firstName: 'Zofia', lastName: 'Wiśniewska', phone: '601 234 567' } });
 * // text: 'Imię i nazwisko / nazwa: Zofia Wiśniewska\nTelefon: 601 234 567\nŹródło: Formularz na stronie www …'
 */
export function leadNotice(
  config: Pick<FirmSections, 'firm' | 'clients'>,
  lead: NoticeInput,
): { subject: string; text: string } {
  const lang = config.firm.locale === 'en-GB' ? 'en' : 'pl';
  const w = words[lang];
  const kf = clientFields(config)[lead.kind];
  const value = (name: string) => {
    const v = lead.data[name];
    return typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '';
  };
  const name = kf.displayName.map(value).filter(Boolean).join(' ');
  const phoneField = [...kf.fields.values()].find((f) => f.key === 'phone');
  const phone = phoneField ? value(phoneField.name) : '';
  const types = config.clients.types as Record<
    string,
    { sources?: Record<string, { label: { pl: string; en: string } }> }
  >;
  const sourceLabel = lead.source ? (types[lead.type]?.sources?.[lead.source]?.label[lang] ?? lead.source) : null;
  const subject = `${lead.matched ? w.matched(lead.reference) : w.created(lead.reference)}${
    sourceLabel ? ` (${sourceLabel})` : ''
  }`;
  const link = clientCardUrl(config, lead.clientId);
  const text = [
    `${subject}. ${w.intro}`,
    '',
    `${w.name}: ${name || w.none}`,
    `${w.phone}: ${phone || w.none}`,
    `${w.source}: ${sourceLabel ?? w.none}`,
    link ? `${w.card}: ${link}` : w.noLink,
    '',
  ].join('\n');
  return { subject, text };
}
