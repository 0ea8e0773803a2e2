/**
 * @module widgets/crm-status-picker/component
 * `<crm-status-picker client-id>`: moves a client to another status. It offers only the moves the
 * API says this user may make now (`GET /api/clients/:id/transitions`), asks for the fields a move
 * requires (typed inputs from the move's JSON Schema; money typed in złoty as `450 000,00 zł` →
 * grosze; pick lists with their configured labels) and a note when one is required, and sends the
 * version it was shown so a concurrent change is a 409, not a silent overwrite. A refusal
 * (403/409/422) is explained with the moves that are possible instead.
 *
 * The bank and product are pickers from the commission catalogue (`GET /api/commission-products`,
 * filtered by product category); values earlier moves carried are pre-filled (`lastValues`). A sale
 * shows its proposed commission lines before it is confirmed (`POST …/transitions/preview`); a sale
 * no commission rule covers needs the person's acknowledgement, which the server enforces and keeps
 * in the client's history.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiController } from '../base/api-controller.ts';
import type { ApiError } from '../base/api-error.ts';
import { loadForClient } from '../base/client-load.ts';
import { CrmElement } from '../base/crm-element.ts';
import { labelIn, workflowMeta, type Label, type WorkflowMeta } from '../base/crm-meta.ts';
import { defineTranslations, errorMessage, t as common } from '../base/i18n.ts';
import {
  fieldText,
  formFields,
  parseField,
  problemField,
  renderField,
  type FormField,
  type JsonSchema,
} from '../base/schema-form.ts';
import { badgeColor } from '../base/badge.ts';
import { uiStyles } from '../base/ui-styles.ts';
import {
  categoriesOf,
  categoryLabel,
  findProduct,
  productsFor,
  providersFor,
  type CatalogueProvider,
} from './catalogue.ts';
import { CrmStatusChangeEvent } from './events.ts';
import { previewText, renderSalePreview, type SalePreview } from './sale-preview.ts';
import { pickerStyles } from './styles.ts';

/** One move the user may make (the API's shape). */
export interface AllowedMove {
  to: string;
  kind: 'transition' | 'reopen';
  label: Label;
  noteRequired: boolean;
  terminal?: boolean;
  sale?: boolean;
  fields: JsonSchema;
}

interface Allowed {
  status: string;
  version: number;
  transitions: AllowedMove[];
  /** Values earlier moves carried, to pre-fill the same fields (older servers send none). */
  lastValues?: Record<string, unknown>;
}

interface PreviewAnswer {
  commissions: SalePreview | null;
}

const t = defineTranslations({
  pl: {
    title: 'Status',
    current: 'Obecny status',
    moveTo: 'Zmień na',
    none: 'Nie możesz teraz zmienić statusu tego klienta.',
    note: 'Notatka',
    confirm: 'Zmień status',
    confirmSale: 'Potwierdź sprzedaż',
    cancel: 'Anuluj',
    changed: (s: string) => `Status zmieniony na „${s}”.`,
    stale: 'Ktoś zmienił tego klienta w międzyczasie. Odświeżyliśmy dostępne zmiany — wybierz ponownie.',
    forbidden: 'Nie masz uprawnień do tej zmiany statusu.',
    notAllowed: 'Tej zmiany nie można wykonać z obecnego statusu.',
    invalid: 'Uzupełnij wymagane pola.',
    review: 'Sprawdź proponowane prowizje poniżej i potwierdź sprzedaż.',
    possible: 'Możliwe zmiany:',
    required: 'To pole jest wymagane',
    positive: 'Kwota musi być większa od zera',
    category: 'Rodzaj produktu',
    allCategories: '— wszystkie —',
    choose: '— wybierz —',
    chooseProviderFirst: '— najpierw wybierz instytucję —',
  },
  en: {
    title: 'Status',
    current: 'Current status',
    moveTo: 'Move to',
    none: "You cannot change this client's status now.",
    note: 'Note',
    confirm: 'Change status',
    confirmSale: 'Confirm the sale',
    cancel: 'Cancel',
    changed: (s: string) => `Status changed to “${s}”.`,
    stale: 'Someone changed this client meanwhile. The possible moves were refreshed — please choose again.',
    forbidden: 'You may not make this status change.',
    notAllowed: 'This move is not possible from the current status.',
    invalid: 'Fill in the required fields.',
    review: 'Check the proposed commissions below, then confirm the sale.',
    possible: 'Possible moves:',
    required: 'This field is required',
    positive: 'The amount must be more than zero',
    category: 'Product type',
    allCategories: '— all —',
    choose: '— choose —',
    chooseProviderFirst: '— choose the provider first —',
  },
});

