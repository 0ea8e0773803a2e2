/**
 * @module widgets/crm-consents/styles
 * One card per purpose: its name and lawful basis, a state badge, the last event, actions; the text
 * to read out or sign in a quoted block; the history in a disclosure.
 */
import { css } from 'lit';
import { token } from '../base/theme.ts';

export const consentsStyles = css`
  ul.purposes { list-style: none; margin: ${token.spaceS} 0 0; padding: 0; display: grid; gap: ${token.spaceS}; }
  li[part~='purpose'] {
    border: 1px solid ${token.colorBorder};
    border-radius: ${token.radius};
    padding: ${token.spaceS} ${token.spaceM};
  }
  .name { font-weight: 600; }
  .state { font-size: ${token.fontSizeS}; font-weight: 600; padding: 0 ${token.spaceS}; border-radius: 999px;
    border: 1px solid currentColor; white-space: nowrap; }
  .state[data-state='given'] { color: ${token.colorSuccess}; }
  .state[data-state='withdrawn'] { color: ${token.colorDanger}; }
  .state[data-state='none'], .state[data-state='not-needed'] { color: ${token.colorTextMuted}; }
  blockquote { margin: ${token.spaceS} 0; padding: ${token.spaceS} ${token.spaceM};
    border-left: 3px solid ${token.colorPrimary}; background: ${token.colorSurfaceAlt}; white-space: pre-wrap; }
  .hash { font-family: ui-monospace, monospace; font-size: ${token.fontSizeS}; overflow-wrap: anywhere; }
  form[part='form'] { display: grid; gap: ${token.spaceS}; padding: ${token.spaceS}; margin-top: ${token.spaceS};
    border: 1px dashed ${token.colorBorder}; border-radius: ${token.radius}; }
  form .row > .field { flex: 1 1 9rem; }
  details { margin-top: ${token.spaceXs}; font-size: ${token.fontSizeS}; }
  details ol { margin: ${token.spaceXs} 0 0; padding-left: 1.2em; }
  .warn { color: ${token.colorDanger}; font-weight: 600; }
`;
