/**
 * @module widgets/crm-password-reset/styles
 * A link-like opener under a sign-in form, and a small card for each step.
 */
import { css } from 'lit';
import { token } from '../base/theme.ts';

export const passwordResetStyles = css`
  :host { display: block; }
  [part~='base'] { display: grid; gap: ${token.spaceS}; }
  form { display: grid; gap: ${token.spaceXs}; }
  h2 { font-size: 1.15rem; margin: 0; }
  .field input { width: 100%; }
  .actions { display: flex; flex-wrap: wrap; gap: ${token.spaceS}; align-items: center; margin-top: ${token.spaceS}; }
  button.link { padding: 0; }
`;
