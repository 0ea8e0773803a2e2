/**
 * @module widgets
 * The widget platform's public surface, for people writing widgets (ours or a firm's own): the
 * base element, the API controller, theme tokens, i18n and event helpers. Importing this registers
 * no tag; each widget's `widgets/<name>/index.ts` does that, and the all-in-one bundle imports
 * every one of them (see `scripts/build-widgets.ts`).
 */
export { CrmElement, closestComposed } from './base/crm-element.ts';
export { ApiController, type ApiHost } from './base/api-controller.ts';
export {
  apiRequest,
  rememberCsrfToken,
  forgetCsrfToken,
  type ApiConfig,
  type HttpMethod,
  type ListPage,
  type QueryValue,
  type RequestOptions,
} from './base/api-client.ts';
export { ApiError, toApiError, isAbortError, type ApiProblem } from './base/api-error.ts';
export { CrmEvent, CrmErrorEvent } from './base/events.ts';
export { defineElement } from './base/define.ts';
export { token, tokenDefaults, baseStyles, type TokenName } from './base/theme.ts';
export {
  t,
  defineTranslations,
  errorMessage,
  langs,
  normalizeLang,
  localeOf,
  defaultLang,
  plPlural,
  enPlural,
  formatMoney,
  formatDate,
  formatDateTime,
  formatNumber,
  type Lang,
  type LangSource,
  type Message,
  type Messages,
  type MessagesLike,
  type MessageArgs,
  type Translator,
} from './base/i18n.ts';
