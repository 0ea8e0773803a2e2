/**
 * @module widgets/crm-client-card/component
 * `<crm-client-card client-id>`: one client's details and an edit form generated from the firm's
 * client JSON Schema for the client's kind. Saving sends only the fields the person changed,
 * with the version they saw: if someone else saved in between, the API answers 409 and the card
 * says so and shows the current data instead of overwriting it. Fields the user may not read
 * (absent from the API's answer) are neither shown nor offered for editing.
 */
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiController } from '../base/api-controller.ts';
import type { ApiError } from '../base/api-error.ts';
import { loadForClient } from '../base/client-load.ts';
import type { ClientItem, UserItem } from '../base/client-types.ts';
import { CrmElement } from '../base/crm-element.ts';
import {
  clientSchemaMeta,
  labelIn,
  meMeta,
  workflowMeta,
  type ClientSchemaMeta,
  type MeMeta,
  type WorkflowMeta,
} from '../base/crm-meta.ts';
import {
  defineTranslations,
  errorMessage,
  formatDate,
  formatDateTime,
  formatMoney,
  t as common,
} from '../base/i18n.ts';
import {
  enumLabel,
  fieldText,
  formFields,
  parseField,
  problemField,
  renderField,
  type FormField,
} from '../base/schema-form.ts';
import { badgeColor } from '../base/badge.ts';
import { uiStyles } from '../base/ui-styles.ts';
import '../crm-consents/index.ts'; // the consent panel (its own widget) shown on the card
import { CrmClientSavedEvent } from './events.ts';
import '../crm-audit-trail/index.ts'; // <crm-audit-trail> on the card, for audit:read

const t = defineTranslations({
  pl: {
    choose: 'Wybierz klienta z listy',
    edit: 'Edytuj',
    save: 'Zapisz',
    cancel: 'Anuluj',
    saved: 'Zapisano zmiany',
    type: 'Typ',
    source: 'Źródło',
    owner: 'Opiekun',
    created: 'Dodany',
    updated: 'Zmieniony',
    person: 'Osoba',
    company: 'Firma',
    conflict:
      'Ktoś inny zmienił tego klienta w międzyczasie. Pokazujemy aktualne dane — wprowadź swoją zmianę ponownie.',
    invalid: 'Popraw zaznaczone pola.',
    nothingChanged: 'Nic nie zmieniono.',
    noData: 'Brak dodatkowych danych',
    editOf: (name: string) => `Edycja: ${name}`,
  },
  en: {
    choose: 'Choose a client from the list',
    edit: 'Edit',
    save: 'Save',
    cancel: 'Cancel',
    saved: 'Changes saved',
    type: 'Type',
    source: 'Source',
    owner: 'Advisor',
    created: 'Added',
    updated: 'Changed',
    person: 'Person',
    company: 'Company',
    conflict: 'Someone else changed this client meanwhile. The current data is shown — please make your change again.',
    invalid: 'Please correct the marked fields.',
    nothingChanged: 'Nothing was changed.',
    noData: 'No further details',
    editOf: (name: string) => `Editing: ${name}`,
  },
});

/**
 * @summary One client's details and an edit form generated from the firm's client JSON Schema.
 *
 * @event crm-client-saved - An edit was saved; `event.client` is the saved client.
 * @event crm-error - Loading the client failed; `event.error` is the `ApiError`.
 * @csspart base - The panel.
 * @csspart header - Name, status and kind.
 * @csspart status - The status badge.
 * @csspart details - The list of field values.
 * @csspart form - The edit form.
 * @csspart field - One form field (label, input, error).
 * @csspart label - A field label.
 * @csspart input - A form input.
 * @csspart field-error - The inline message under an input.
 * @csspart button - The edit / save / cancel buttons.
 * @csspart message - A success or error message.
 * @csspart empty - Shown when no client is chosen.
 * @cssproperty --crm-color-danger - Error messages and invalid inputs.
 * @cssproperty --crm-color-success - The "saved" message.
 */
export class CrmClientCard extends CrmElement {
  static override styles = [...CrmElement.styles, uiStyles];

  /** Id of the client to show. */
  @property({ attribute: 'client-id', reflect: true }) clientId = '';

  @state() private editing = false;
  @state() private texts: Record<string, string> = {};
  @state() private errors: Record<string, string> = {};
  @state() private message: { kind: 'ok' | 'error'; text: string; list?: string[] } | undefined;
  @state() private saving = false;
  @state() private schema: ClientSchemaMeta | undefined;
  @state() private workflow: WorkflowMeta | undefined;
  @state() private me: MeMeta | undefined;
  @state() private users = new Map<string, string>();

