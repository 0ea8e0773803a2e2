/**
 * @module widgets/crm-client-form/component
 * `<crm-client-form>`: a new client, person or company. The fields are the firm's (generated from
 * `GET /api/clients/schema`, like the card's edit form), the type and source pickers show the
 * config's labels, and a source that is a referral asks for the partner firm and its representative
 * (external) or the referring advisor (internal). As soon as a PESEL, NIP or REGON has all its
 * digits, the form asks `POST /api/clients/duplicates` and warns "already a client of branch X"
 * without showing what the person may not see. Saving sends one `POST /api/clients`; a second click
 * while it is on its way sends nothing.
 */
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiController } from '../base/api-controller.ts';
import type { ApiError } from '../base/api-error.ts';
import type { ClientItem, UserItem } from '../base/client-types.ts';
import { CrmElement } from '../base/crm-element.ts';
import { clientSchemaMeta, labelIn, type ClientSchemaMeta } from '../base/crm-meta.ts';
import { errorMessage, t as common } from '../base/i18n.ts';
import { formFields, parseField, problemField, renderField, type FormField } from '../base/schema-form.ts';
import { uiStyles } from '../base/ui-styles.ts';
import { CrmClientCreatedEvent, CrmClientFormCancelEvent, CrmClientOpenEvent } from './events.ts';
import { clientFormStyles } from './crm-client-form.styles.ts';
import { t } from './i18n.ts';
import {
  duplicateKinds,
  identifierMessage,
  lengthProblem,
  readyForCheck,
  type DuplicateKind,
  type IdentifierKind,
} from './identifiers.ts';

type Kind = 'person' | 'company';
interface Partner {
  id: string;
  name: string;
  type: string;
  internalUserId?: string | null;
  archived?: boolean;
}
interface Person {
  id: string;
  name: string;
  archived?: boolean;
}
interface Duplicate {
  field: string;
  value: string;
  exists: boolean;
  unitName: string | null;
  clientId?: string;
  displayName?: string;
}

const identifierOf = (f: FormField) => f.schema['x-crm-identifier'] as IdentifierKind | undefined;
const isDuplicateKind = (k: string | undefined): k is DuplicateKind => duplicateKinds.includes(k as DuplicateKind);

/**
 * @summary A new client (person or company): the firm's fields, type, source and referral, consents,
 * and a live warning when the PESEL/NIP/REGON already belongs to a client.
 *
 * @event crm-client-created - The client was saved; `event.client` is it (as the API returned it).
 * @event crm-client-open - The person asked to open the existing client a duplicate warning named; `event.clientId`.
 * @event crm-client-form-cancel - The person cancelled.
 * @event crm-error - A request failed; `event.error` is the `ApiError`.
 * @csspart base - The panel.
 * @csspart form - The form.
 * @csspart kind - The person/company choice.
 * @csspart field - One form field (label, input, error).
 * @csspart label - A field label.
 * @csspart input - A form input.
 * @csspart field-error - The inline message under an input.
 * @csspart duplicate - The "already a client" warning under an identifier.
 * @csspart button - Save and cancel.
 * @csspart message - The form's success or error message.
 * @cssproperty --crm-color-warning - The duplicate warning.
 * @cssproperty --crm-color-danger - Error messages and invalid inputs.
 */
export class CrmClientForm extends CrmElement {
  static override styles = [...CrmElement.styles, uiStyles, clientFormStyles];

  /** `person` or `company`; the person may switch. */
  @property() kind: Kind = 'person';
  /** Preselected client type id (default: the first of the config). */
  @property() type = '';

  @state() private schema: ClientSchemaMeta | undefined;
  @state() private texts: Record<string, string> = {};
  @state() private errors: Record<string, string> = {};
  @state() private source = '';
  @state() private partnerId = '';
  @state() private referrerId = '';
  @state() private partners: Partner[] = [];
  @state() private people: Person[] = [];
  @state() private users: UserItem[] = [];
  @state() private duplicate: Duplicate | undefined;
  @state() private message: { kind: 'ok' | 'error'; text: string; list?: string[] } | undefined;
  @state() private saving = false;

