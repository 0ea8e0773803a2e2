/**
 * @module calendar
 * The calendar and meeting reminders: items with recurrence kept in local time,
 * delegation and supervision by org scope, double-booking flags, SMS reminder plans that live and
 * die with their meeting in one transaction, and a secret iCal feed per user.
 */
export {
  createItem,
  getItem,
  updateItem,
  moveItem,
  cancelItem,
  skipOccurrence,
  type ItemInput,
  type ItemPatch,
  type MoveInput,
  type ItemResult,
} from './items.ts';
export {
  completeItem,
  meetingOutcomes,
  type MeetingOutcome,
  type CompleteInput,
  type CompleteResult,
} from './complete.ts';
export { listCalendar, overdueTasks, MAX_WINDOW_DAYS, type CalendarQuery } from './list.ts';
export type { CalendarEntry } from './entries.ts';
export { calendarScope, mayReadCalendarOf, assertMayWriteFor, type CalendarItemRow } from './access.ts';
export { findConflicts, type Conflict } from './conflicts.ts';
export { expand, seriesEnd, OPEN_END, type Occurrence } from './recurrence.ts';
export { timeColumns, itemKinds, type ItemKind } from './item-input.ts';
export { resolveLocal, type TimeResolution } from './local-time.ts';
export {
  planReminders,
  applyQuietHours,
  renderTemplate,
  reminderSettings,
  type PlannedReminder,
  type SkipReason,
} from './reminder-plan.ts';
export {
  syncReminders,
  reminderStatus,
  planFor,
  REMINDER_PURPOSE,
  reminderSubject,
  type ReminderStatus,
} from './reminders.ts';
export { recheckMeetingReminder } from './recheck.ts';
export { createFeedToken, revokeFeedToken, feedFor } from './feed.ts';
export { remindersConfigSchema, defaultReminders } from './config-schema.ts';
export { checkReminders } from './checks.ts';
export {
  noticeTaskDone,
  notifyOverdueTasks,
  TASK_DONE_PURPOSE,
  TASK_OVERDUE_PURPOSE,
  taskSubject,
} from './task-notices.ts';
export { calendarPeople, type CalendarPerson } from './people.ts';
export {
  recordContact,
  NEXT_STEP_TITLE,
  type ContactInput,
  type ContactResult,
  type NextStepInput,
} from './next-step.ts';
export { clientTasks, RECENT_FINISHED_TASKS } from './client-tasks.ts';
export { recordReminderDelivery } from './reminder-delivery.ts';
export { whenText, fillWhen, smsForm } from './reminder-text.ts';
