/**
 * @module calendar/checks
 * Config rules for `reminders` the JSON Schema cannot say: rule ids unique, placeholders known.
 */
import type { ConfigCheck } from '../config/index.ts';

export const reminderPlaceholders = ['date', 'time', 'when', 'When', 'place', 'advisor', 'firm'] as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function unknownPlaceholders(template: string): string[] {
  return [...template.matchAll(/\{([^{}]*)\}/g)]
    .map((m) => m[1]!)
    .filter((p) => !(reminderPlaceholders as readonly string[]).includes(p));
}

export const checkReminders: ConfigCheck = (config, report) => {
  const section = (config as { reminders?: unknown }).reminders;
  if (!isRecord(section)) return;
  const known = reminderPlaceholders.map((p) => `{${p}}`).join(' ');
  if (typeof section.template === 'string') {
    for (const p of unknownPlaceholders(section.template))
      report('/reminders/template', `unknown placeholder {${p}} (known: ${known})`);
  }
  if (!Array.isArray(section.rules)) return;
  const seen = new Set<string>();
  section.rules.forEach((r, i) => {
    if (!isRecord(r)) return;
    if (typeof r.id === 'string') {
      if (seen.has(r.id)) report(`/reminders/rules/${i}/id`, `duplicate reminder id "${r.id}"`);
      seen.add(r.id);
    }
    if (typeof r.template === 'string')
      for (const p of unknownPlaceholders(r.template))
        report(`/reminders/rules/${i}/template`, `unknown placeholder {${p}} (known: ${known})`);
  });
};
