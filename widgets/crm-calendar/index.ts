/**
 * @module widgets/crm-calendar
 * Registers `<crm-calendar>`. Import this (or load `dist/widgets/crm-calendar.js`) to use the tag.
 */
import { defineElement } from '../base/define.ts';
import { CrmCalendar } from './crm-calendar.component.ts';

export { CrmCalendar, CrmCalendarSelectEvent } from './crm-calendar.component.ts';

defineElement('crm-calendar', CrmCalendar);
