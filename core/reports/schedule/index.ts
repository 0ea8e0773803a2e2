/**
 * @module reports/schedule
 * Scheduled reports: a person subscribes to a report as a weekly or monthly PDF e-mail; an
 * idempotent sweep queues due reports in the notifications outbox. See docs/reports.md.
 */
export {
  subscribeReport,
  listReportSubscriptions,
  deleteReportSubscription,
  type ReportSubscription,
  type SubscribeInput,
} from './subscriptions.ts';
export {
  registerScheduledReport,
  scheduledReport,
  scheduledReportList,
  advisorActivityReport,
  type ScheduledReport,
  type ScheduledTable,
  type ReportPeriod,
} from './scheduled-reports.ts';
export { sendDueReportSubscriptions, lastCompletePeriod, tablePdf, REPORT_SUBSCRIPTION_PURPOSE } from './sweep.ts';
