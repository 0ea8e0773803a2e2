/**
 * @module widgets/crm-client-picker/component
 * `<crm-client-picker>`: choose a client by typing part of a name, phone or e-mail. The search is
 * the client list's own (`GET /api/clients?q=`), so it covers exactly the clients the person may
 * see, and nothing else is offered. It follows the WAI-ARIA combobox pattern: arrows move through
 * the options, Enter chooses, Escape closes, and the options are announced. It is a form-associated
 * element: inside a `<form>` its `name` carries the chosen client's id, like an input would.
 */
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiController } from '../base/api-controller.ts';
import type { ListPage } from '../base/api-client.ts';
import type { ApiError } from '../base/api-error.ts';
import type { ClientItem } from '../base/client-types.ts';
import { CrmElement } from '../base/crm-element.ts';
import { defineTranslations, errorMessage, t as common } from '../base/i18n.ts';
import { uiStyles } from '../base/ui-styles.ts';
import { comboKey } from './combobox.ts';
import { CrmClientPickEvent } from './events.ts';
import { pickerStyles } from './crm-client-picker.styles.ts';

const t = defineTranslations({
  pl: {
    label: 'Klient',
    placeholder: 'Wpisz nazwisko lub telefon…',
    clear: 'Wyczyść wybór klienta',
    none: 'Brak klientów o tej nazwie',
    found: (n: number) => `Znaleziono: ${n} — strzałki wybierają, Enter zatwierdza`,
    chosen: (name: string) => `Wybrano: ${name}`,
    gone: 'Tego klienta nie ma już w Twoim zakresie (usunięty lub przekazany). Wybierz klienta ponownie.',
    required: 'Wybierz klienta z listy',
    person: 'Osoba',
    company: 'Firma',
  },
  en: {
    label: 'Client',
    placeholder: 'Type a name or phone…',
    clear: 'Clear the chosen client',
    none: 'No client by that name',
    found: (n: number) => `Found: ${n} — arrows to choose, Enter to confirm`,
    chosen: (name: string) => `Chosen: ${name}`,
    gone: 'This client is no longer in your scope (deleted or reassigned). Please choose the client again.',
    required: 'Choose a client from the list',
    person: 'Person',
    company: 'Company',
  },
});

let nextId = 0;

/**
 * @summary Choose a client by name or phone: a keyboard-navigable combobox over the scoped client search.
 *
 * @event crm-client-pick - A client was chosen or the choice cleared; `event.clientId` ('' when cleared)
 * and `event.client`.
 * @event change - The value changed (as an input's would), for forms.
 * @csspart label - The field's label.
 * @csspart input - The text box.
 * @csspart listbox - The list of matching clients.
 * @csspart option - One matching client.
 * @csspart clear - The button that clears the choice.
 * @csspart message - The line under the box (results, a client gone, errors).
 * @cssproperty --crm-color-primary - The active option.
 */
export class CrmClientPicker extends CrmElement {
  static override styles = [...CrmElement.styles, uiStyles, pickerStyles];
  static formAssociated = true;

  /** The chosen client's id ('' for none). Setting it shows the client's name (fetched). */
  @property({ reflect: true }) value = '';
  /** Form field name the chosen id is submitted under. */
  @property({ reflect: true }) name = '';
  /** The label shown above the box; default "Klient" / "Client". */
  @property() label = '';
  /** A choice is required (the form will not submit without one). */
  @property({ type: Boolean, reflect: true }) required = false;
  /** How many matches to offer. */
  @property({ type: Number }) limit = 8;
  /** Milliseconds of quiet after typing before searching. */
  @property({ type: Number }) debounce = 200;

  @state() private text = '';
  @state() private chosenName = '';
  @state() private options: ClientItem[] = [];
  @state() private open = false;
  @state() private active = -1;
  @state() private note = '';
  @state() private gone = false;

