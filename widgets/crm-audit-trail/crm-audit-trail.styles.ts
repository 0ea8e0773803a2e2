/**
 * @module widgets/crm-audit-trail/styles
 * A compact list: time and person on one line, what happened below; reads in a muted tone, changes bold.
 */
import { css } from 'lit';
import { token } from '../base/theme.ts';

export const auditTrailStyles = css`
  details > summary { cursor: pointer; font-weight: 600; padding: ${token.spaceXs} 0; }
  h3 { margin: 0; font-size: ${token.fontSizeM}; }
  ol { list-style: none; margin: ${token.spaceS} 0 0; padding: 0; display: grid; gap: ${token.spaceXs}; }
  li[part~='entry'] { padding: ${token.spaceXs} ${token.spaceS}; border-left: 3px solid ${token.colorBorder}; }
  li[data-kind='change'] { border-left-color: ${token.colorPrimary}; }
  li[data-kind='read'] .what { font-weight: 400; }
  .when { color: ${token.colorTextMuted}; font-size: ${token.fontSizeS}; }
  .what { font-weight: 600; overflow-wrap: anywhere; }
  .detail { color: ${token.colorTextMuted}; font-size: ${token.fontSizeS}; overflow-wrap: anywhere; }
  .note { color: ${token.colorTextMuted}; font-size: ${token.fontSizeS}; margin: ${token.spaceXs} 0 0; }
`;
