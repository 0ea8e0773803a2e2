/**
 * @module widgets/crm-partner-view/styles
 * A filter bar over a compact table; on a narrow screen (the widget under 40rem wide) each row is a
 * card of labelled lines, so nothing scrolls sideways. Each row's status history folds out under a
 * `<details>`.
 */
import { css } from 'lit';
import { token } from '../base/theme.ts';

export const partnerViewStyles = css`
  [part~='base'] { display: grid; gap: ${token.spaceS}; }
  [part='header'] { display: flex; align-items: baseline; gap: ${token.spaceS}; flex-wrap: wrap; }
  [part='total'] { color: ${token.colorTextMuted}; font-size: ${token.fontSizeS}; }
  [part='filters'] { display: flex; flex-wrap: wrap; gap: ${token.spaceS}; }
  [part='filters'] input { flex: 3 1 12rem; }
  [part='filters'] select { flex: 1 1 9rem; max-width: 16rem; }
  .scroll { overflow-x: auto; }
  table { width: 100%; border-collapse: collapse; font-size: ${token.fontSizeS}; }
  th, td { text-align: left; vertical-align: top; padding: ${token.spaceXs} ${token.spaceS};
    border-bottom: 1px solid ${token.colorBorder}; }
  thead th { color: ${token.colorTextMuted}; font-weight: 600; white-space: nowrap; }
  th.ref { font-weight: 600; white-space: nowrap; }
  tbody tr { cursor: pointer; }
  tbody tr:hover { background: ${token.colorSurfaceAlt}; }
  tbody tr[aria-selected='true'] { background: color-mix(in srgb, ${token.colorPrimary} 10%, transparent);
    box-shadow: inset 3px 0 ${token.colorPrimary}; }
  summary { cursor: pointer; color: ${token.colorPrimary}; white-space: nowrap; }
  [part='history'] ol { margin: ${token.spaceXs} 0 0; padding-left: 1.2em; }
  [part='history'] time { color: ${token.colorTextMuted}; margin-right: ${token.spaceXs}; white-space: nowrap; }
  [part='empty'] { padding: ${token.spaceM}; text-align: center; color: ${token.colorTextMuted}; }
  [part='more'] { justify-self: center; }
  td.code { white-space: nowrap; font-variant-numeric: tabular-nums; }
  :host { container-type: inline-size; }
  @container (max-width: 40rem) {
    table, tbody, tr, th, td { display: block; }
    thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    tbody tr { border: 1px solid ${token.colorBorder}; border-radius: 8px; margin-bottom: ${token.spaceS};
      padding: ${token.spaceXs} 0; }
    th, td { border: 0; }
    th::before, td::before { content: attr(data-label); display: block; color: ${token.colorTextMuted};
      font-weight: 400; font-size: ${token.fontSizeS}; }
    th.ref { white-space: normal; }
    [part='filters'] select { max-width: none; }
  }
`;