/** How long typing pauses before the proposed commissions are computed again. */
const PREVIEW_DELAY_MS = 350;

/**
 * @summary Moves a client to another status: only the moves this user may make, asking for required fields.
 *
 * @event crm-status-change - The client moved; `event.clientId`, `event.from`, `event.to`, `event.version`.
 * @event crm-error - Loading the moves failed; `event.error` is the `ApiError`.
 * @csspart base - The panel.
 * @csspart status - The current status badge.
 * @csspart moves - The list of possible moves.
 * @csspart move - One move button.
 * @csspart form - The form asking for required fields and a note.
 * @csspart field - One form field.
 * @csspart input - A form input.
 * @csspart field-error - An inline message under an input.
 * @csspart preview - The proposed commission lines of a sale.
 * @csspart preview-lines - Their table.
 * @csspart uncovered - The warning that no commission rule covers the sale.
 * @csspart button - Confirm and cancel buttons.
 * @csspart message - A success or error message.
 * @cssproperty --crm-color-primary - Move buttons.
 * @cssproperty --crm-color-danger - Error messages.
 * @cssproperty --crm-color-warning - The uncovered-sale warning.
 */
export class CrmStatusPicker extends CrmElement {
  static override styles = [...CrmElement.styles, uiStyles, pickerStyles];

  /** Id of the client whose status to change. */
  @property({ attribute: 'client-id', reflect: true }) clientId = '';

  @state() private chosen: AllowedMove | undefined;
  @state() private texts: Record<string, string> = {};
  @state() private errors: Record<string, string> = {};
  @state() private message: { kind: 'ok' | 'error'; text: string; list?: string[] } | undefined;
  @state() private sending = false;
  @state() private workflow: WorkflowMeta | undefined;
  /** The commission catalogue's providers; empty when the firm has none (then bank and product are typed). */
  @state() private catalogue: CatalogueProvider[] | undefined;
  @state() private category = '';
  @state() private preview: { key: string; value?: SalePreview; loading: boolean } | undefined;
  @state() private acknowledged = false;

