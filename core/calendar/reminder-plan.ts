/**
 * @module calendar/reminder-plan
 * Data in, data out: a client meeting + the client's record + the `reminders` config → the SMS
 * reminders it should get, each with its send time, text, segment count, or the reason it is
 * skipped. The outbox sync and the send-time re-check both call this, so they cannot disagree.
 */
import type { FirmSections } from '../config/index.ts';
import { parsePhone } from '../ids/index.ts';
import { smsSegments, type SmsSegments } from '../notifications/index.ts';
import { formatLocal, addLocalDays, utcToZoned, zonedToUtc } from '../time/index.ts';
import { defaultReminders } from './config-schema.ts';
import { fillWhen, smsForm } from './reminder-text.ts';

export type SkipReason =
  'disabled' | 'no-consent' | 'no-phone' | 'invalid-phone' | 'too-late' | 'recurring' | 'not-planned';

export interface PlannedReminder {
  ruleId: string;
  status: 'planned' | 'skipped';
  /** When it goes (UTC), after moving out of quiet hours. */
  sendAt: Date;
  /** Moved earlier because the rule's time fell into quiet hours. */
  movedForQuietHours: boolean;
  /** E.164, or null when the client has no valid number. */
  to: string | null;
  text: string;
  segments: SmsSegments;
  reason?: SkipReason;
  /** With `no-consent` decided by the consent ledger: which purpose refused, and why. */
  consentReason?: string;
}

export interface MeetingFacts {
  startAt: Date;
  zone: string;
  place: string | null;
  onlineUrl: string | null;
  status: 'planned' | 'done' | 'cancelled';
  rrule: string | null;
}

export interface PlanInput {
  meeting: MeetingFacts;
  /** The client's configured fields (`data`). */
  clientData: Record<string, unknown>;
  advisorName: string;
  config: Pick<FirmSections, 'firm'> & { reminders?: Partial<ReminderSettings> };
  /** When planning (not re-checking), reminders whose time has passed are `too-late`. */
  now?: Date;
  /**
   * The consent ledger's verdict when a purpose gates meeting reminders (core/consents); without it the
   * `consentField` of the client's record decides, as before purposes existed.
   */
  consent?: { allowed: boolean; reason?: string };
}

type ReminderSettings = {
  enabled: boolean;
  rules: ReadonlyArray<{ id: string; minutesBefore: number; template?: string; gsm7?: boolean }>;
  quietHours: { from: string; to: string };
  template: string;
  gsm7?: boolean;
  sender?: string;
  phoneField: string;
  consentField: string;
  onlinePlace: string;
};

/** The settings with defaults filled (a config object built in code may skip the section). */
export function reminderSettings(config: { reminders?: Partial<ReminderSettings> }): ReminderSettings {
  return { ...defaultReminders, ...(config.reminders ?? {}) } as ReminderSettings;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A value at a dotted path of the record (`consents.sms`). */
function at(data: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), data);
}

/**
 * The rule's time, moved earlier out of quiet hours: to one minute before quiet hours begin, on the
 * same local evening (a time late in the evening) or the evening before (a time early in the morning).
 * @example
 * applyQuietHours(new Date('2026-05-12T05:00:00Z'), 'Europe/Warsaw', { from: '21:00', to: '08:00' })
 * // { at: 2026-05-11T18:59:00Z (20:59 the evening before), moved: true }
 */
export function applyQuietHours(
  sendAt: Date,
  zone: string,
  quiet: { from: string; to: string },
): { at: Date; moved: boolean } {
  const local = utcToZoned(sendAt, zone);
  const m = minutesOf(local.time);
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  if (from === to) return { at: sendAt, moved: false };
  const acrossMidnight = from > to;
  const inQuiet = acrossMidnight ? m >= from || m < to : m >= from && m < to;
  if (!inQuiet) return { at: sendAt, moved: false };
  const morning = acrossMidnight && m < to;
  const day = morning ? utcToZoned(addLocalDays(sendAt, -1, zone), zone).date : local.date;
  // One minute before quiet hours begin on that day (in the gap or overlap, core/time's rules apply).
  return { at: new Date(zonedToUtc({ date: day, time: quiet.from }, zone).instant.getTime() - 60_000), moved: true };
}

