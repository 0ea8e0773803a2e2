/**
 * @module widgets/base/i18n
 * Typed translations. A dictionary is `{ pl: {...}, en: {...} }` where a message is a string or a
 * function of its arguments (plurals are functions, see `plural.ts`); the English half must have
 * exactly the Polish keys with the same argument types, so a missing translation is a type error.
 * `t(host, key, ...args)` reads the host's resolved language on every render, which is what makes
 * `lang` reactive. Each widget defines its own dictionary with `defineTranslations`; the shared
 * words every widget needs are in `t` below.
 */
import { defaultLang, type Lang } from './lang.ts';
import { formatNumber } from './format.ts';
import { enPlural, plPlural } from './plural.ts';

export { langs, normalizeLang, localeOf, defaultLang, type Lang } from './lang.ts';
export { plPlural, enPlural } from './plural.ts';
export { formatMoney, formatDate, formatDateTime, formatNumber } from './format.ts';

// `any[]` rather than `unknown[]`: a function of `(n: number)` must be assignable here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Message = string | ((...args: any[]) => string);
export type Messages = Record<string, Message>;

/** The shape the English half must have: same keys, strings for strings, same function types. */
export type MessagesLike<M extends Messages> = { [K in keyof M]: M[K] extends string ? string : M[K] };

/** Something that knows its language: a `CrmElement` (`resolvedLang`) or a bare `Lang`. */
export type LangSource = Lang | { readonly resolvedLang: Lang };

export type MessageArgs<M> = M extends (...args: infer A) => string ? A : [];

export type Translator<M extends Messages> = <K extends keyof M & string>(
  host: LangSource,
  key: K,
  ...args: MessageArgs<M[K]>
) => string;

/**
 * Makes a typed `t` for one dictionary.
 *
 * @example
 * const t = defineTranslations({
 *   pl: { title: 'Klienci', count: (n: number) => `${n} ${plPlural(n, 'klient', 'klienci', 'klientów')}` },
 *   en: { title: 'Clients', count: (n: number) => `${n} ${enPlural(n, 'client', 'clients')}` },
 * });
 * t('pl', 'count', 22); // '22 klienci'
 * t(this, 'title');     // inside a CrmElement
 */
export function defineTranslations<const M extends Messages>(dict: {
  pl: M;
  en: NoInfer<MessagesLike<M>>;
}): Translator<M> {
  return (host, key, ...args) => {
    const lang = typeof host === 'string' ? host : host.resolvedLang;
    const message: Message | undefined = (dict[lang] as Messages)[key] ?? (dict[defaultLang] as Messages)[key];
    if (message === undefined) return key;
    return typeof message === 'function' ? message(...args) : message;
  };
}

/**
 * Words every widget needs.
 *
 * @example
 * t('pl', 'clients', 5); // '5 klientów'
 * t('en', 'retry');      // 'Try again'
 */
export const t = defineTranslations({
  pl: {
    loading: 'Ładowanie…',
    retry: 'Spróbuj ponownie',
    error: 'Coś poszło nie tak',
    networkError: 'Brak połączenia z CRM',
    unauthorized: 'Zaloguj się, aby kontynuować',
    forbidden: 'Brak uprawnień',
    notFound: 'Nie znaleziono',
    empty: 'Brak danych',
    clients: (n: number) => `${formatNumber(n, 'pl')} ${plPlural(n, 'klient', 'klienci', 'klientów', 'klienta')}`,
    results: (n: number, capped: boolean) =>
      `${capped ? 'ponad ' : ''}${formatNumber(n, 'pl')} ${plPlural(n, 'wynik', 'wyniki', 'wyników', 'wyniku')}`,
  },
  en: {
    loading: 'Loading…',
    retry: 'Try again',
    error: 'Something went wrong',
    networkError: 'Cannot reach the CRM',
    unauthorized: 'Sign in to continue',
    forbidden: 'You do not have access',
    notFound: 'Not found',
    empty: 'Nothing here yet',
    clients: (n: number) => `${formatNumber(n, 'en')} ${enPlural(n, 'client', 'clients')}`,
    results: (n: number, capped: boolean) =>
      `${capped ? 'over ' : ''}${formatNumber(n, 'en')} ${enPlural(n, 'result', 'results')}`,
  },
});

/**
 * A short sentence for an API error, by status, in the host's language.
 *
 * @example
 * errorMessage('en', { status: 0 }); // 'Cannot reach the CRM'
 */
export function errorMessage(host: LangSource, error: { status: number }): string {
  switch (error.status) {
    case 0:
      return t(host, 'networkError');
    case 401:
      return t(host, 'unauthorized');
    case 403:
      return t(host, 'forbidden');
    case 404:
      return t(host, 'notFound');
    default:
      return t(host, 'error');
  }
}