  private readonly api = new ApiController<ClientItem>(this);
  private readonly side = new ApiController<unknown>(this);

  override connectedCallback(): void {
    super.connectedCallback();
    const base = this.apiConfig.baseUrl;
    clientSchemaMeta(this.side, base).then(
      (s) => (this.schema = s),
      () => undefined,
    );
    workflowMeta(this.side, base).then(
      (w) => (this.workflow = w),
      () => undefined,
    );
    meMeta(this.side, base).then(
      (m) => (this.me = m),
      () => undefined,
    );
    this.side.get<{ items: UserItem[] }>('/api/users').then(
      (r) => (this.users = new Map(r.items.map((u) => [u.id, u.name]))),
      () => undefined,
    );
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('clientId')) {
      this.editing = false;
      this.message = undefined;
      this.errors = {};
      if (this.clientId) void this.reload();
      else this.api.value = undefined;
    }
  }

  /** Loads the client again (e.g. after its status changed elsewhere on the page). */
  async reload(): Promise<void> {
    await loadForClient(this, this.api);
    await this.updateComplete;
  }

  /** Fields of this client's kind that the user can see: a masked class is left out. */
  private fields(client: ClientItem): FormField[] {
    const all = formFields(this.schema?.fields[client.kind], this.resolvedLang);
    const perms = this.me?.permissions;
    const piiHidden = !('displayName' in client) || (perms !== undefined && !perms['pii:read']);
    const financialHidden = perms !== undefined && !perms['financial:read'];
    return all.filter(
      (f) =>
        !(f.schema['x-crm-pii'] === true && piiHidden) && !(f.schema['x-crm-financial'] === true && financialHidden),
    );
  }

  private startEdit(client: ClientItem): void {
    this.texts = Object.fromEntries(this.fields(client).map((f) => [f.name, fieldText(f, client.data[f.name])]));
    this.errors = {};
    this.message = undefined;
    this.editing = true;
  }

  private async save(e: Event, client: ClientItem): Promise<void> {
    e.preventDefault();
    const data: Record<string, unknown> = {};
    const errors: Record<string, string> = {};
    for (const f of this.fields(client)) {
      const text = this.texts[f.name] ?? '';
      if (text === fieldText(f, client.data[f.name])) continue;
      const r = parseField(f, text, this);
      if (r.error) errors[f.name] = r.error;
      else data[f.name] = r.value ?? null;
    }
    this.errors = errors;
    if (Object.keys(errors).length) {
      this.message = { kind: 'error', text: t(this, 'invalid') };
      return;
    }
    if (!Object.keys(data).length) {
      this.editing = false;
      this.message = { kind: 'ok', text: t(this, 'nothingChanged') };
      return;
    }
    this.saving = true;
    try {
      const saved = await this.api.patch<ClientItem>(`/api/clients/${encodeURIComponent(client.id)}`, {
        version: client.version,
        data,
      });
      this.api.value = saved;
      this.editing = false;
      this.message = { kind: 'ok', text: t(this, 'saved') };
      this.dispatchEvent(new CrmClientSavedEvent(saved));
    } catch (error) {
      this.showFailure(error as ApiError);
    } finally {
      this.saving = false;
    }
  }

  private showFailure(error: ApiError): void {
    if (error.status === 409) {
      this.editing = false;
      this.message = { kind: 'error', text: t(this, 'conflict') };
      void this.reload();
      return;
    }
    if (error.status === 422 || error.status === 400) {
      const errors: Record<string, string> = {};
      const other: string[] = [];
      for (const p of error.problems) {
        const name = problemField(p.path);
        if (name in this.texts) errors[name] = p.message;
        else other.push(p.message);
      }
      this.errors = errors;
      this.message = { kind: 'error', text: error.problems.length ? t(this, 'invalid') : error.message, list: other };
      return;
    }
    this.message = {
      kind: 'error',
      text:
        error.status === 0 || error.status >= 500
          ? errorMessage(this, error)
          : error.message || errorMessage(this, error),
    };
  }

  private value(f: FormField, v: unknown): string {
    const lang = this.resolvedLang;
    if (f.kind === 'money' && typeof v === 'number') return formatMoney(v, lang);
    if (f.kind === 'date' && typeof v === 'string') return formatDate(v, lang);
    if (typeof v === 'boolean') return v ? '✓' : '—';
    if (f.kind === 'select') return enumLabel(f.schema, v, lang);
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }

  private renderDetails(client: ClientItem) {
    const fields = this.fields(client).filter((f) => client.data[f.name] !== undefined && client.data[f.name] !== null);
    const known = new Set(this.fields(client).map((f) => f.name));
    // Without the schema (endpoint missing) still show what the API sent, under raw names.
    const extra = this.schema ? [] : Object.keys(client.data).filter((k) => !known.has(k));
    if (!fields.length && !extra.length) return html`<p class="muted">${t(this, 'noData')}</p>`;
    return html`<dl part="details">
      ${fields.map((f) => html`<dt>${f.label}</dt><dd>${this.value(f, client.data[f.name])}</dd>`)}
      ${extra.map((k) => html`<dt>${k}</dt><dd>${String(client.data[k])}</dd>`)}
    </dl>`;
  }

  private renderForm(client: ClientItem) {
    const onInput = (name: string, text: string) => {
      this.texts = { ...this.texts, [name]: text };
      if (this.errors[name]) this.errors = { ...this.errors, [name]: '' };
    };
    return html`<form part="form" novalidate @submit=${(e: Event) => this.save(e, client)} aria-label=${t(
      this,
      'editOf',
      client.displayName ?? '',
    )}>
      <div class="grid">${this.fields(client).map((f) =>
        renderField(this, f, this.texts[f.name] ?? '', this.errors[f.name] || undefined, onInput, 'card'),
      )}</div>
      <div class="row actions">
        <button part="button" type="submit" ?disabled=${this.saving}>${
          this.saving ? common(this, 'loading') : t(this, 'save')
        }</button>
        <button part="button" type="button" class="secondary" @click=${() => {
          this.editing = false;
          this.errors = {};
          this.message = undefined;
        }}>${t(this, 'cancel')}</button>
      </div>
    </form>`;
  }

  override render() {
    const lang = this.resolvedLang;
    const { value: client, loading, error } = this.api;
    if (!this.clientId)
      return html`<section part="base"><p part="empty" class="muted">${t(this, 'choose')}</p></section>`;
    const msg = this.message;
    const messages = html`<div aria-live="polite">${
      msg
        ? html`<div part="message" class="message" data-kind=${msg.kind} role=${
            msg.kind === 'error' ? 'alert' : 'status'
          }>${msg.text}
      ${msg.list?.length ? html`<ul>${msg.list.map((m) => html`<li>${m}</li>`)}</ul>` : nothing}</div>`
        : nothing
    }</div>`;
    if (!client || client.id !== this.clientId) {
      return html`<section part="base">${
        error
          ? html`<p class="message" data-kind="error" role="alert">${errorMessage(this, error)}</p>`
          : html`<p class="muted">${loading ? common(this, 'loading') : ''}</p>`
      }</section>`;
    }
    const status = this.workflow?.statuses[client.status];
    const kind = t(this, client.kind === 'company' ? 'company' : 'person');
    return html`<section part="base" aria-busy=${loading ? 'true' : 'false'}>
      <div part="header" class="row">
        <h2>${client.displayName ?? html`<span class="muted">${kind} · ${client.id.slice(-6)}</span>`}</h2>
        <span part="status" class="badge" ${badgeColor(status?.color)}>${labelIn(
          this.workflow?.statuses,
          client.status,
          lang,
        )}</span>
        <span class="spacer"></span>
        ${
          this.editing
            ? nothing
            : html`<button part="button" class="secondary"
              @click=${() => this.startEdit(client)}>${t(this, 'edit')}</button>`
        }
      </div>
      <p class="muted">${kind} · ${t(this, 'type')}: ${labelIn(this.schema?.types, client.type, lang)}${
        client.source
          ? html` · ${t(this, 'source')}: ${labelIn(this.schema?.types[client.type]?.sources, client.source, lang)}`
          : nothing
      }
        ${
          client.ownerId && this.users.get(client.ownerId)
            ? html` · ${t(this, 'owner')}: ${this.users.get(client.ownerId)}`
            : nothing
        }
        · ${t(this, 'created')}: ${formatDateTime(client.createdAt, lang)}</p>
      ${messages}
      ${this.editing ? this.renderForm(client) : this.renderDetails(client)}
      ${
        this.me?.permissions['audit:read']?.length
          ? html`<crm-audit-trail part="audit" collapsed page-size="10" client-id=${client.id} base-url=${this.baseUrl}
              token=${this.token}></crm-audit-trail>`
          : nothing
      }
      <crm-consents part="consents" client-id=${client.id} base-url=${this.baseUrl} token=${this.token}></crm-consents>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-client-card': CrmClientCard;
  }
}
