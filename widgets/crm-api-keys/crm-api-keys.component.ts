/**
 * @module widgets/crm-api-keys/component
 * `<crm-api-keys>`: API keys for integrations (a portal feeding leads, a reporting tool), for a
 * person with `apikeys:write`. The keys with their permissions, creation and last use; a new key
 * with a name and permissions chosen among the creator's own (a key never gets more than its
 * creator has); the key itself shown once, with a copy button and a warning; revoke after a
 * confirmation on the row (the key stops at once). Over `/api/api-keys` and `/api/me`.
 */
import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { ActionRunner } from '../base/action-runner.ts';
import { ApiController } from '../base/api-controller.ts';
import type { ApiError } from '../base/api-error.ts';
import { CrmElement } from '../base/crm-element.ts';
import { errorMessage, formatDateTime } from '../base/i18n.ts';
import { uiStyles } from '../base/ui-styles.ts';
import { t } from './words.ts';

interface ApiKey {
  id: string;
  prefix: string;
  name: string;
  userId: string;
  permissions: string[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** At most this many permissions on one key (the API's limit). */
const MAX_PERMISSIONS = 10;

/**
 * @summary API keys for integrations: list, create with chosen permissions (the key shown once), revoke.
 *
 * @event crm-error - A request failed; `event.error` is the `ApiError`.
 * @csspart create - The form for a new key.
 * @csspart secret - The new key, shown once.
 * @csspart table - The keys.
 * @csspart message - The result of the last action.
 */
export class CrmApiKeys extends CrmElement {
  static override styles = [
    ...CrmElement.styles,
    uiStyles,
    css`
      form.create { display: grid; gap: .5rem; margin: .75rem 0; }
      fieldset { border: none; padding: 0; margin: 0; display: grid; gap: .25rem .75rem;
        grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); }
      fieldset legend { font-size: .85rem; padding: 0; margin-bottom: .25rem; }
      .secret { padding: .5rem; border: 2px solid var(--crm-color-warning, #b45309); border-radius: .25rem; }
      .secret code { display: block; word-break: break-all; padding: .25rem 0; font-size: 1rem; }
      .scroll { overflow-x: auto; }
      table { border-collapse: collapse; width: 100%; }
      td, th { padding: .35rem .5rem; border-bottom: 1px solid var(--crm-color-border, #e2e8f0);
        text-align: left; vertical-align: top; }
      td code { word-break: break-all; }
    `,
  ];

  @state() private keys: ApiKey[] = [];
  @state() private mine: string[] = [];
  @state() private fresh: { name: string; key: string } | null = null;
  @state() private confirming: string | null = null;
  @state() private showRevoked = false;
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
    fail: (e) => (this.error = this.explain(e)),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** Reload the keys and the caller's permissions. */
  async reload(): Promise<void> {
    await this.load();
  }

  private async load(): Promise<void> {
    try {
      const [keys, me] = await Promise.all([
        this.api.get<{ items: ApiKey[] }>('/api/api-keys'),
        this.api.get<{ permissions?: Record<string, unknown[]> }>('/api/me'),
      ]);
      this.keys = keys.items;
      this.mine = Object.keys(me.permissions ?? {}).sort();
    } catch (e) {
      this.error = errorMessage(this, e as ApiError);
    }
  }

  private explain(e: ApiError): string {
    if (e.status === 422 && e.problems.length)
      return t(this, 'refused', e.problems.map((p) => `${p.path.replace(/^\//, '')}: ${p.message}`).join('; '));
    return errorMessage(this, e);
  }

  private create(e: SubmitEvent): Promise<unknown> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const permissions = data.getAll('permissions').map(String);
    if (!name || !permissions.length || permissions.length > MAX_PERMISSIONS) {
      this.message = '';
      this.error = t(this, !name ? 'nameNeeded' : 'pickPermissions', MAX_PERMISSIONS);
      return Promise.resolve();
    }
    this.fresh = null;
    return this.action.run(async () => {
      const made = await this.api.post<ApiKey & { key: string }>('/api/api-keys', { name, permissions });
      form.reset();
      this.fresh = { name: made.name, key: made.key };
      return t(this, 'created', made.name);
    });
  }

  private revoke(k: ApiKey): Promise<unknown> {
    return this.action.run(async () => {
      this.confirming = null;
      await this.api.delete(`/api/api-keys/${encodeURIComponent(k.id)}`);
      return t(this, 'revokedOk', k.name);
    });
  }

  private async copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.message = t(this, 'copied');
    } catch {
      // No clipboard (an insecure page): the key stays selectable on the screen.
    }
  }

