/**
 * @module widgets/crm-hello/component
 * `<crm-hello>`: the smallest real widget. It asks the API for its health and shows the answer
 * with a translated label; it exists to prove the platform end to end (language, API controller,
 * theme, events, build, manifest) and to be copied when starting a new widget.
 */
import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { ApiController } from '../base/api-controller.ts';
import { CrmElement } from '../base/crm-element.ts';
import { defineTranslations, errorMessage, t as common } from '../base/i18n.ts';
import { helloStyles } from './crm-hello.styles.ts';

/** What `GET /api/health` answers. */
export interface Health {
  status: string;
}

const t = defineTranslations({
  pl: { label: 'Stan API', refresh: 'Odśwież' },
  en: { label: 'API status', refresh: 'Refresh' },
});

/**
 * @summary Shows whether the CRM API is reachable: a translated label and the status it reports.
 *
 * @event crm-error - The health request failed; `event.error` is the `ApiError`.
 * @slot - Optional text shown before the status, e.g. the name of the installation.
 * @csspart base - The card around everything.
 * @csspart label - The "API status" label.
 * @csspart status - The status text from the API (or the loading / error text).
 * @csspart button - The refresh button.
 * @cssproperty --crm-color-success - Colour of an `ok` status.
 * @cssproperty --crm-color-border - Border of the card.
 */
export class CrmHello extends CrmElement {
  static override styles = [...CrmElement.styles, helloStyles];

  /** Path of the health endpoint, relative to the base URL. */
  @property() endpoint = '/api/health';

  private readonly api = new ApiController<Health>(this);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.refresh();
  }

  /** Asks the API again; resolves when the new status is shown. */
  async refresh(): Promise<void> {
    await this.api.run((signal) => this.api.get<Health>(this.endpoint, { signal }));
    await this.updateComplete;
  }

  override render() {
    const { loading, error, value } = this.api;
    const status =
      loading && !value
        ? html`<span part="status">${common(this, 'loading')}</span>`
        : error
          ? html`<span part="status" role="alert">${errorMessage(this, error)}</span>`
          : html`<span part="status" ?data-ok=${value?.status === 'ok'}>${value?.status}</span>`;
    return html`<div part="base">
      <slot></slot>
      <span part="label">${t(this, 'label')}</span>
      ${status}
      <button part="button" @click=${() => this.refresh()} ?disabled=${loading}>${t(this, 'refresh')}</button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-hello': CrmHello;
  }
}
