/**
 * @module widgets/crm-lead-sources/component
 * `<crm-lead-sources>`: the public source keys that landing pages send leads with, for the person
 * who runs the firm's websites and campaigns. Each key with its client type, source, partner and
 * allowed origins; a new key from a form (origins one per line); the embed snippet ready to copy;
 * rotate (a new key, the old one refused at once) and revoke, each after a confirmation on the row.
 * Over `/api/lead-sources` (`apikeys:write`), `/api/clients/schema` (types and sources with their
 * labels) and `/api/partners` (when the caller may read partners).
 */
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { ActionRunner } from '../base/action-runner.ts';
import { ApiController } from '../base/api-controller.ts';
import type { ApiError } from '../base/api-error.ts';
import { CrmElement } from '../base/crm-element.ts';
import { defineTranslations, errorMessage, formatDate } from '../base/i18n.ts';
import { uiStyles } from '../base/ui-styles.ts';

type Label = { pl: string; en: string };
interface TypeInfo {
  label: Label;
  sources: Record<string, { label: Label }>;
}
interface SourceKey {
  id: string;
  key: string;
  name: string;
  clientType: string;
  source: string;
  origins: string[];
  partnerId: string | null;
  createdAt: string;
  revokedAt: string | null;
}
interface Partner {
  id: string;
  name: string;
}

const t = defineTranslations({
  pl: {
    title: 'Źródła leadów: klucze formularzy',
    intro:
      'Klucz publiczny trafia do kodu strony z formularzem. Pozwala tylko wysyłać leady wybranego typu i źródła, ' +
      'i tylko z wymienionych adresów stron.',
    name: 'Nazwa (np. strona kampanii)',
    keyName: 'Nazwa',
    type: 'Typ klienta',
    source: 'Źródło',
    partner: 'Partner',
    noPartner: '— bez partnera —',
    origins: 'Adresy stron, z których wolno wysyłać (jeden w wierszu, np. https://kredyty.example.pl)',
    create: 'Utwórz klucz',
    created: (name: string) => `Utworzono klucz „${name}”. Wklej fragment kodu na stronę.`,
    key: 'Klucz',
    allowed: 'Dozwolone strony',
    since: 'Od',
    state: 'Stan',
    active: 'Aktywny',
    revoked: (d: string) => `Wycofany ${d}`,
    snippet: 'Kod do wklejenia',
    copy: 'Kopiuj kod',
    copied: 'Skopiowano do schowka.',
    rotate: 'Wymień klucz',
    rotateAsk: 'Stary klucz przestanie działać od razu. Wymienić?',
    rotated: (name: string) => `Klucz „${name}” wymieniony. Podmień kod na stronie: stary klucz już nie działa.`,
    revoke: 'Wycofaj',
    revokeAsk: 'Formularze z tym kluczem przestaną przyjmować leady. Wycofać?',
    revokedOk: (name: string) => `Klucz „${name}” wycofany.`,
    yes: 'Tak',
    no: 'Nie',
    none: 'Nie ma jeszcze żadnego klucza.',
    showRevoked: 'Pokaż wycofane',
  },
  en: {
    title: 'Lead sources: form keys',
    intro:
      'A public key goes into the code of the page with the form. It only lets that page send leads of the chosen ' +
      'type and source, and only from the listed site addresses.',
    name: 'Name (e.g. the campaign page)',
    keyName: 'Name',
    type: 'Client type',
    source: 'Source',
    partner: 'Partner',
    noPartner: '— no partner —',
    origins: 'Addresses of the sites allowed to send (one per line, e.g. https://loans.example.com)',
    create: 'Create key',
    created: (name: string) => `Key "${name}" created. Paste the snippet into the page.`,
    key: 'Key',
    allowed: 'Allowed sites',
    since: 'Since',
    state: 'State',
    active: 'Active',
    revoked: (d: string) => `Revoked ${d}`,
    snippet: 'Code to paste',
    copy: 'Copy code',
    copied: 'Copied to the clipboard.',
    rotate: 'Replace key',
    rotateAsk: 'The old key stops working at once. Replace it?',
    rotated: (name: string) => `Key "${name}" replaced. Update the page's code: the old key no longer works.`,
    revoke: 'Revoke',
    revokeAsk: 'Forms with this key will stop accepting leads. Revoke it?',
    revokedOk: (name: string) => `Key "${name}" revoked.`,
    yes: 'Yes',
    no: 'No',
    none: 'There is no key yet.',
    showRevoked: 'Show revoked',
  },
});

/** The HTML a firm pastes into its landing page for one key. */
export function embedSnippet(key: string, crmOrigin: string): string {
  return (
    `<script type="module" src="${crmOrigin}/widgets/crm-lead-form.js"></script>\n` +
    `<crm-lead-form source-key="${key}" base-url="${crmOrigin}"></crm-lead-form>`
  );
}