  private readonly api = new ApiController<Allowed>(this);
  private readonly side = new ApiController<unknown>(this);
  private previewTimer: ReturnType<typeof setTimeout> | undefined;
  private previewAbort: AbortController | undefined;
  private previewRun: Promise<void> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    workflowMeta(this.side, this.apiConfig.baseUrl).then(
      (w) => (this.workflow = w),
      () => undefined,
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopPreview();
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('clientId')) {
      this.close();
      this.message = undefined;
      if (this.clientId) void this.reload();
      else this.api.value = undefined;
    }
  }

  /** Asks the API again which moves are possible. */
  async reload(): Promise<void> {
    await loadForClient(this, this.api, '/transitions');
    await this.updateComplete;
  }

  private close(): void {
    this.chosen = undefined;
    this.stopPreview();
    this.preview = undefined;
    this.acknowledged = false;
  }

  private stopPreview(): void {
    clearTimeout(this.previewTimer);
    this.previewAbort?.abort();
    this.previewAbort = undefined;
  }

  /** Whether the move asks for the bank or product, which the catalogue offers. */
  private usesCatalogue(move: AllowedMove): boolean {
    const props = (move.fields['properties'] ?? {}) as Record<string, unknown>;
    return 'provider' in props || 'product' in props;
  }

  private async loadCatalogue(): Promise<void> {
    if (this.catalogue) return;
    try {
      const r = await this.side.get<{ providers?: CatalogueProvider[] }>('/api/commission-products');
      this.catalogue = Array.isArray(r.providers) ? r.providers : [];
    } catch {
      this.catalogue = []; // no catalogue: bank and product are typed as before
    }
    this.fitToCatalogue();
  }

  /** Drops carried-over bank/product values the catalogue does not know, and finds the product's category. */
  private fitToCatalogue(): void {
    const providers = this.catalogue;
    if (!providers?.length || !this.chosen) return;
    const texts = { ...this.texts };
    const found = texts['product'] ? findProduct(providers, texts['product']) : undefined;
    if (texts['product'] && !found) delete texts['product'];
    if (texts['provider'] && !providers.some((p) => p.id === texts['provider'])) delete texts['provider'];
    if (found && texts['provider'] && found.provider.id !== texts['provider']) delete texts['product'];
    if (found && texts['product'] && !this.category) this.category = found.product.category;
    this.texts = texts;
    this.schedulePreview(this.chosen, 0);
  }

  private choose(move: AllowedMove): void {
    this.close();
    this.chosen = move;
    this.category = '';
    this.errors = {};
    this.message = undefined;
    // Values earlier moves carried (the bank at "application filed"…), except dates: each move has its own.
    const last = this.api.value?.lastValues ?? {};
    const texts: Record<string, string> = {};
    for (const f of formFields(move.fields, this.resolvedLang))
      if (last[f.name] !== undefined && f.kind !== 'date') texts[f.name] = fieldText(f, last[f.name]);
    this.texts = texts;
    if (this.usesCatalogue(move)) void this.loadCatalogue().then(() => this.fitToCatalogue());
    this.schedulePreview(move, 0);
    // Always a confirming step (with an optional note): a status change is not undone by a click.
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('form input, form select, form textarea')?.focus(),
    );
  }

  /** The move's values from the inputs, or the message per field that cannot be sent. */
  private collect(move: AllowedMove): { fields: Record<string, unknown>; errors: Record<string, string> } {
    const fields: Record<string, unknown> = {};
    const errors: Record<string, string> = {};
    for (const f of formFields(move.fields, this.resolvedLang)) {
      const r = parseField(f, this.texts[f.name] ?? '', this);
      if (r.error) errors[f.name] = r.error;
      else if (f.kind === 'money' && move.sale && typeof r.value === 'number' && r.value <= 0)
        errors[f.name] = t(this, 'positive');
      else if (r.value !== undefined) fields[f.name] = r.value;
    }
    return { fields, errors };
  }

  private schedulePreview(move: AllowedMove, delay = PREVIEW_DELAY_MS): void {
    if (!move.sale) return;
    clearTimeout(this.previewTimer);
    this.previewTimer = setTimeout(() => void this.runPreview(move), delay);
  }

  /**
   * Computes the proposed lines for the current values (nothing when a field is not yet valid).
   * Resolves when the answer for these values is shown; a newer edit supersedes an older request.
   */
  private async runPreview(move: AllowedMove): Promise<void> {
    const { fields, errors } = this.collect(move);
    if (Object.keys(errors).length) {
      this.preview = undefined;
      return;
    }
    const key = JSON.stringify(fields);
    if (this.preview?.key === key && this.preview.value) return;
    if (this.preview?.key === key && this.preview.loading) return this.previewRun;
    this.previewAbort?.abort();
    const abort = (this.previewAbort = new AbortController());
    this.preview = { key, loading: true };
    this.previewRun = this.fetchPreview(move, key, fields, abort);
    return this.previewRun;
  }

  private async fetchPreview(
    move: AllowedMove,
    key: string,
    fields: Record<string, unknown>,
    abort: AbortController,
  ): Promise<void> {
    try {
      const r = await this.side.post<PreviewAnswer>(
        `/api/clients/${encodeURIComponent(this.clientId)}/transitions/preview`,
        { to: move.to, fields, expectedVersion: this.api.value?.version },
        { signal: abort.signal },
      );
      if (abort.signal.aborted) return;
      this.preview = { key, loading: false, ...(r.commissions ? { value: r.commissions } : {}) };
    } catch (error) {
      if (abort.signal.aborted) return;
      this.preview = undefined;
      this.explain(error as ApiError);
    }
  }

  private async submit(e: Event, move: AllowedMove): Promise<void> {
    e.preventDefault();
    if (this.sending) return;
    const { fields, errors } = this.collect(move);
    const note = (this.texts['__note'] ?? '').trim();
    if (move.noteRequired && !note) errors['__note'] = t(this, 'required');
    this.errors = errors;
    if (Object.keys(errors).length) {
      this.message = { kind: 'error', text: t(this, 'invalid') };
      return;
    }
    this.message = undefined;
    if (move.sale) {
      // The person sees the lines before confirming: values changed since the last preview are computed first.
      if (this.preview?.key !== JSON.stringify(fields) || !this.preview.value) {
        clearTimeout(this.previewTimer);
        this.sending = true;
        try {
          await this.runPreview(move);
        } finally {
          this.sending = false;
        }
        if (this.preview?.value) {
          this.message = { kind: 'ok', text: t(this, 'review') };
          await this.updateComplete;
          this.renderRoot.querySelector<HTMLElement>('[part=preview]')?.focus();
        }
        return;
      }
      const p = this.preview.value;
      if (p.uncovered.length && p.policy === 'refuse') {
        this.message = { kind: 'error', text: previewText(this, 'refused') };
        return;
      }
      if (p.uncovered.length && p.policy === 'acknowledge' && !this.acknowledged) {
        this.errors = { __ack: previewText(this, 'ackRequired') };
        this.renderRoot.querySelector<HTMLElement>('#move-ack')?.focus();
        return;
      }
    }
    const acknowledge = Boolean(move.sale && this.acknowledged && this.preview?.value?.uncovered.length);
    await this.send(move, fields, note || null, acknowledge);
  }

  private async send(
    move: AllowedMove,
    fields: Record<string, unknown>,
    note: string | null,
    acknowledgeUncovered: boolean,
  ): Promise<void> {
    const current = this.api.value;
    if (!current) return;
    this.sending = true;
    try {
      const r = await this.api.post<{ client: { status: string; version: number }; allowedNext: AllowedMove[] }>(
        `/api/clients/${encodeURIComponent(this.clientId)}/transitions`,
        {
          to: move.to,
          fields,
          note,
          expectedVersion: current.version,
          ...(acknowledgeUncovered ? { acknowledgeUncovered: true } : {}),
        },
      );
      this.close();
      // The next moves pre-fill what was just entered, too.
      const lastValues = { ...current.lastValues, ...fields };
      this.api.value = { status: r.client.status, version: r.client.version, transitions: r.allowedNext, lastValues };
      this.message = {
        kind: 'ok',
        text: t(this, 'changed', labelIn(this.workflow?.statuses, r.client.status, this.resolvedLang)),
      };
      this.dispatchEvent(
        new CrmStatusChangeEvent({
          clientId: this.clientId,
          from: current.status,
          to: r.client.status,
          version: r.client.version,
        }),
      );
    } catch (error) {
      this.explain(error as ApiError);
    } finally {
      this.sending = false;
    }
  }

  /** The moves a refusal lists in `details.allowed`, as labels. */
  private possible(error: ApiError): string[] {
    const allowed = error.details?.['allowed'];
    if (!Array.isArray(allowed)) return [];
    return allowed.map(
      (m: { to?: string; label?: Partial<Label> }) =>
        m.label?.[this.resolvedLang] ?? labelIn(this.workflow?.statuses, m.to, this.resolvedLang),
    );
  }

  private explain(error: ApiError): void {
    const possible = this.possible(error);
    const withList = (text: string) => ({
      kind: 'error' as const,
      text: possible.length ? `${text} ${t(this, 'possible')}` : text,
      list: possible,
    });
    if (error.status === 422) {
      const errors: Record<string, string> = {};
      const other: string[] = [];
      for (const p of error.problems) {
        const name = problemField(p.path);
        if (name === 'note') errors['__note'] = p.message;
        else if (name === 'acknowledgeUncovered') {
          // The sale turned out uncovered (e.g. the rules changed meanwhile): show the lines and ask.
          errors['__ack'] = previewText(this, 'ackRequired');
          if (this.chosen) void this.runPreview(this.chosen);
        } else if (this.chosen && name in ((this.chosen.fields['properties'] ?? {}) as object))
          errors[name] = p.message;
        else other.push(p.message);
      }
      this.errors = errors;
      this.message = { kind: 'error', text: t(this, 'invalid'), list: other };
    } else if (error.status === 409) {
      this.close();
      this.message =
        error.details && 'currentVersion' in error.details
          ? { kind: 'error', text: t(this, 'stale') }
          : withList(t(this, 'notAllowed'));
      void this.reload();
    } else if (error.status === 403) {
      this.close();
      this.message = withList(t(this, 'forbidden'));
    } else {
      this.message = { kind: 'error', text: errorMessage(this, error) };
    }
  }

  private onInput(move: AllowedMove, name: string, text: string): void {
    this.texts = { ...this.texts, [name]: text };
    if (this.errors[name]) this.errors = { ...this.errors, [name]: '' };
    // "Fill in the required fields" goes once nothing is left to fill in.
    if (this.message?.kind === 'error' && !Object.values(this.errors).some(Boolean)) this.message = undefined;
    this.schedulePreview(move);
  }

  private select(
    id: string,
    label: string,
    required: boolean,
    value: string,
    options: { value: string; label: string }[],
    onChange: (value: string) => void,
    o: { error?: string; empty?: string; disabled?: boolean; name?: string } = {},
  ): TemplateResult {
    const errId = `${id}-error`;
    return html`<div class="field" part="field">
      <label for=${id} part="label">${label}${
        required ? html`<span aria-hidden="true" class="req"> *</span>` : nothing
      }</label>
      <select part="input" id=${id} name=${o.name ?? id} ?required=${required} ?disabled=${o.disabled}
        aria-invalid=${o.error ? 'true' : 'false'} aria-describedby=${o.error ? errId : nothing}
        @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${value === ''}>${o.empty ?? t(this, 'choose')}</option>
        ${options.map((x) => html`<option value=${x.value} ?selected=${x.value === value}>${x.label}</option>`)}
      </select>
      ${o.error ? html`<span class="field-error" id=${errId} part="field-error">${o.error}</span>` : nothing}
    </div>`;
  }

  /** Category, bank and product as pickers from the catalogue (the other fields as the schema says). */
  private renderCatalogueFields(move: AllowedMove, fields: FormField[]): TemplateResult[] {
    const providers = this.catalogue ?? [];
    const lang = this.resolvedLang;
    const provider = fields.find((f) => f.name === 'provider');
    const product = fields.find((f) => f.name === 'product');
    const out: TemplateResult[] = [];
    const set = (changes: Record<string, string>) => {
      this.texts = { ...this.texts, ...changes };
      const cleared = Object.fromEntries(Object.keys(changes).map((k) => [k, '']));
      this.errors = { ...this.errors, ...cleared };
      if (this.message?.kind === 'error' && !Object.values(this.errors).some(Boolean)) this.message = undefined;
      this.schedulePreview(move, 0);
    };
    const providerId = this.texts['provider'] ?? '';
    const productId = this.texts['product'] ?? '';
    if (product) {
      out.push(
        this.select(
          'move-category',
          t(this, 'category'),
          false,
          this.category,
          categoriesOf(providers).map((c) => ({ value: c, label: categoryLabel(c, lang) })),
          (c) => {
            this.category = c;
            const keepProvider = providersFor(providers, c).some((p) => p.id === providerId);
            const keepProduct = productsFor(providers, providerId, c).some((p) => p.id === productId);
            set({ provider: keepProvider ? providerId : '', product: keepProduct ? productId : '' });
          },
          { empty: t(this, 'allCategories') },
        ),
      );
    }
    if (provider) {
      out.push(
        this.select(
          'move-provider',
          provider.label,
          provider.required,
          providerId,
          providersFor(providers, product ? this.category : '').map((p) => ({ value: p.id, label: p.name })),
          (id) => {
            const keep = productsFor(providers, id, this.category).some((p) => p.id === productId);
            set({ provider: id, product: keep ? productId : '' });
          },
          { error: this.errors['provider'] || undefined, name: 'provider' },
        ),
      );
    }
    if (product) {
      const choices = provider
        ? productsFor(providers, providerId, this.category)
        : providersFor(providers, this.category).flatMap((p) => productsFor(providers, p.id, this.category));
      out.push(
        this.select(
          'move-product',
          product.label,
          product.required,
          productId,
          choices.map((p) => ({ value: p.id, label: p.name })),
          (id) => set({ product: id }),
          {
            error: this.errors['product'] || undefined,
            name: 'product',
            disabled: Boolean(provider) && !providerId,
            empty: provider && !providerId ? t(this, 'chooseProviderFirst') : t(this, 'choose'),
          },
        ),
      );
    }
    return out;
  }

  private renderForm(move: AllowedMove) {
    const lang = this.resolvedLang;
    const onInput = (name: string, text: string) => this.onInput(move, name, text);
    const noteError = this.errors['__note'];
    const fields = formFields(move.fields, lang);
    const picked = this.catalogue?.length && this.usesCatalogue(move);
    const rest = picked ? fields.filter((f) => f.name !== 'provider' && f.name !== 'product') : fields;
    return html`<form part="form" novalidate @submit=${(e: Event) => void this.submit(e, move)}>
      <h3>${t(this, 'moveTo')}: ${move.label[lang] ?? move.to}</h3>
      <div class="grid">${picked ? this.renderCatalogueFields(move, fields) : nothing}${rest.map((f) =>
        renderField(this, f, this.texts[f.name] ?? '', this.errors[f.name] || undefined, onInput, 'move'),
      )}</div>
      ${
        move.sale
          ? renderSalePreview(this, lang, {
              // Lines for values that no longer parse are not shown: they would describe another sale.
              preview: Object.keys(this.collect(move).errors).length ? undefined : this.preview?.value,
              loading: this.preview?.loading ?? false,
              acknowledged: this.acknowledged,
              ackError: this.errors['__ack'] || undefined,
              onAcknowledge: (checked) => {
                this.acknowledged = checked;
                if (checked) this.errors = { ...this.errors, __ack: '' };
              },
            })
          : nothing
      }
      <div class="field note" part="field">
        <label for="move-note" part="label">${t(this, 'note')}${
          move.noteRequired ? html`<span class="req" aria-hidden="true"> *</span>` : nothing
        }</label>
        <textarea id="move-note" part="input" ?required=${move.noteRequired}
          aria-invalid=${noteError ? 'true' : 'false'} aria-describedby=${noteError ? 'move-note-error' : nothing}
          .value=${this.texts['__note'] ?? ''} @input=${(e: Event) =>
            onInput('__note', (e.target as HTMLTextAreaElement).value)}></textarea>
        ${
          noteError
            ? html`<span class="field-error" id="move-note-error" part="field-error">${noteError}</span>`
            : nothing
        }
      </div>
      <div class="row actions">
        <button part="button" type="submit" ?disabled=${this.sending}>${
          this.sending ? common(this, 'loading') : move.sale ? t(this, 'confirmSale') : t(this, 'confirm')
        }</button>
        <button part="button" type="button" class="secondary" @click=${() => {
          this.close();
          this.message = undefined;
        }}>${t(this, 'cancel')}</button>
      </div>
    </form>`;
  }

  override render() {
    const lang = this.resolvedLang;
    const { value, loading, error } = this.api;
    if (!this.clientId) return nothing;
    const msg = this.message;
    const status = value ? this.workflow?.statuses[value.status] : undefined;
    return html`<section part="base" aria-busy=${loading ? 'true' : 'false'}>
      <div class="row"><h3 class="inline">${t(this, 'current')}:</h3>
        ${
          value
            ? html`<span part="status" class="badge" ${badgeColor(status?.color)}>${labelIn(
                this.workflow?.statuses,
                value.status,
                lang,
              )}</span>`
            : nothing
        }</div>
      <div aria-live="polite">${
        msg
          ? html`<div part="message" class="message" data-kind=${msg.kind} role=${
              msg.kind === 'error' ? 'alert' : 'status'
            }>${msg.text}
        ${msg.list?.length ? html`<ul>${msg.list.map((m) => html`<li>${m}</li>`)}</ul>` : nothing}</div>`
          : nothing
      }</div>
      ${error ? html`<p class="message" data-kind="error" role="alert">${errorMessage(this, error)}</p>` : nothing}
      ${
        value && !this.chosen
          ? value.transitions.length
            ? html`<p class="muted moves-label" id="moves-label">${t(this, 'moveTo')}:</p>
          <div part="moves" class="row" role="group" aria-labelledby="moves-label">
            ${value.transitions.map(
              (m) => html`<button part="move" data-to=${m.to} class=${
                m.terminal && !m.sale ? 'secondary' : ''
              } ?disabled=${this.sending}
              @click=${() => this.choose(m)}>${m.label[lang] ?? m.to}</button>`,
            )}
          </div>`
            : html`<p class="muted">${t(this, 'none')}</p>`
          : nothing
      }
      ${this.chosen ? this.renderForm(this.chosen) : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-status-picker': CrmStatusPicker;
  }
}
