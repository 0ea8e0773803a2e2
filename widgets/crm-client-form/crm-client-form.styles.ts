/**
 * @module widgets/crm-client-form/styles
 * The kind switch, the classification row and the duplicate warning under an identifier.
 */
import { css } from 'lit';
import { token } from '../base/theme.ts';

export const clientFormStyles = css`
  form { display: grid; gap: ${token.spaceM}; }
  .kind { display: flex; flex-wrap: wrap; gap: ${token.spaceM}; border: none; margin: 0; padding: 0; }
  .kind legend { font-size: ${token.fontSizeS}; color: ${token.colorTextMuted}; padding: 0; margin-bottom: 2px; }
  .kind label { display: inline-flex; align-items: center; gap: ${token.spaceXs}; min-height: 2rem; }
  .dup {
    grid-column: 1 / -1;
    border-left: 4px solid ${token.colorWarning};
    background: color-mix(in srgb, ${token.colorWarning} 10%, ${token.colorSurface});
    color: ${token.colorText};
    padding: ${token.spaceS} ${token.spaceM};
    border-radius: ${token.radius};
    display: flex; flex-wrap: wrap; gap: ${token.spaceXs} ${token.spaceS}; align-items: baseline;
  }
  .dup .muted { color: ${token.colorText}; }
  .dup-none { grid-column: 1 / -1; margin: 0; }
  .fields .field { align-content: start; }
  .field input[type='checkbox'] { width: 1.25rem; height: 1.25rem; }
`;