/**
 * @summary Public lead-form keys: list, create with allowed origins, embed snippet to copy, rotate and revoke.
 *
 * @event crm-error - A request failed; `event.error` is the `ApiError`.
 * @csspart form - The new-key form.
 * @csspart table - The keys.
 * @csspart message - The result of the last action.
 */
export class CrmLeadSources extends CrmElement {
  static override styles = [
    ...CrmElement.styles,
    uiStyles,
    css`
      form { display: grid; gap: .5rem; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
        align-items: end; margin: .75rem 0; }
      form .wide { grid-column: 1 / -1; }
      textarea { min-height: 3.5rem; }
      .scroll { overflow-x: auto; }
      table { border-collapse: collapse; width: 100%; }
      td, th { padding: .35rem .5rem; border-bottom: 1px solid var(--crm-color-border, #e2e8f0);
        text-align: left; vertical-align: top; }
      code, pre { font-size: .8rem; overflow-wrap: anywhere; white-space: pre-wrap; }
      pre { margin: .25rem 0; padding: .4rem; background: var(--crm-color-surface-muted, #f1f5f9); }
      td.actions button { margin: 0 .25rem .25rem 0; }
      tr[data-revoked] td { color: var(--crm-color-text-muted, #475569); }
    `,
  ];

  @state() private keys: SourceKey[] = [];
  @state() private types: Record<string, TypeInfo> = {};
  @state() private partners: Partner[] = [];
  @state() private type = '';
  @state() private confirming: { id: string; action: 'rotate' | 'revoke' } | null = null;
  @state() private withRevoked = false;
  @state() private message = '';
  @state() private error = '';
  private readonly api = new ApiController<unknown>(this);
  /** One action at a time (a double click does nothing twice); the list reloads before the message is said. */
  private readonly action = new ActionRunner<string>(this, {
    start: () => {
      this.error = '';
      this.message = '';
    },
    refresh: () => this.load(),
    done: (message) => (this.message = message),
    fail: (e) => (this.error = errorMessage(this, e)),
    settle: () => (this.confirming = null),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** Reload the keys. */
  async reload(): Promise<void> {
    await this.load();
  }

  private async load(): Promise<void> {
    this.error = '';
    try {
      const [keys, schema] = await Promise.all([
        this.api.get<{ items: SourceKey[] }>('/api/lead-sources'),
        this.api.get<{ types: Record<string, TypeInfo> }>('/api/clients/schema'),
      ]);
      this.keys = keys.items;
      this.types = schema.types;
      if (!this.type) this.type = Object.keys(schema.types)[0] ?? '';
      // Partners are offered only to those who may read them (asked first: a 403 would be a console error).
      const me = await this.api.get<{ permissions?: Record<string, unknown[]> }>('/api/me');
      this.partners = me.permissions?.['partners:read']?.length
        ? (await this.api.get<{ items: Partner[] }>('/api/partners')).items
        : [];
    } catch (e) {
      this.error = errorMessage(this, e as ApiError);
    }
  }

  private create(e: SubmitEvent): Promise<unknown> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const origins = String(data.get('origins') ?? '')
      .split(/\s+/)
      .filter(Boolean);
    const partnerId = String(data.get('partnerId') ?? '') || null;
    return this.action.run(async () => {
      const key = await this.api.post<SourceKey>('/api/lead-sources', {
        name: String(data.get('name') ?? '').trim(),
        clientType: this.type,
        source: String(data.get('source') ?? ''),
        origins,
        ...(partnerId ? { partnerId } : {}),
      });
      form.reset();
      return t(this, 'created', key.name);
    });
  }

  private act(k: SourceKey, action: 'rotate' | 'revoke'): Promise<unknown> {
    return this.action.run(async () => {
      if (action === 'rotate') {
        await this.api.post<SourceKey>(`/api/lead-sources/${encodeURIComponent(k.id)}/rotate`);
        return t(this, 'rotated', k.name);
      }
      await this.api.delete(`/api/lead-sources/${encodeURIComponent(k.id)}`);
      return t(this, 'revokedOk', k.name);
    });
  }

  private async copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.message = t(this, 'copied');
    } catch {
      // No clipboard (an insecure page): the snippet stays selectable on the screen.
    }
  }

  private crmOrigin(): string {
    return this.apiConfig.baseUrl || location.origin;
  }

  private label(l: Label | undefined, fallback: string): string {
    return l ? l[this.resolvedLang] : fallback;
  }

  private renderForm() {
    const type = this.types[this.type];
    return html`<form part="form" @submit=${(e: SubmitEvent) => this.create(e)}>
      <label class="field"><span>${t(this, 'name')}</span><input name="name" required maxlength="200"></label>
      <label class="field"><span>${t(this, 'type')}</span>
        <select name="clientType" @change=${(e: Event) => (this.type = (e.target as HTMLSelectElement).value)}>
          ${Object.entries(this.types).map(
            ([id, info]) =>
              html`<option value=${id} ?selected=${id === this.type}>${this.label(info.label, id)}</option>`,
          )}
        </select></label>
      <label class="field"><span>${t(this, 'source')}</span><select name="source" required>
        ${Object.entries(type?.sources ?? {}).map(
          ([id, s]) => html`<option value=${id}>${this.label(s.label, id)}</option>`,
        )}
      </select></label>
      ${
        this.partners.length
          ? html`<label class="field"><span>${t(this, 'partner')}</span><select name="partnerId">
            <option value="">${t(this, 'noPartner')}</option>
            ${this.partners.map((p) => html`<option value=${p.id}>${p.name}</option>`)}</select></label>`
          : nothing
      }
      <label class="field wide"><span>${t(this, 'origins')}</span>
        <textarea name="origins" required></textarea></label>
      <div><button type="submit" ?disabled=${this.action.busy}>${t(this, 'create')}</button></div>
    </form>`;
  }

  private renderActions(k: SourceKey) {
    if (k.revokedAt) return nothing;
    const c = this.confirming;
    if (c?.id === k.id)
      return html`<p>${t(this, c.action === 'rotate' ? 'rotateAsk' : 'revokeAsk')}</p>
        <button ?disabled=${this.action.busy} @click=${() => this.act(k, c.action)}>${t(this, 'yes')}</button>
        <button class="secondary" @click=${() => (this.confirming = null)}>${t(this, 'no')}</button>`;
    return html`<button class="secondary" @click=${() => (this.confirming = { id: k.id, action: 'rotate' })}>
        ${t(this, 'rotate')}</button>
      <button class="secondary" @click=${() => (this.confirming = { id: k.id, action: 'revoke' })}>
        ${t(this, 'revoke')}</button>`;
  }

  private renderKey(k: SourceKey) {
    const lang = this.resolvedLang;
    const type = this.types[k.clientType];
    const snippet = embedSnippet(k.key, this.crmOrigin());
    const partner = this.partners.find((p) => p.id === k.partnerId);
    return html`<tr data-id=${k.id} ?data-revoked=${Boolean(k.revokedAt)}>
      <td><strong>${k.name}</strong><br><small>${this.label(type?.label, k.clientType)} ·
        ${this.label(type?.sources[k.source]?.label, k.source)}${partner ? ` · ${partner.name}` : ''}</small></td>
      <td><code>${k.key}</code></td>
      <td>${k.origins.map((o) => html`<div>${o}</div>`)}</td>
      <td>${k.revokedAt ? t(this, 'revoked', formatDate(k.revokedAt, lang)) : t(this, 'active')}<br>
        <small>${t(this, 'since')} ${formatDate(k.createdAt, lang)}</small></td>
      <td>${
        k.revokedAt
          ? nothing
          : html`<pre aria-label=${`${t(this, 'snippet')}: ${k.name}`}>${snippet}</pre>
            <button class="secondary" @click=${() => this.copy(snippet)}>${t(this, 'copy')}</button>`
      }</td>
      <td class="actions">${this.renderActions(k)}</td>
    </tr>`;
  }

  override render() {
    const shown = this.keys.filter((k) => this.withRevoked || !k.revokedAt);
    return html`<section part="base"><h2>${t(this, 'title')}</h2>
      <p class="muted">${t(this, 'intro')}</p>
      ${this.renderForm()}
      <div aria-live="polite">${
        this.message ? html`<p part="message" class="message" data-kind="ok">${this.message}</p>` : nothing
      }</div>
      ${this.error ? html`<p class="message" data-kind="error" role="alert">${this.error}</p>` : nothing}
      <label><input type="checkbox" .checked=${this.withRevoked}
        @change=${(e: Event) => (this.withRevoked = (e.target as HTMLInputElement).checked)}>
        ${t(this, 'showRevoked')}</label>
      ${
        shown.length
          ? html`<div class="scroll" tabindex="0" role="region" aria-label=${t(this, 'title')}>
            <table part="table"><thead><tr><th scope="col">${t(this, 'keyName')}</th>
              <th scope="col">${t(this, 'key')}</th><th scope="col">${t(this, 'allowed')}</th>
              <th scope="col">${t(this, 'state')}</th><th scope="col">${t(this, 'snippet')}</th>
              <th scope="col"><span class="visually-hidden">${t(this, 'rotate')}</span></th></tr></thead>
            <tbody>${shown.map((k) => this.renderKey(k))}</tbody></table></div>`
          : html`<p class="muted">${t(this, 'none')}</p>`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-lead-sources': CrmLeadSources;
  }
}
