/**
 * @module widgets/crm-client-list/styles
 * The list: a filter bar, status chips, a compact table that scrolls sideways on narrow screens.
 */
import { css } from 'lit';
import { token } from '../base/theme.ts';

export const clientListStyles = css`
  [part~='base'] { display: grid; gap: ${token.spaceS}; }
  [part='header'] { display: flex; align-items: baseline; gap: ${token.spaceS}; flex-wrap: wrap; }
  [part='total'] { color: ${token.colorTextMuted}; font-size: ${token.fontSizeS}; }
  [part='export'] { margin-left: auto; }
  [part='filters'] { display: flex; flex-wrap: wrap; gap: ${token.spaceS}; }
  [part='filters'] input[type='search'] { flex: 3 1 12rem; }
  [part='filters'] select { flex: 1 1 9rem; max-width: 16rem; }
  [part='counts'] { display: flex; flex-wrap: wrap; gap: ${token.spaceXs}; margin: 0; padding: 0; list-style: none; }
  .chip {
    background: ${token.colorSurfaceAlt};
    color: ${token.colorText};
    border: 1px solid transparent;
    border-radius: 999px;
    font-size: ${token.fontSizeS};
    padding: 0 ${token.spaceS};
  }
  .chip[aria-pressed='true'] { border-color: ${token.colorPrimary}; color: ${token.colorPrimary};
    background: ${token.colorSurface}; }
  .chip b { font-weight: 600; margin-left: 0.3em; }
  .dot { display: inline-block; width: 0.55em; height: 0.55em; border-radius: 50%; margin-right: 0.35em;
    background: var(--badge, ${token.colorTextMuted}); }
  .scroll { overflow-x: auto; }
  table { width: 100%; border-collapse: collapse; font-size: ${token.fontSizeS}; }
  th, td { text-align: left; padding: ${token.spaceXs} ${token.spaceS}; border-bottom: 1px solid ${token.colorBorder};
    white-space: nowrap; }
  td.name { white-space: normal; font-weight: 600; min-width: 10rem; }
  th { color: ${token.colorTextMuted}; font-weight: 600; }
  th button { all: unset; cursor: pointer; }
  th button:focus-visible { box-shadow: ${token.focusRing}; }
  tbody tr { cursor: pointer; }
  tbody tr:hover { background: ${token.colorSurfaceAlt}; }
  tbody tr[aria-selected='true'] { background: color-mix(in srgb, ${token.colorPrimary} 10%, transparent);
    box-shadow: inset 3px 0 ${token.colorPrimary}; }
  [part='empty'] { padding: ${token.spaceM}; text-align: center; color: ${token.colorTextMuted}; }
  [part='more'] { justify-self: center; }
`;