  private readonly api = new ApiController<unknown>(this);
  private readonly dupApi = new ApiController<unknown>(this);
  private dupTimer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    clientSchemaMeta(this.api, this.apiConfig.baseUrl).then(
      (s) => {
        this.schema = s;
        if (!this.type || !s.types[this.type]) this.type = Object.keys(s.types)[0] ?? '';
      },
      () => undefined,
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.dupTimer);
  }

  /** Empties the form for the next client. */
  reset(): void {
    this.texts = {};
    this.errors = {};
    this.source = '';
    this.partnerId = '';
    this.referrerId = '';
    this.people = [];
    this.duplicate = undefined;
  }

  private fields(): FormField[] {
    return formFields(this.schema?.fields[this.kind], this.resolvedLang);
  }

  private referral(): 'external' | 'internal' | 'none' {
    const s = this.schema?.types[this.type]?.sources?.[this.source] as unknown as { referral?: string } | undefined;
    return s?.referral === 'external' ? 'external' : s?.referral === 'internal' ? 'internal' : 'none';
  }

  private sourceRequired(): boolean {
    return (
      (this.schema?.types[this.type] as unknown as { sourceRequired?: boolean } | undefined)?.sourceRequired === true
    );
  }

  private setKind(kind: Kind): void {
    if (kind === this.kind) return;
    this.kind = kind;
    this.texts = {};
    this.errors = {};
    this.duplicate = undefined;
  }

  private setSource(source: string): void {
    this.source = source;
    this.partnerId = '';
    this.referrerId = '';
    this.people = [];
    const referral = this.referral();
    if (referral === 'external' && !this.partners.length)
      this.api.get<{ items: Partner[] }>('/api/partners').then(
        (r) => (this.partners = r.items.filter((p) => !p.archived && !p.internalUserId)),
        () => undefined,
      );
    if (referral === 'internal' && !this.users.length)
      this.api.get<{ items: Array<UserItem & { partnerId?: string | null }> }>('/api/users').then(
        (r) => (this.users = r.items.filter((u) => !u.partnerId)), // a partner's login is not an advisor
        () => undefined,
      );
  }

  private setPartner(id: string): void {
    this.partnerId = id;
    this.referrerId = '';
    this.people = [];
    this.errors = { ...this.errors, partnerId: '' };
    if (id)
      this.api.get<{ items: Person[] }>(`/api/partners/${encodeURIComponent(id)}/people`).then(
        (r) => {
          if (this.partnerId === id) this.people = r.items.filter((p) => !p.archived);
        },
        () => undefined,
      );
  }

  private onInput = (name: string, text: string): void => {
    this.texts = { ...this.texts, [name]: text };
    if (this.errors[name]) this.errors = { ...this.errors, [name]: '' };
    const field = this.fields().find((f) => f.name === name);
    const kind = field && identifierOf(field);
    if (isDuplicateKind(kind)) this.scheduleDuplicateCheck(name, kind, text);
  };

  private scheduleDuplicateCheck(field: string, kind: DuplicateKind, text: string): void {
    clearTimeout(this.dupTimer);
    const value = readyForCheck(kind, text);
    if (this.duplicate?.field === field && this.duplicate.value !== value) this.duplicate = undefined;
    if (!value) return;
    this.dupTimer = setTimeout(() => void this.checkDuplicate(field, kind, value), 250);
  }

  private async checkDuplicate(field: string, kind: DuplicateKind, value: string): Promise<void> {
    try {
      const r = await this.dupApi.post<Omit<Duplicate, 'field' | 'value'>>('/api/clients/duplicates', {
        [kind]: value,
      });
      if (readyForCheck(kind, this.texts[field] ?? '') !== value) return; // typed on meanwhile
      this.duplicate = { field, value, ...r };
    } catch (error) {
      const e = error as ApiError;
      if (e.status === 422) {
        const key = typeof e.details?.['messageKey'] === 'string' ? e.details['messageKey'] : undefined;
        this.errors = { ...this.errors, [field]: identifierMessage(this, kind, key) };
      }
      // Anything else (rate limit, network): the check is a courtesy; saving still validates.
    }
  }

  private async save(e: Event): Promise<void> {
    e.preventDefault();
    if (this.saving) return; // a double click sends one request
    this.saving = true;
    try {
      await this.checkPending();
      await this.validateAndSend();
    } finally {
      this.saving = false;
    }
  }

  /** Identifiers typed but not yet checked (the person saved within the debounce): check them now. */
  private async checkPending(): Promise<void> {
    clearTimeout(this.dupTimer);
    for (const f of this.fields()) {
      const kind = identifierOf(f);
      const value = isDuplicateKind(kind) ? readyForCheck(kind, this.texts[f.name] ?? '') : null;
      if (isDuplicateKind(kind) && value && !this.errors[f.name] && this.duplicate?.value !== value)
        await this.checkDuplicate(f.name, kind, value);
    }
  }

  private async validateAndSend(): Promise<void> {
    const data: Record<string, unknown> = {};
    const errors: Record<string, string> = {};
    for (const f of this.fields()) {
      const text = this.texts[f.name] ?? '';
      const r = parseField(f, text, this);
      const kind = identifierOf(f);
      const problem = !r.error && kind ? lengthProblem(kind, text) : null;
      if (r.error) errors[f.name] = r.error;
      else if (problem && kind) errors[f.name] = identifierMessage(this, kind, problem);
      else if (this.errors[f.name]) errors[f.name] = this.errors[f.name]!;
      else if (r.value !== undefined) data[f.name] = r.value;
    }
    if (!this.type) errors['type'] = t(this, 'chooseType');
    if (!this.source && this.sourceRequired()) errors['source'] = t(this, 'chooseSource');
    if (this.referral() === 'external' && !this.partnerId) errors['partnerId'] = t(this, 'choosePartner');
    if (this.referral() === 'internal' && !this.referrerId) errors['referrerId'] = t(this, 'chooseReferrer');
    this.errors = errors;
    if (Object.values(errors).some(Boolean)) {
      this.message = { kind: 'error', text: t(this, 'invalid') };
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const body = {
      kind: this.kind,
      type: this.type,
      source: this.source || null,
      ...(this.partnerId ? { partnerId: this.partnerId } : {}),
      ...(this.referrerId ? { referrerId: this.referrerId } : {}),
      data,
    };
    this.message = undefined;
    try {
      const client = await this.api.post<ClientItem>('/api/clients', body);
      this.reset();
      this.message = { kind: 'ok', text: t(this, 'saved', client.displayName ?? '') };
      this.dispatchEvent(new CrmClientCreatedEvent(client));
    } catch (error) {
      this.showFailure(error as ApiError);
    }
  }

  private showFailure(error: ApiError): void {
    if (error.status !== 422 && error.status !== 400) {
      this.message = { kind: 'error', text: error.status === 403 ? t(this, 'forbidden') : errorMessage(this, error) };
      return;
    }
    const fields = new Map(this.fields().map((f) => [f.name, f]));
    const errors: Record<string, string> = {};
    const other: string[] = [];
    const mine: Record<string, string> = {
      type: t(this, 'chooseType'),
      source: t(this, 'chooseSource'),
      partnerId: t(this, 'choosePartner'),
      referrerId: t(this, 'chooseReferrer'),
    };
    for (const p of error.problems) {
      const name = problemField(p.path);
      const f = fields.get(name);
      const kind = f && identifierOf(f);
      if (f) errors[name] = kind ? identifierMessage(this, kind) : p.message;
      else if (p.path === `/${name}` && mine[name]) errors[name] = mine[name];
      else other.push(p.message);
    }
    this.errors = errors;
    this.message = { kind: 'error', text: t(this, 'invalid'), list: other };
  }

  private renderDuplicate(field: string) {
    const d = this.duplicate;
    if (!d || d.field !== field) return nothing;
    if (!d.exists) return html`<p part="duplicate" class="dup-none muted" role="status">${t(this, 'noDuplicate')}</p>`;
    const who = t(this, this.kind === 'company' ? 'companyExists' : 'personExists', d.unitName ?? '');
    return html`<div part="duplicate" class="dup" role="alert">
      <strong>${who}</strong>
      ${d.displayName ? html`<span> — ${d.displayName}</span>` : nothing}
      ${
        d.clientId
          ? html`<button type="button" class="link" @click=${() =>
              this.dispatchEvent(new CrmClientOpenEvent(d.clientId!))}>${t(this, 'openExisting')}</button>`
          : html`<span class="muted">${t(this, 'askOwner')}</span>`
      }
    </div>`;
  }

  private renderSelect(
    id: string,
    label: string,
    value: string,
    options: Array<[string, string]>,
    onChange: (v: string) => void,
    opts: { required?: boolean; empty?: string } = {},
  ) {
    const err = this.errors[id];
    return html`<div class="field" part="field">
      <label for="cf-${id}" part="label">${label}${
        opts.required ? html`<span aria-hidden="true" class="req"> *</span>` : nothing
      }</label>
      <select id="cf-${id}" part="input" ?required=${opts.required} aria-invalid=${err ? 'true' : 'false'}
        aria-describedby=${err ? `cf-${id}-error` : nothing}
        @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
        ${opts.empty !== undefined ? html`<option value="" ?selected=${value === ''}>${opts.empty}</option>` : nothing}
        ${options.map(([v, l]) => html`<option value=${v} ?selected=${v === value}>${l}</option>`)}
      </select>
      ${err ? html`<span class="field-error" id="cf-${id}-error" part="field-error">${err}</span>` : nothing}
    </div>`;
  }

  private renderClassification() {
    const lang = this.resolvedLang;
    const types = this.schema?.types ?? {};
    const sources = types[this.type]?.sources ?? {};
    const referral = this.referral();
    return html`<div class="grid">
      ${this.renderSelect(
        'type',
        t(this, 'type'),
        this.type,
        Object.keys(types).map((id) => [id, labelIn(types, id, lang)]),
        (v) => {
          this.type = v;
          this.setSource('');
          this.errors = { ...this.errors, type: '' };
        },
        { required: true },
      )}
      ${this.renderSelect(
        'source',
        t(this, 'source'),
        this.source,
        Object.keys(sources).map((id) => [id, labelIn(sources, id, lang)]),
        (v) => {
          this.setSource(v);
          this.errors = { ...this.errors, source: '' };
        },
        { required: this.sourceRequired(), empty: t(this, 'noSource') },
      )}
      ${
        referral === 'external'
          ? html`${this.renderSelect(
              'partnerId',
              t(this, 'partner'),
              this.partnerId,
              this.partners
                .filter(
                  (p) => !this.source || p.type === this.source || !this.partners.some((q) => q.type === this.source),
                )
                .map((p) => [p.id, p.name]),
              (v) => this.setPartner(v),
              { required: true, empty: t(this, 'choose') },
            )}
            ${this.renderSelect(
              'referrerId',
              t(this, 'representative'),
              this.referrerId,
              this.people.map((p) => [p.id, p.name]),
              (v) => (this.referrerId = v),
              { empty: t(this, 'noRepresentative') },
            )}`
          : nothing
      }
      ${
        referral === 'internal'
          ? this.renderSelect(
              'referrerId',
              t(this, 'referrer'),
              this.referrerId,
              this.users.map((u) => [u.id, u.name]),
              (v) => {
                this.referrerId = v;
                this.errors = { ...this.errors, referrerId: '' };
              },
              { required: true, empty: t(this, 'choose') },
            )
          : nothing
      }
    </div>`;
  }

  override render() {
    const msg = this.message;
    const fields = this.fields();
    return html`<section part="base">
      <h2>${t(this, 'title')}</h2>
      <form part="form" novalidate @submit=${this.save} aria-label=${t(this, 'title')}>
        <fieldset part="kind" class="kind">
          <legend>${t(this, 'kind')}</legend>
          ${(['person', 'company'] as const).map(
            (k) => html`<label><input type="radio" name="kind" value=${k} .checked=${this.kind === k}
              @change=${() => this.setKind(k)}> ${t(this, k)}</label>`,
          )}
        </fieldset>
        ${this.renderClassification()}
        ${
          this.schema
            ? html`<div class="grid fields">${fields.map((f) => {
                const kind = identifierOf(f);
                const error = this.errors[f.name] || undefined;
                const input = renderField(this, f, this.texts[f.name] ?? '', error, this.onInput, 'cf');
                return html`${input}${isDuplicateKind(kind) ? this.renderDuplicate(f.name) : nothing}`;
              })}</div>`
            : html`<p class="muted">${common(this, 'loading')}</p>`
        }
        <div aria-live="polite">${
          msg
            ? html`<div part="message" class="message" data-kind=${msg.kind} role=${
                msg.kind === 'error' ? 'alert' : 'status'
              }>${msg.text}${
                msg.list?.length ? html`<ul>${msg.list.map((m) => html`<li>${m}</li>`)}</ul>` : nothing
              }</div>`
            : nothing
        }</div>
        <div class="row actions">
          <button part="button" type="submit" ?disabled=${this.saving}>${
            this.saving ? common(this, 'loading') : t(this, 'save')
          }</button>
          <button part="button" type="button" class="secondary"
            @click=${() => this.dispatchEvent(new CrmClientFormCancelEvent())}>${t(this, 'cancel')}</button>
        </div>
      </form>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-client-form': CrmClientForm;
  }
}
