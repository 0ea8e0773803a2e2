/**
 * @module widgets/crm-calendar/styles
 * Styles of `<crm-calendar>`, themed only through `--crm-*` tokens.
 */
import { css } from 'lit';
import { token } from '../base/theme.ts';

export const calendarStyles = css`
  :host { display: block; }
  [part='toolbar'] { display: flex; flex-wrap: wrap; gap: ${token.spaceS}; align-items: center;
    margin-bottom: ${token.spaceS}; }
  [part='range'] { font-weight: 600; flex: 1; min-width: 10em; }
  button, select, input { font: inherit; }
  button { border: 1px solid ${token.colorBorder}; background: ${token.colorSurface}; color: ${token.colorText};
    border-radius: ${token.radius}; padding: 2px 8px; cursor: pointer; }
  button[aria-pressed='true'], button.primary { background: ${token.colorPrimary}; color: ${token.colorPrimaryContrast};
    border-color: ${token.colorPrimary}; }
  :focus-visible { outline: none; box-shadow: ${token.focusRing}; }
  [part='grid'] { display: grid; gap: 1px; background: ${token.colorBorder}; border: 1px solid ${token.colorBorder};
    border-radius: ${token.radius}; overflow: hidden; }
  [part='grid'][data-view='day'] { grid-template-columns: 1fr; }
  [part='grid'][data-view='week'], [part='grid'][data-view='month'] {
    grid-template-columns: repeat(7, minmax(0, 1fr)); }
  [part='day'] { background: ${token.colorSurface}; min-height: 7em; padding: ${token.spaceXs}; display: flex;
    flex-direction: column; gap: 2px; }
  [part='grid'][data-view='month'] [part='day'] { min-height: 5em; }
  [part='day'][data-other] { background: ${token.colorSurfaceAlt}; }
  [part='day'][data-drop] { outline: 2px dashed ${token.colorPrimary}; outline-offset: -2px; }
  .date { font-size: ${token.fontSizeS}; color: ${token.colorTextMuted}; }
  .date[data-today] { color: ${token.colorPrimary}; font-weight: 700; }
  [part='item'] { text-align: left; font-size: ${token.fontSizeS}; border-left: 3px solid ${token.colorPrimary};
    padding: 1px 4px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  [part='item'][data-kind='task'] { border-left-color: ${token.colorWarning}; }
  [part='item'][data-kind='block'] { border-left-color: ${token.colorTextMuted}; }
  [part='item'][data-status='done'] { text-decoration: line-through; opacity: 0.7; }
  [part='item'][data-conflict], [part='item'][data-overdue] { border-color: ${token.colorDanger}; }
  .flag { color: ${token.colorDanger}; font-weight: 700; }
  [part='detail'], [part='form'] { margin-top: ${token.spaceS}; padding: ${token.spaceS};
    border: 1px solid ${token.colorBorder}; border-radius: ${token.radius}; background: ${token.colorSurface};
    display: grid; gap: ${token.spaceXs}; }
  [part='form'] label { display: grid; grid-template-columns: 8em 1fr; gap: ${token.spaceS}; align-items: center; }
  [part='form'] crm-client-picker { --crm-picker-columns: 8em 1fr; }
  [part='reminders'] { margin: 0; padding-left: 1.2em; font-size: ${token.fontSizeS}; }
  [part='reminder'][data-status='skipped'] { color: ${token.colorTextMuted}; }
  .muted { color: ${token.colorTextMuted}; font-size: ${token.fontSizeS}; }
  .row { display: flex; flex-wrap: wrap; gap: ${token.spaceS}; align-items: center; }
  [role='alert'] { color: ${token.colorDanger}; }
  [role='status'] { color: ${token.colorSuccess}; }
`;
