/**
 * @module widgets/crm-timeline
 * Registers `<crm-timeline>`. Import this (or load `dist/widgets/crm-timeline.js`) to use the tag.
 */
import { defineElement } from '../base/define.ts';
import { CrmTimeline } from './crm-timeline.component.ts';

export { CrmTimeline, type TimelineItem } from './crm-timeline.component.ts';
export { CrmActivityAddEvent } from './events.ts';

defineElement('crm-timeline', CrmTimeline);
