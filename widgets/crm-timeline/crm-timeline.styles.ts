/**
 * @module widgets/crm-timeline/styles
 * A vertical list with a rule on the left; status changes carry a coloured dot; open tasks above it.
 */
import { css } from 'lit';
import { token } from '../base/theme.ts';

export const timelineStyles = css`
  ol { list-style: none; margin: ${token.spaceS} 0 0; padding: 0; }
  li[part~='item'] {
    position: relative;
    padding: 0 0 ${token.spaceM} ${token.spaceL};
    border-left: 2px solid ${token.colorBorder};
    margin-left: 0.4rem;
  }
  li[part~='item']::before {
    content: '';
    position: absolute;
    left: -0.45rem;
    top: 0.3rem;
    width: 0.75rem;
    height: 0.75rem;
    border-radius: 50%;
    background: var(--badge, color-mix(in srgb, ${token.colorPrimary} 30%, ${token.colorSurface}));
    border: 2px solid ${token.colorSurface};
    box-shadow: 0 0 0 1px ${token.colorBorder};
  }
  .when { color: ${token.colorTextMuted}; font-size: ${token.fontSizeS}; }
  .what { font-weight: 600; }
  .note { margin: 2px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
  .next { font-size: ${token.fontSizeS}; color: ${token.colorWarning}; }
  form[part='form'] { display: grid; gap: ${token.spaceS}; padding: ${token.spaceS};
    background: ${token.colorSurfaceAlt}; border-radius: ${token.radius}; }
  form .row > .field { flex: 1 1 9rem; }
  .tasks { margin-top: ${token.spaceS}; }
  .tasks h4 { margin: 0 0 ${token.spaceXs}; font-size: ${token.fontSizeS}; }
  .tasks ul { list-style: none; margin: 0; padding: 0; display: grid; gap: ${token.spaceXs}; }
  .tasks li { display: flex; flex-wrap: wrap; gap: 0 ${token.spaceS}; align-items: baseline;
    padding: ${token.spaceXs} ${token.spaceS}; border-left: 3px solid ${token.colorWarning};
    background: ${token.colorSurfaceAlt}; border-radius: ${token.radius}; }
  .tasks .due { font-size: ${token.fontSizeS}; font-weight: 600; }
  .tasks li .muted { color: ${token.colorText}; }
  .tasks .title { flex: 1 1 10rem; overflow-wrap: anywhere; }
  .tasks .late { color: ${token.colorDanger}; font-size: ${token.fontSizeS}; font-weight: 600; }
`;
