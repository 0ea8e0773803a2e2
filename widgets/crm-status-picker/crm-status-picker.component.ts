/**
 * @module widgets/crm-status-picker/component
 * `<crm-status-picker client-id>`: moves a client to another status. It offers only the moves the
 * API says this user may make now (`GET /api/clients/:id/transitions`), asks for the fields a move
 * requires (typed inputs from the move's JSON Schema; money as `1 234,56` → grosze) and a note when
 * one is required, and sends the version it was shown so a concurrent change is a 409, not a
 * silent overwrite. A refusal (403/409/422) is explained with the moves that are possible instead.
 */
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiController } from '../base/api-controller.ts';
import type { ApiError } from '../base/api-error.ts';
import { loadForClient } from '../base/client-load.ts';
import { CrmElement } from '../base/crm-element.ts';
import { labelIn, workflowMeta, type Label, type WorkflowMeta } from '../base/crm-meta.ts';
import { defineTranslations, errorMessage, t as common } from '../base/i18n.ts';
import { formFields, parseField, problemField, renderField, type JsonSchema } from '../base/schema-form.ts';
import { badgeColor } from '../base/badge.ts';
import { uiStyles } from '../base/ui-styles.ts';
import { CrmStatusChangeEvent } from './events.ts';

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
}

const t = defineTranslations({
  pl: {
    title: 'Status',
    current: 'Obecny status',
    moveTo: 'Zmień na',
    none: 'Nie możesz teraz zmienić statusu tego klienta.',
    note: 'Notatka',
    confirm: 'Zmień status',
    cancel: 'Anuluj',
    changed: (s: string) => `Status zmieniony na „${s}”.`,
    stale: 'Ktoś zmienił tego klienta w międzyczasie. Odświeżyliśmy dostępne zmiany — wybierz ponownie.',
    forbidden: 'Nie masz uprawnień do tej zmiany statusu.',
    notAllowed: 'Tej zmiany nie można wykonać z obecnego statusu.',
    invalid: 'Uzupełnij wymagane pola.',
    possible: 'Możliwe zmiany:',
    required: 'To pole jest wymagane',
  },
  en: {
    title: 'Status',
    current: 'Current status',
    moveTo: 'Move to',
    none: "You cannot change this client's status now.",
    note: 'Note',
    confirm: 'Change status',
    cancel: 'Cancel',
    changed: (s: string) => `Status changed to “${s}”.`,
    stale: 'Someone changed this client meanwhile. The possible moves were refreshed — please choose again.',
    forbidden: 'You may not make this status change.',
    notAllowed: 'This move is not possible from the current status.',
    invalid: 'Fill in the required fields.',
    possible: 'Possible moves:',
    required: 'This field is required',
  },
});

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
 * @csspart button - Confirm and cancel buttons.
 * @csspart message - A success or error message.
 * @cssproperty --crm-color-primary - Move buttons.
 * @cssproperty --crm-color-danger - Error messages.
 */
export class CrmStatusPicker extends CrmElement {
  static override styles = [...CrmElement.styles, uiStyles];

  /** Id of the client whose status to change. */
  @property({ attribute: 'client-id', reflect: true }) clientId = '';

  @state() private chosen: AllowedMove | undefined;
  @state() private texts: Record<string, string> = {};
  @state() private errors: Record<string, string> = {};
  @state() private message: { kind: 'ok' | 'error'; text: string; list?: string[] } | undefined;
  @state() private sending = false;
  @state() private workflow: WorkflowMeta | undefined;

  private readonly api = new ApiController<Allowed>(this);
  private readonly side = new ApiController<unknown>(this);

  override connectedCallback(): void {
    super.connectedCallback();
    workflowMeta(this.side, this.apiConfig.baseUrl).then(
      (w) => (this.workflow = w),
      () => undefined,
    );
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('clientId')) {
      this.chosen = undefined;
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

  private choose(move: AllowedMove): void {
    this.chosen = move;
    this.texts = {};
    this.errors = {};
    this.message = undefined;
    // Always a confirming step (with an optional note): a status change is not undone by a click.
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('form input, form select, form textarea')?.focus(),
    );
  }

  private submit(e: Event, move: AllowedMove): void {
    e.preventDefault();
    const fields: Record<string, unknown> = {};
    const errors: Record<string, string> = {};
    for (const f of formFields(move.fields, this.resolvedLang)) {
      const r = parseField(f, this.texts[f.name] ?? '', this);
      if (r.error) errors[f.name] = r.error;
      else if (r.value !== undefined) fields[f.name] = r.value;
    }
    const note = (this.texts['__note'] ?? '').trim();
    if (move.noteRequired && !note) errors['__note'] = t(this, 'required');
    this.errors = errors;
    if (Object.keys(errors).length) {
      this.message = { kind: 'error', text: t(this, 'invalid') };
      return;
    }
    void this.send(move, fields, note || null);
  }

  private async send(move: AllowedMove, fields: Record<string, unknown>, note: string | null): Promise<void> {
    const current = this.api.value;
    if (!current) return;
    this.sending = true;
    try {
      const r = await this.api.post<{ client: { status: string; version: number }; allowedNext: AllowedMove[] }>(
        `/api/clients/${encodeURIComponent(this.clientId)}/transitions`,
        { to: move.to, fields, note, expectedVersion: current.version },
      );
      this.api.value = { status: r.client.status, version: r.client.version, transitions: r.allowedNext };
      this.chosen = undefined;
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
        else if (this.chosen && name in ((this.chosen.fields['properties'] ?? {}) as object)) errors[name] = p.message;
        else other.push(p.message);
      }
      this.errors = errors;
      this.message = { kind: 'error', text: t(this, 'invalid'), list: other };
    } else if (error.status === 409) {
      this.chosen = undefined;
      this.message =
        error.details && 'currentVersion' in error.details
          ? { kind: 'error', text: t(this, 'stale') }
          : withList(t(this, 'notAllowed'));
      void this.reload();
    } else if (error.status === 403) {
      this.chosen = undefined;
      this.message = withList(t(this, 'forbidden'));
    } else {
      this.message = { kind: 'error', text: errorMessage(this, error) };
    }
  }

  private renderForm(move: AllowedMove) {
    const lang = this.resolvedLang;
    const onInput = (name: string, text: string) => {
      this.texts = { ...this.texts, [name]: text };
      if (this.errors[name]) this.errors = { ...this.errors, [name]: '' };
    };
    const noteError = this.errors['__note'];
    return html`<form part="form" novalidate @submit=${(e: Event) => this.submit(e, move)}>
      <h3>${t(this, 'moveTo')}: ${move.label[lang] ?? move.to}</h3>
      <div class="grid">${formFields(move.fields, lang).map((f) =>
        renderField(this, f, this.texts[f.name] ?? '', this.errors[f.name] || undefined, onInput, 'move'),
      )}</div>
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
          this.sending ? common(this, 'loading') : t(this, 'confirm')
        }</button>
        <button part="button" type="button" class="secondary" @click=${() => {
          this.chosen = undefined;
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
