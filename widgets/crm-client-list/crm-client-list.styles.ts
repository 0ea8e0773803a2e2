/**
 * @module widgets/crm-client-list/styles
 * The list: a filter bar, status chips, a compact table whose names and labels wrap (nothing is cut at
 * 1366 px beside the card), and below 560 px of the list's own width one small card per client.
 */
import { css } from 'lit';
import { token } from '../base/theme.ts';

export const clientListStyles = css`
  :host { container-type: inline-size; }
  [part~='base'] { display: grid; gap: ${token.spaceS}; }
  [part='header'] { display: flex; align-items: baseline; gap: ${token.spaceS}; flex-wrap: wrap; }
  [part='total'] { color: ${token.colorTextMuted}; font-size: ${token.fontSizeS}; }
  [part='new'] { margin-left: auto; }
  [part='new'] + [part='export'] { margin-left: 0; }
  [part='export'] { margin-left: auto; }
  .bulk { display: flex; flex-wrap: wrap; align-items: center; gap: ${token.spaceXs} ${token.spaceS};
    padding: ${token.spaceXs} ${token.spaceS}; border-radius: ${token.radius};
    background: color-mix(in srgb, ${token.colorPrimary} 6%, ${token.colorSurface}); }
  .bulk .count { font-weight: 600; }
  .bulk label { font-size: ${token.fontSizeS}; }
  .bulk select { max-width: 16rem; }
  .bulk-message { font-size: ${token.fontSizeS}; }
  .bulk-message[data-kind='ok'] { color: ${token.colorSuccess}; font-weight: 600; }
  .bulk-message[data-kind='error'] { color: ${token.colorDanger}; font-weight: 600; }
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
    vertical-align: top; }
  /* Dates and badges stay on one line; names and config labels wrap at word boundaries, never cut. */
  td.col-createdAt, td.col-updatedAt, th.col-createdAt, th.col-updatedAt, td.col-status { white-space: nowrap; }
  td.name { font-weight: 600; min-width: 9rem; overflow-wrap: anywhere; }
  td.col-type, td.col-source, td.col-owner { min-width: 6rem; }
  th.pick, td.pick { width: 1.5rem; padding-right: 0; }
  td.pick input, th.pick input { width: 1.1rem; height: 1.1rem; margin: 0; }
  th { color: ${token.colorTextMuted}; font-weight: 600; }
  th button { all: unset; cursor: pointer; }
  th button:focus-visible { box-shadow: ${token.focusRing}; }
  tbody tr { cursor: pointer; }
  tbody tr:hover { background: ${token.colorSurfaceAlt}; }
  tbody tr[aria-selected='true'] { background: color-mix(in srgb, ${token.colorPrimary} 10%, transparent);
    box-shadow: inset 3px 0 ${token.colorPrimary}; }
  [part='empty'] { padding: ${token.spaceM}; text-align: center; color: ${token.colorTextMuted}; }
  [part='more'] { justify-self: center; }
  @container (max-width: 560px) {
    table, tbody, tr, td { display: block; }
    thead tr { display: flex; }
    thead th:not(.pick) { display: none; }
    thead th.pick { border: none; }
    tbody tr { display: grid; grid-template-columns: auto 1fr; gap: 0 ${token.spaceS};
      border-bottom: 1px solid ${token.colorBorder}; padding: ${token.spaceXs} 0; }
    tbody td { border: none; padding: 2px ${token.spaceXs}; grid-column: 2; }
    tbody td.pick { grid-column: 1; grid-row: 1 / span 6; }
    tbody td[data-label]::before { content: attr(data-label) ': '; color: ${token.colorTextMuted}; }
  }
`;
