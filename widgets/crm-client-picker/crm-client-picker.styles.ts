/**
 * @module widgets/crm-client-picker/styles
 * A text box with a clear button and a list of matches that opens under it. `--crm-picker-columns`
 * (default `1fr`: the label above) lets a form put the label beside the box, e.g. `8em 1fr`.
 */
import { css } from 'lit';
import { token } from '../base/theme.ts';

export const pickerStyles = css`
  .picker { display: grid; gap: 2px ${token.spaceS}; grid-template-columns: var(--crm-picker-columns, 1fr);
    align-items: center; }
  label { font-size: ${token.fontSizeS}; color: ${token.colorTextMuted}; }
  .box { position: relative; }
  input { width: 100%; padding-right: 2rem; }
  .clear {
    position: absolute; right: 2px; top: 50%; transform: translateY(-50%);
    background: transparent; color: ${token.colorTextMuted}; border: none; padding: 0 ${token.spaceS};
    min-height: 1.75rem; font-size: ${token.fontSizeM};
  }
  [part='listbox'] {
    position: absolute; z-index: 10; left: 0; right: 0; top: 100%; margin: 2px 0 0; padding: 0; list-style: none;
    max-height: 16rem; overflow-y: auto; background: ${token.colorSurface};
    border: 1px solid ${token.colorBorder}; border-radius: ${token.radius}; box-shadow: 0 4px 12px rgb(0 0 0 / 0.12);
  }
  [part='listbox'][hidden] { display: none; }
  [part='option'] { display: grid; padding: ${token.spaceXs} ${token.spaceS}; cursor: pointer; }
  [part='option']:hover { background: ${token.colorSurfaceAlt}; }
  [part='option'][aria-selected='true'] {
    background: color-mix(in srgb, ${token.colorPrimary} 12%, ${token.colorSurface});
    box-shadow: inset 3px 0 ${token.colorPrimary};
  }
  .name { font-weight: 600; overflow-wrap: anywhere; }
  [part='message'] { min-height: 1.2em; grid-column: 1 / -1; }
`;
