/**
 * @module consents/checks
 * Config rules for the `purposes` section the schema cannot say: a consent has its texts and a
 * current version; a published text still matches its SHA-256; partners only for partner sharing;
 * the legacy client field exists and is a boolean; a lead form consent with the same id as a
 * purpose is that purpose (a consent, with the same texts for every version it names).
 */
import type { ConfigCheck } from '../config/index.ts';
import { textHash } from './purposes.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const checkPurposes: ConfigCheck = (config, report) => {
  const c = config as unknown as Record<string, unknown>;
  const purposes = isRecord(c.purposes) ? c.purposes : {};
  const clients = isRecord(c.clients) ? c.clients : {};
  const fields = isRecord(clients.fields) ? clients.fields : {};
  const fieldType = (name: string) => {
    for (const kind of Object.values(fields)) {
      const props = isRecord(kind) && isRecord(kind.properties) ? kind.properties : {};
      const f = props[name];
      if (isRecord(f)) return String(f.type);
    }
    return undefined;
  };
  for (const [id, p] of Object.entries(purposes)) {
    if (!isRecord(p)) continue;
    const at = `/purposes/${id}`;
    const versions = isRecord(p.versions) ? p.versions : undefined;
    if (p.basis === 'consent' && (!versions || typeof p.current !== 'string'))
      report(at, `the consent "${id}" needs "current" and "versions" (the texts a person agrees to)`);
    if (typeof p.current === 'string' && versions && !(p.current in versions))
      report(`${at}/current`, `version "${p.current}" has no text in "versions"`);
    if (typeof p.current === 'string' && !versions) report(`${at}/current`, 'a current version needs "versions"');
    for (const [v, text] of Object.entries(versions ?? {})) {
      if (!isRecord(text) || !isRecord(text.sha256)) continue;
      for (const lang of ['pl', 'en'] as const) {
        const given = text.sha256[lang];
        const shown = text[lang];
        if (typeof given === 'string' && typeof shown === 'string' && textHash(shown) !== given)
          report(
            `${at}/versions/${v}/${lang}`,
            `the ${lang} text of version "${v}" no longer matches its sha256 (now ${textHash(shown)}): a ` +
              'published text must not change; add a new version instead',
          );
      }
    }
    const channels = Array.isArray(p.channels) ? p.channels : [];
    if (Array.isArray(p.partners) && !channels.includes('partner-sharing'))
      report(`${at}/partners`, 'partners are named only by a purpose with the "partner-sharing" channel');
    if (typeof p.clientField === 'string') {
      const type = fieldType(p.clientField);
      if (type === undefined) report(`${at}/clientField`, `unknown client field "${p.clientField}"`);
      else if (type !== 'boolean')
        report(`${at}/clientField`, `the client field "${p.clientField}" is a ${type}, not a boolean`);
    }
  }
  const leads = isRecord(c.leads) ? c.leads : {};
  for (const [id, lc] of Object.entries(isRecord(leads.consents) ? leads.consents : {})) {
    const p = purposes[id];
    if (!isRecord(p) || !isRecord(lc)) continue;
    if (p.basis !== 'consent') {
      report(`/leads/consents/${id}`, `the purpose "${id}" rests on ${String(p.basis)}, not consent`);
      continue;
    }
    const mine = isRecord(p.versions) ? p.versions : {};
    for (const [v, text] of Object.entries(isRecord(lc.versions) ? lc.versions : {})) {
      const own = mine[v];
      if (!isRecord(own)) report(`/leads/consents/${id}/versions/${v}`, `the purpose "${id}" has no version "${v}"`);
      else if (isRecord(text) && (own.pl !== text.pl || own.en !== text.en))
        report(
          `/leads/consents/${id}/versions/${v}`,
          `the text differs from version "${v}" of the purpose "${id}" (one text, one hash: keep them equal)`,
        );
    }
  }
};
