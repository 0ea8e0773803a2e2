/**
 * @module widgets/base/events
 * Typed DOM events. Each event is a small class with a static `eventName` and typed fields instead
 * of a `CustomEvent<any>` detail, so listeners get types from `HTMLElementEventMap` and the page
 * author reads the data off the event itself (`event.error.code`). Events bubble and are composed,
 * so they cross the shadow roots of nested widgets and reach the page.
 *
 * Pattern for a new event in a widget folder:
 * ```ts
 * export class CrmClientSelectEvent extends CrmEvent {
 *   static readonly eventName = 'crm-client-select';
 *   constructor(readonly clientId: string) { super(CrmClientSelectEvent.eventName); }
 * }
 * declare global { interface HTMLElementEventMap { 'crm-client-select': CrmClientSelectEvent } }
 * ```
 */
import type { ApiError } from './api-error.ts';

/** Base of every widget event: bubbles and crosses shadow roots; cancelable when asked. */
export class CrmEvent extends Event {
  constructor(type: string, init: { cancelable?: boolean } = {}) {
    super(type, { bubbles: true, composed: true, cancelable: init.cancelable ?? false });
  }
}

/**
 * Fired by a widget when a request to the CRM API failed (not when it was aborted). A page can
 * listen once on `document` to send people to the login page on `error.status === 401`.
 *
 * @example
 * document.addEventListener('crm-error', (e) => { if (e.error.status === 401) location.href = '/login'; });
 */
export class CrmErrorEvent extends CrmEvent {
  static readonly eventName = 'crm-error';
  readonly error: ApiError;
  constructor(error: ApiError) {
    super(CrmErrorEvent.eventName);
    this.error = error;
  }
}

declare global {
  interface HTMLElementEventMap {
    'crm-error': CrmErrorEvent;
  }
}
