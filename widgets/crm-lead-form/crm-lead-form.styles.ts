/**
 * @module widgets/crm-lead-form/styles
 * Styles of `<crm-lead-form>`: plain, readable, themed only through `--crm-*` tokens (with
 * fallbacks, so the form looks right on a page that loads no token sheet) and `part`s.
 */
import { css } from 'lit';

export const leadFormStyles = css`
  :host { display: block; font: var(--crm-font-size, 1rem) / 1.4 var(--crm-font-family, system-ui, sans-serif);
    color: var(--crm-color-text, #1f2937);
    /* The host page's inherited text settings (letter-spacing, white-space: pre, …) stop here. */
    letter-spacing: normal; word-spacing: normal; text-align: start; text-indent: 0; text-transform: none;
    white-space: normal; cursor: auto; }
  *, *::before, *::after { box-sizing: border-box; }
  form { display: grid; gap: var(--crm-space, 0.75rem); }
  label { display: grid; gap: 0.25rem; font-weight: 600; }
  input, select { font: inherit; padding: 0.5rem 0.625rem; border: 1px solid var(--crm-color-border, #9ca3af);
    border-radius: var(--crm-radius, 6px); background: var(--crm-color-surface, #fff); color: inherit; }
  input:focus-visible, select:focus-visible, button:focus-visible {
    outline: 2px solid var(--crm-color-primary, #1d4ed8); outline-offset: 2px; }
  [aria-invalid='true'] { border-color: var(--crm-color-danger, #b91c1c); }
  .consent { display: flex; gap: 0.5rem; align-items: flex-start; font-weight: 400; }
  .err { color: var(--crm-color-danger, #b91c1c); font-weight: 400; font-size: 0.875em; }
  .trap { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
  button { font: inherit; font-weight: 600; padding: 0.625rem 1rem; border: 0; border-radius: var(--crm-radius, 6px);
    background: var(--crm-color-primary, #1d4ed8); color: var(--crm-color-on-primary, #fff); cursor: pointer; }
  button[disabled] { opacity: 0.6; cursor: progress; }
  button.secondary { background: transparent; color: var(--crm-color-primary, #1d4ed8);
    border: 1px solid currentColor; }
  .hint { font-weight: 400; font-size: 0.875em; color: var(--crm-color-text-muted, #4b5563); }
`;