/** `minutesBefore` in local days plus minutes: 1440 before 10:00 is 10:00 the day before, DST or not. */
function ruleTime(start: Date, minutesBefore: number, zone: string): Date {
  const days = Math.floor(minutesBefore / 1440);
  const rest = minutesBefore % 1440;
  const base = days ? addLocalDays(start, -days, zone) : start;
  return new Date(base.getTime() - rest * 60_000);
}

/**
 * Render a template: `{date}` `{time}` `{place}` `{advisor}` `{firm}` (`{when}` is filled before, by
 * `fillWhen`, since it depends on the send time).
 * @example
 * renderTemplate('Spotkanie {date} o {time}', { date: '12.05.2026', time: '10:00', place: '', advisor: '', firm: '' })
 *   // 'Spotkanie 12.05.2026 o 10:00'
 */
export function renderTemplate(
  template: string,
  values: Record<'date' | 'time' | 'place' | 'advisor' | 'firm', string>,
): string {
  return template.replace(/\{(date|time|place|advisor|firm)\}/g, (_, k: keyof typeof values) => values[k]);
}

/**
 * Plan the reminders of one client meeting.
 * @example
 * planReminders({ meeting: { startAt: new Date('2026-05-12T08:00:00Z'), zone: 'Europe/Warsaw',
 *   place: 'ul. Długa 5, Gdańsk', onlineUrl: null, status: 'planned', rrule: null },
 *   clientData: { phone: '+48600100200', smsConsent: true },
 *   advisorName: 'Anna Nowak', config: { firm: { name: 'Kredyt-Dom', … } } })
 * // [{ ruleId: '24h', status: 'planned', sendAt: 2026-05-11T08:00Z,
 * //   text: 'Przypominamy o spotkaniu 12.05.2026 o godz. 10:00, …', segments: { encoding: 'UCS-2', … } },
 * //  { ruleId: '2h', … }]
 */
export function planReminders(input: PlanInput): PlannedReminder[] {
  const s = reminderSettings(input.config);
  const { meeting } = input;
  const values = {
    date: formatLocal(meeting.startAt, meeting.zone, 'pl', 'date'),
    time: formatLocal(meeting.startAt, meeting.zone, 'pl', 'time'),
    place: meeting.place?.trim() || (meeting.onlineUrl ? s.onlinePlace : '-'),
    advisor: input.advisorName,
    firm: input.config.firm.name,
  };
  const rawPhone = at(input.clientData, s.phoneField);
  const phone = typeof rawPhone === 'string' && rawPhone.trim() ? parsePhone(rawPhone) : null;
  const to = phone?.ok ? phone.value : null;
  const consent = input.consent ? input.consent.allowed : at(input.clientData, s.consentField) === true;
  const consentReason = input.consent && !input.consent.allowed ? input.consent.reason : undefined;
  return s.rules.map((rule) => {
    const { at: sendAt, moved } = applyQuietHours(
      ruleTime(meeting.startAt, rule.minutesBefore, meeting.zone),
      meeting.zone,
      s.quietHours,
    );
    // {when} is said as of the send time ("jutro o 09:00" from the evening before); GSM-7 if the template asks.
    const template = fillWhen(rule.template ?? s.template, meeting.startAt, sendAt, meeting.zone);
    const text = smsForm(renderTemplate(template, values), rule.gsm7 ?? s.gsm7);
    const reason: SkipReason | undefined = !s.enabled
      ? 'disabled'
      : meeting.status !== 'planned'
        ? 'not-planned'
        : meeting.rrule
          ? 'recurring'
          : !consent
            ? 'no-consent'
            : !phone
              ? 'no-phone'
              : !to
                ? 'invalid-phone'
                : input.now && sendAt.getTime() <= input.now.getTime()
                  ? 'too-late'
                  : undefined;
    return {
      ruleId: rule.id,
      status: reason ? 'skipped' : 'planned',
      sendAt,
      movedForQuietHours: moved,
      to,
      text,
      segments: smsSegments(text),
      ...(reason ? { reason } : {}),
      ...(reason === 'no-consent' && consentReason ? { consentReason } : {}),
    };
  });
}