  private readonly api = new ApiController<ListPage<ClientItem>>(this);
  private readonly internals: ElementInternals = this.attachInternals();
  private readonly uid = `cp${++nextId}`;
  private timer: ReturnType<typeof setTimeout> | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('value')) {
      this.internals.setFormValue(this.value || null);
      if (this.value && !this.chosenName) void this.loadName();
      if (!this.value) this.chosenName = '';
    }
    const input = this.renderRoot?.querySelector?.('input') ?? undefined;
    if (this.required && !this.value) this.internals.setValidity({ valueMissing: true }, t(this, 'required'), input);
    else this.internals.setValidity({});
  }

  /** The client is no longer reachable (a save answered 404): say so and ask for a new choice. */
  markGone(): void {
    this.gone = true;
    this.note = '';
    this.setValue('', undefined);
  }

  formResetCallback(): void {
    this.text = '';
    this.setValue('', undefined);
  }

  private async loadName(): Promise<void> {
    const id = this.value;
    try {
      const c = await this.api.get<ClientItem>(`/api/clients/${encodeURIComponent(id)}`);
      if (this.value === id) {
        this.chosenName = this.nameOf(c);
        this.text = this.chosenName;
      }
    } catch (error) {
      if ((error as ApiError).status === 404 && this.value === id) this.markGone();
    }
  }

  private nameOf(c: ClientItem): string {
    return c.displayName ?? `${t(this, c.kind === 'company' ? 'company' : 'person')} · ${c.id.slice(-6)}`;
  }

  private setValue(id: string, client: ClientItem | undefined): void {
    this.value = id;
    this.chosenName = client ? this.nameOf(client) : '';
    this.dispatchEvent(new CrmClientPickEvent(id, client));
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  private onInput(e: Event): void {
    this.text = (e.target as HTMLInputElement).value;
    this.gone = false;
    if (this.value) this.setValue('', undefined);
    clearTimeout(this.timer);
    const q = this.text.trim();
    if (q.length < 2) {
      this.options = [];
      this.open = false;
      this.note = '';
      return;
    }
    this.timer = setTimeout(() => void this.search(q), this.debounce);
  }

  private async search(q: string): Promise<void> {
    const query = { q, limit: this.limit, sort: 'displayName', order: 'asc', total: false };
    const page = await this.api.run((signal) => this.api.get('/api/clients', { query, signal }));
    if (this.text.trim() !== q) return;
    if (!page) {
      this.note = this.api.error ? errorMessage(this, this.api.error) : '';
      this.open = false;
      return;
    }
    this.options = page.items;
    this.active = -1;
    this.open = true;
    this.note = page.items.length ? t(this, 'found', page.items.length) : t(this, 'none');
  }

  private choose(i: number): void {
    const c = this.options[i];
    if (!c) return;
    this.setValue(c.id, c);
    this.text = this.chosenName;
    this.open = false;
    this.active = -1;
    this.note = t(this, 'chosen', this.chosenName);
  }

  private onKey(e: KeyboardEvent): void {
    if (!this.open && (e.key === 'ArrowDown' || e.key === 'ArrowUp') && this.options.length) {
      this.open = true;
    }
    const a = comboKey(e.key, this.active, this.open ? this.options.length : 0);
    if (a.kind === 'none') return;
    if (a.kind === 'close' && !this.open) return;
    e.preventDefault();
    if (a.kind === 'move') {
      this.active = a.active;
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector(`#${this.uid}-o${a.active}`)?.scrollIntoView({ block: 'nearest' }),
      );
    } else if (a.kind === 'choose') this.choose(a.active);
    else this.open = false;
  }

  private clear(): void {
    this.text = '';
    this.options = [];
    this.open = false;
    this.note = '';
    this.setValue('', undefined);
    this.renderRoot.querySelector('input')?.focus();
  }

  private detail(c: ClientItem): string {
    const phone = c.data['phone'];
    const city = c.data['city'];
    return [typeof phone === 'string' ? phone : '', typeof city === 'string' ? city : ''].filter(Boolean).join(' · ');
  }

  override render() {
    const listId = `${this.uid}-list`;
    const noteId = `${this.uid}-note`;
    const expanded = this.open && this.options.length > 0;
    const message = this.gone ? t(this, 'gone') : this.note;
    return html`<div class="picker">
      <label part="label" for="${this.uid}-input">${this.label || t(this, 'label')}${
        this.required ? html`<span aria-hidden="true" class="req"> *</span>` : nothing
      }</label>
      <div class="box">
        <input part="input" id="${this.uid}-input" type="text" role="combobox" autocomplete="off"
          aria-autocomplete="list" aria-expanded=${expanded ? 'true' : 'false'} aria-controls=${listId}
          aria-activedescendant=${expanded && this.active >= 0 ? `${this.uid}-o${this.active}` : nothing}
          aria-describedby=${noteId} aria-invalid=${this.gone ? 'true' : 'false'} ?required=${this.required}
          placeholder=${t(this, 'placeholder')} .value=${this.text}
          @input=${this.onInput} @keydown=${this.onKey} @blur=${() => {
            // Let a click on an option land before the list closes.
            setTimeout(() => (this.open = false), 150);
          }}>
        ${
          this.value || this.text
            ? html`<button part="clear" type="button" class="clear" aria-label=${t(this, 'clear')}
              @click=${this.clear}>×</button>`
            : nothing
        }
        <ul part="listbox" id=${listId} role="listbox" aria-label=${this.label || t(this, 'label')}
          ?hidden=${!expanded}>
          ${this.options.map(
            (c, i) => html`<li part="option" id="${this.uid}-o${i}" role="option"
              aria-selected=${i === this.active ? 'true' : 'false'} data-id=${c.id}
              @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.choose(i)}>
              <span class="name">${this.nameOf(c)}</span>
              ${this.detail(c) ? html`<span class="muted">${this.detail(c)}</span>` : nothing}
            </li>`,
          )}
        </ul>
      </div>
      <div part="message" id=${noteId} class=${this.gone ? 'field-error' : 'muted'} aria-live="polite">${
        this.api.loading && !message ? common(this, 'loading') : message
      }</div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-client-picker': CrmClientPicker;
  }
}
