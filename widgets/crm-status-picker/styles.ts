/**
 * @module widgets/crm-status-picker/styles
 * The sale form's own styles: the proposed commission lines and the uncovered-sale warning.
 */
import { css } from 'lit';
import { token } from '../base/theme.ts';

export const pickerStyles = css`
  .preview { margin-top: ${token.spaceM}; }
  .preview:focus { outline: none; }
  .preview:focus-visible { box-shadow: ${token.focusRing}; }
  h4 { margin: 0 0 ${token.spaceXs}; font-size: ${token.fontSizeM}; }
  table { border-collapse: collapse; width: 100%; font-size: ${token.fontSizeS}; }
  th, td { text-align: left; padding: ${token.spaceXs} ${token.spaceS}; border-bottom: 1px solid ${token.colorBorder};
    vertical-align: top; }
  th { color: ${token.colorTextMuted}; font-weight: 600; }
  .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
  .small { font-size: ${token.fontSizeS}; }
  .warn { color: ${token.colorWarning}; font-weight: 600; }
  td { overflow-wrap: break-word; }
  th { white-space: nowrap; }
  tr[data-missing='true'] td:first-child { box-shadow: inset 4px 0 0 ${token.colorWarning}; }
  .message[data-kind='warning'] { background: color-mix(in srgb, ${token.colorWarning} 10%, transparent);
    color: ${token.colorText}; border-left: 4px solid ${token.colorWarning}; }
  .ack label { display: flex; gap: ${token.spaceS}; align-items: flex-start; color: ${token.colorText}; }
  .ack input { margin-top: 0.2em; min-height: auto; }
`;
