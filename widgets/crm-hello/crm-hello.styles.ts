/**
 * @module widgets/crm-hello/styles
 * Styles of `<crm-hello>`: a small card, themed only through tokens.
 */
import { css } from 'lit';
import { token } from '../base/theme.ts';

export const helloStyles = css`
  [part='base'] {
    display: flex;
    align-items: center;
    gap: ${token.spaceM};
    padding: ${token.spaceM};
    border: 1px solid ${token.colorBorder};
    border-radius: ${token.radius};
    background: ${token.colorSurface};
  }
  [part='label'] {
    color: ${token.colorTextMuted};
    font-size: ${token.fontSizeS};
  }
  [part='status'] {
    font-weight: 600;
    flex: 1;
  }
  [part='status'][data-ok] {
    color: ${token.colorSuccess};
  }
`;
