/**
 * @module widgets/base/theme
 * Theme tokens: CSS custom properties a firm sets on its page (`:root`, `crm-provider`, or one
 * widget) to match its brand. Custom properties inherit into shadow roots, so one declaration
 * themes every widget. Components never hard-code a colour: they use `token.colorPrimary`, which is
 * `var(--crm-color-primary, <default>)`, so a widget looks right on a page that set nothing.
 * `tokens.css` beside this file lists the same defaults for copying into a firm's stylesheet.
 *
 * Parts: every widget exposes its pieces as `part`s named with nouns (`base`, `header`, `label`,
 * `row`, `status`, `error`, `empty`, `button`), documented with `@csspart`, so a page can style
 * them with `crm-hello::part(status) { … }` without piercing the shadow root.
 */
import { css, unsafeCSS, type CSSResult } from 'lit';

/** Token name (without `--crm-`) → default value. The single source of the defaults. */
export const tokenDefaults = {
  'color-primary': '#1d4ed8',
  'color-primary-contrast': '#ffffff',
  'color-text': '#1f2937',
  'color-text-muted': '#6b7280',
  'color-surface': '#ffffff',
  'color-surface-alt': '#f3f4f6',
  'color-border': '#d1d5db',
  'color-danger': '#b91c1c',
  'color-success': '#166534',
  'color-warning': '#b45309',
  'font-family': "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif",
  'font-size-s': '0.875rem',
  'font-size-m': '1rem',
  'font-size-l': '1.25rem',
  'line-height': '1.5',
  radius: '0.375rem',
  'space-xs': '0.25rem',
  'space-s': '0.5rem',
  'space-m': '1rem',
  'space-l': '1.5rem',
  'focus-ring-color': 'rgb(29 78 216 / 0.45)',
  'focus-ring': '0 0 0 3px var(--crm-focus-ring-color, rgb(29 78 216 / 0.45))',
} as const;

export type TokenName = keyof typeof tokenDefaults;

type CamelCase<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<CamelCase<T>>}` : S;

const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Every token as a ready `var(--crm-…, default)` for use in Lit `css`.
 *
 * @example
 * css`button { background: ${token.colorPrimary}; border-radius: ${token.radius}; }`
 */
export const token = Object.fromEntries(
  Object.entries(tokenDefaults).map(([name, value]) => [camel(name), unsafeCSS(`var(--crm-${name}, ${value})`)]),
) as { readonly [K in TokenName as CamelCase<K>]: CSSResult };

/**
 * Styles every widget starts from: the host is a block in the theme's font and colour, respects
 * `hidden`, and shows a visible focus ring for keyboard users only.
 */
export const baseStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    font-family: ${token.fontFamily};
    font-size: ${token.fontSizeM};
    line-height: ${token.lineHeight};
    color: ${token.colorText};
    /* A host page's inherited text settings must not reshape the widget (a page with white-space: pre or
       letter-spacing on body would otherwise spill the widget's text sideways). */
    font-style: normal;
    font-variant: normal;
    font-weight: normal;
    letter-spacing: normal;
    word-spacing: normal;
    text-align: start;
    text-indent: 0;
    text-transform: none;
    white-space: normal;
    cursor: auto;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: none;
    box-shadow: ${token.focusRing};
  }
  button {
    font: inherit;
    cursor: pointer;
    padding: ${token.spaceXs} ${token.spaceM};
    border: 1px solid ${token.colorPrimary};
    border-radius: ${token.radius};
    background: ${token.colorPrimary};
    color: ${token.colorPrimaryContrast};
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  [role='alert'] {
    color: ${token.colorDanger};
  }
`;
