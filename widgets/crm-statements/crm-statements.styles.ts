/**
 * @module widgets/crm-statements/styles
 * The Statements view's layout: a wrapping filter form, the statements table (scrolls sideways in
 * its own region on a narrow screen), state labels and the list of recipients still waiting.
 */
import { css } from 'lit';
import { token } from '../base/theme.ts';

export const statementsStyles = css`
  .filters { display: flex; flex-wrap: wrap; gap: ${token.spaceS} ${token.spaceM}; align-items: end;
    margin-bottom: ${token.spaceS}; }
  .filters .field { min-width: 9rem; }
  .filters .field label { font-size: ${token.fontSizeS}; color: ${token.colorTextMuted}; }
  .check { display: flex; gap: ${token.spaceXs}; align-items: center; font-size: ${token.fontSizeS};
    min-height: 2rem; }
  .scroll { overflow-x: auto; }
  table { width: 100%; border-collapse: collapse; }
  td, th { padding: .35rem .5rem; border-bottom: 1px solid ${token.colorBorder}; text-align: left;
    vertical-align: top; }
  thead th { font-size: ${token.fontSizeS}; color: ${token.colorTextMuted}; font-weight: 600; }
  .num { text-align: right; white-space: nowrap; }
  .files { white-space: nowrap; }
  .files a { color: ${token.colorPrimary}; display: inline-block; padding: ${token.spaceXs}; min-width: 24px; }
  .state[data-state='final'] { color: ${token.colorSuccess}; font-weight: 600; }
  .state[data-state='replaced'] { color: ${token.colorTextMuted}; text-decoration: line-through; }
  .flag { color: ${token.colorDanger}; font-size: ${token.fontSizeS}; }
  ul[part~='waiting'] { margin: 0; padding-left: 1.2em; }
  ul[part~='waiting'] li { margin: ${token.spaceXs} 0; }
`;