  private renderSecret() {
    const f = this.fresh!;
    return html`<div part="secret" class="secret" role="region" aria-label=${t(this, 'newKey')}>
      <p><strong>${t(this, 'onceWarning')}</strong></p>
      <code>${f.key}</code>
      <p><button @click=${() => this.copy(f.key)}>${t(this, 'copyKey')}</button>
      <button class="secondary" @click=${() => (this.fresh = null)}>${t(this, 'saved')}</button></p>
    </div>`;
  }

  private renderActions(k: ApiKey) {
    if (k.revokedAt) return nothing;
    if (this.confirming === k.id)
      return html`<span role="group" aria-label=${t(this, 'revokeAsk')}>${t(this, 'revokeAsk')}
        <button ?disabled=${this.action.busy} @click=${() => this.revoke(k)}>${t(this, 'yes')}</button>
        <button class="secondary" @click=${() => (this.confirming = null)}>${t(this, 'no')}</button></span>`;
    return html`<button class="secondary" aria-label=${`${t(this, 'revoke')}: ${k.name}`}
      @click=${() => (this.confirming = k.id)}>${t(this, 'revoke')}</button>`;
  }

  private renderRow(k: ApiKey) {
    const lang = this.resolvedLang;
    return html`<tr data-id=${k.id}>
      <td><strong>${k.name}</strong><br><small><code>bck_${k.prefix}_…</code></small></td>
      <td>${k.permissions.join(', ')}</td>
      <td>${formatDateTime(k.createdAt, lang)}</td>
      <td>${k.lastUsedAt ? formatDateTime(k.lastUsedAt, lang) : t(this, 'never')}</td>
      <td>${
        k.revokedAt
          ? t(this, 'revokedOn', formatDateTime(k.revokedAt, lang))
          : k.expiresAt
            ? t(this, 'until', formatDateTime(k.expiresAt, lang))
            : t(this, 'active')
      }</td>
      <td>${this.renderActions(k)}</td>
    </tr>`;
  }

  override render() {
    const shown = this.keys.filter((k) => this.showRevoked || !k.revokedAt);
    return html`<section part="base"><h2>${t(this, 'title')}</h2>
      <p class="muted">${t(this, 'intro')}</p>
      <details><summary>${t(this, 'new')}</summary>
      <form part="create" class="create" novalidate @submit=${(e: SubmitEvent) => this.create(e)}>
        <label class="field"><span>${t(this, 'name')}</span><input name="name" required maxlength="100"></label>
        <fieldset><legend>${t(this, 'permissions', MAX_PERMISSIONS)}</legend>${this.mine.map(
          (p) => html`<label><input type="checkbox" name="permissions" value=${p}> ${p}</label>`,
        )}</fieldset>
        <div><button type="submit" ?disabled=${this.action.busy}>${t(this, 'create')}</button></div>
      </form></details>
      <div aria-live="polite">${
        this.message ? html`<p part="message" class="message" data-kind="ok">${this.message}</p>` : nothing
      }</div>
      ${this.error ? html`<p class="message" data-kind="error" role="alert">${this.error}</p>` : nothing}
      ${this.fresh ? this.renderSecret() : nothing}
      <label><input type="checkbox" .checked=${this.showRevoked}
        @change=${(e: Event) => (this.showRevoked = (e.target as HTMLInputElement).checked)}>
        ${t(this, 'showRevoked')}</label>
      ${
        shown.length
          ? html`<div class="scroll"><table part="table"><thead><tr>
            <th scope="col">${t(this, 'keyName')}</th><th scope="col">${t(this, 'perms')}</th>
            <th scope="col">${t(this, 'createdAt')}</th><th scope="col">${t(this, 'lastUsed')}</th>
            <th scope="col">${t(this, 'state')}</th><th scope="col">${t(this, 'actions')}</th></tr></thead>
            <tbody>${shown.map((k) => this.renderRow(k))}</tbody></table></div>`
          : html`<p class="muted">${t(this, 'none')}</p>`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-api-keys': CrmApiKeys;
  }
}
