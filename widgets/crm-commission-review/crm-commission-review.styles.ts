/**
 * @module widgets/crm-commission-review/styles
 * The review's layout: a wrapping filter form, a bar with the counts, the selection and the
 * approve button that stays in view while the list scrolls (its result is said there), the table
 * with recipient group rows, and the pager. Colours only through the theme's tokens.
 */
import { css } from 'lit';
import { token } from '../base/theme.ts';

export const reviewStyles = css`
  .filter-panel { margin-bottom: ${token.spaceS}; }
  .filter-panel > summary { cursor: pointer; font-size: ${token.fontSizeS}; font-weight: 600;
    padding: ${token.spaceXs} 0; }
  .filters { display: flex; flex-wrap: wrap; gap: ${token.spaceS} ${token.spaceM}; align-items: end;
    margin-bottom: ${token.spaceM}; }
  .filters .field { min-width: 9rem; max-width: 16rem; }
  .filters .field label { font-size: ${token.fontSizeS}; color: ${token.colorTextMuted}; }
  .bar { position: sticky; top: 0; z-index: 1; background: ${token.colorSurface};
    border-bottom: 1px solid ${token.colorBorder}; padding: ${token.spaceS} 0; margin-bottom: ${token.spaceS}; }
  .bar p { margin: 0 0 ${token.spaceXs}; }
  .bar .message p { margin: 0; }
  .counts { font-size: ${token.fontSizeS}; }
  .selection { font-weight: 600; }
  .scroll { overflow-x: auto; }
  table { width: 100%; border-collapse: collapse; }
  td, th { padding: .35rem .5rem; border-bottom: 1px solid ${token.colorBorder}; text-align: left;
    vertical-align: top; }
  thead th { font-size: ${token.fontSizeS}; color: ${token.colorTextMuted}; font-weight: 600; }
  .num { text-align: right; white-space: nowrap; }
  [part~='explanation'] { font-size: .85em; color: ${token.colorTextMuted}; max-width: 38rem; }
  .flag { color: ${token.colorDanger}; font-weight: 600; }
  .ok { color: ${token.colorSuccess}; }
  [part~='row-message']:empty { display: none; }
  tr.group th { background: color-mix(in srgb, ${token.colorPrimary} 7%, ${token.colorSurface});
    color: ${token.colorText}; font-weight: 600; }
  tr.group .totals { font-weight: 400; margin-left: ${token.spaceM}; }
  td.act { min-width: 7rem; }
  form.edit { display: grid; gap: ${token.spaceXs}; min-width: 14rem; }
  .badge.status { color: ${token.colorText}; background: color-mix(in srgb, ${token.colorTextMuted} 14%, transparent); }
  .badge.status[data-status='approved'] { color: ${token.colorSuccess};
    background: color-mix(in srgb, ${token.colorSuccess} 10%, transparent); }
  .pager { margin-top: ${token.spaceS}; font-size: ${token.fontSizeS}; }
`;
