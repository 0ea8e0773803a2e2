/**
 * @module widgets/crm-calendar/types
 * The shapes `<crm-calendar>` reads from `/api/calendar…` (dates arrive as ISO strings).
 */
export interface Entry {
  key: string;
  itemId: string;
  kind: 'meeting' | 'call' | 'task' | 'block';
  title: string;
  start: string;
  end: string;
  localStart: string;
  zone: string;
  recurring: boolean;
  status: 'planned' | 'done' | 'cancelled';
  outcome: string | null;
  assignee: { id: string; name: string };
  delegatedBy: { id: string; name: string } | null;
  clientId: string | null;
  place: string | null;
  onlineUrl: string | null;
  note: string | null;
  version: number;
  conflict: boolean;
  overdue: boolean;
}
export interface Person {
  id: string;
  name: string;
  me: boolean;
}
export interface Reminder {
  ruleId: string;
  status: 'planned' | 'skipped';
  reason?: string;
  sendAt: string;
  movedForQuietHours: boolean;
  text: string;
  segments: { encoding: string; segments: number; length: number };
  outbox: { status: string } | null;
}
export interface ItemResult {
  item: { id: string };
  conflicts: Array<{ title: string }>;
  timeNotes: unknown[];
  reminders: Reminder[];
}
