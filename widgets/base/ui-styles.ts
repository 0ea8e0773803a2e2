/**
 * @module widgets/base/ui-styles
 * Styles the CRM widgets share: panels, tables, form fields, status badges, messages. Only tokens,
 * so a firm's theme reaches every one of them.
 */
import { css } from 'lit';
import { token } from './theme.ts';

export const uiStyles = css`
  [part~='base'] {
    background: ${token.colorSurface};
    border: 1px solid ${token.colorBorder};
    border-radius: ${token.radius};
    padding: ${token.spaceM};
  }
  h2, h3 {
    margin: 0 0 ${token.spaceS};
    font-size: ${token.fontSizeL};
    line-height: 1.3;
  }
  h3 { font-size: ${token.fontSizeM}; }
  h3.inline { margin: 0; }
  .actions, .field.note { margin-top: ${token.spaceM}; }
  .moves-label { margin: ${token.spaceS} 0 ${token.spaceXs}; }
  .muted { color: ${token.colorTextMuted}; font-size: ${token.fontSizeS}; }
  .row { display: flex; flex-wrap: wrap; gap: ${token.spaceS}; align-items: center; }
  .spacer { flex: 1; }
  button.secondary {
    background: transparent;
    color: ${token.colorPrimary};
  }
  button.link {
    background: none; border: none; padding: 0; color: ${token.colorPrimary}; text-decoration: underline;
  }
  input, select, textarea {
    font: inherit;
    font-size: ${token.fontSizeS};
    color: inherit;
    background: ${token.colorSurface};
    border: 1px solid ${token.colorBorder};
    border-radius: ${token.radius};
    padding: ${token.spaceXs} ${token.spaceS};
    min-height: 2rem;
  }
  textarea { min-height: 4rem; width: 100%; resize: vertical; }
  [aria-invalid='true'] { border-color: ${token.colorDanger}; }
  .field { display: grid; gap: 2px; }
  .field label { font-size: ${token.fontSizeS}; color: ${token.colorTextMuted}; }
  .field input:not([type='checkbox']), .field select { width: 100%; }
  .field-error, .req { color: ${token.colorDanger}; font-size: ${token.fontSizeS}; }
  .unit { font-size: ${token.fontSizeS}; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: ${token.spaceS} ${token.spaceM}; }
  .message {
    border-radius: ${token.radius};
    padding: ${token.spaceS} ${token.spaceM};
    margin: ${token.spaceS} 0;
    font-size: ${token.fontSizeS};
  }
  .message[data-kind='error'] { background: color-mix(in srgb, ${token.colorDanger} 8%, transparent);
    color: ${token.colorDanger}; }
  .message[data-kind='ok'] { background: color-mix(in srgb, ${token.colorSuccess} 10%, transparent);
    color: ${token.colorSuccess}; }
  .message ul { margin: ${token.spaceXs} 0 0; padding-left: 1.2em; }
  .badge {
    display: inline-block;
    padding: 0 ${token.spaceS};
    border-radius: 999px;
    font-size: ${token.fontSizeS};
    white-space: nowrap;
    color: var(--badge-text, #fff);
    background: var(--badge, ${token.colorTextMuted});
  }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: ${token.spaceXs} ${token.spaceM}; margin: 0; }
  dt { color: ${token.colorTextMuted}; font-size: ${token.fontSizeS}; }
  dd { margin: 0; overflow-wrap: anywhere; }
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
  }
`;
