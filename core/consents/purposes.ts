/**
 * @module consents/purposes
 * The firm's purposes as the code uses them: the `purposes` section, plus every lead form consent
 * (`leads.consents`) that has no purpose of its own there (a consent with its texts, gating nothing),
 * so a config written before the section existed keeps working. Each version's texts carry their
 * SHA-256, computed here from the exact text.
 */
import { createHash } from 'node:crypto';
import type { FirmSections } from '../config/index.ts';
import type { LawfulBasis, PurposeChannel } from './config-schema.ts';

export type Lang = 'pl' | 'en';
export interface Label {
  pl: string;
  en: string;
}

export interface PurposeVersion {
  id: string;
  text: Label;
  /** SHA-256 (hex) of each exact text. */
  sha256: Label;
}

export interface Purpose {
  id: string;
  label: Label;
  description: Label | null;
  basis: LawfulBasis;
  channels: PurposeChannel[];
  /** Partner ids it names (partner-sharing); null: every partner. */
  partners: string[] | null;
  /** Outbox purposes it gates at send time. */
  sends: string[];
  current: string | null;
  versions: PurposeVersion[];
  clientField: string | null;
  /** Where it is declared: the `purposes` section, or only the lead form's consents. */
  declaredIn: 'purposes' | 'leads.consents';
}

/**
 * SHA-256 (hex) of the exact text, as UTF-8.
 * @example
 * textHash('Zgadzam się na kontakt.') // '5b1c…' (64 hex digits)
 */
export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

type RawVersion = { pl: string; en: string };
type RawPurpose = {
  label: Label;
  description?: Label;
  basis: LawfulBasis;
  channels?: readonly PurposeChannel[];
  partners?: readonly string[];
  sends?: readonly string[];
  current?: string;
  versions?: Record<string, RawVersion>;
  clientField?: string;
};
type RawLeadConsent = { current: string; versions: Record<string, RawVersion> };

const versionsOf = (v: Record<string, RawVersion> | undefined): PurposeVersion[] =>
  Object.entries(v ?? {}).map(([id, t]) => ({
    id,
    text: { pl: t.pl, en: t.en },
    sha256: { pl: textHash(t.pl), en: textHash(t.en) },
  }));

const cache = new WeakMap<object, Purpose[]>();

/**
 * Every purpose of the firm, in config order (the section's first, then lead-form-only consents).
 * @example
 * purposesOf(ctx.config).find((p) => p.id === 'sms-reminders')?.basis // 'consent'
 */
export function purposesOf(config: Partial<Pick<FirmSections, 'purposes' | 'leads'>>): Purpose[] {
  const key = config as object;
  const hit = cache.get(key);
  if (hit) return hit;
  const declared = (config.purposes ?? {}) as unknown as Record<string, RawPurpose>;
  const out: Purpose[] = Object.entries(declared).map(([id, p]) => ({
    id,
    label: p.label,
    description: p.description ?? null,
    basis: p.basis,
    channels: [...(p.channels ?? [])],
    partners: p.partners ? [...p.partners] : null,
    sends: [...(p.sends ?? [])],
    current: p.current ?? null,
    versions: versionsOf(p.versions),
    clientField: p.clientField ?? null,
    declaredIn: 'purposes',
  }));
  const leadConsents = (config.leads?.consents ?? {}) as unknown as Record<string, RawLeadConsent>;
  for (const [id, c] of Object.entries(leadConsents)) {
    if (id in declared) continue;
    const text = c.versions[c.current];
    out.push({
      id,
      label: { pl: text?.pl ?? id, en: text?.en ?? id },
      description: null,
      basis: 'consent',
      channels: [],
      partners: null,
      sends: [],
      current: c.current,
      versions: versionsOf(c.versions),
      clientField: null,
      declaredIn: 'leads.consents',
    });
  }
  cache.set(key, out);
  return out;
}

/** One purpose by id, or undefined. */
export function purposeOf(config: Partial<Pick<FirmSections, 'purposes' | 'leads'>>, id: string): Purpose | undefined {
  return purposesOf(config).find((p) => p.id === id);
}
