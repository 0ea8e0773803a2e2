/**
 * @module examples/demo-firm/seed-calendar
 * The demo's coming week: each advisor has client meetings (with SMS reminders planned by the
 * firm's rules) and each branch manager has delegated a task to their senior advisor.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { createItem } from '../../core/calendar/items.ts';
import type { Crm } from '../../core/crm.ts';
import { DAY_MS, utcToZoned } from '../../core/time/index.ts';
import { prng } from './people.ts';

/**
 * @example
 * await seedDemoCalendar(crm, progressBar());
 */
export async function seedDemoCalendar(
  crm: Crm,
  onProgress: (step: string, done: number, total: number) => void = () => {},
): Promise<number> {
  const rnd = prng(14_2026);
  const { db, t } = crm.database;
  const zone = crm.config.firm.timeZone ?? 'Europe/Warsaw';
  const people = await db
    .select({ id: t.users.id, roles: t.users.roles, supervisorId: t.users.supervisorId })
    .from(t.users)
    .where(isNull(t.users.partnerId));
  const sellers = people.filter((p) => p.roles.includes('advisor') || p.roles.includes('senior-advisor'));
  const managers = people.filter((p) => p.roles.includes('branch-manager'));
  const today = utcToZoned(crm.runtime.clock.now(), zone).date;
  const dayAfter = (n: number) => utcToZoned(new Date(Date.parse(`${today}T12:00:00Z`) + n * DAY_MS), zone).date;
  let made = 0;
  const total = sellers.length + managers.length;
  for (const seller of sellers) {
    const ctx = await crm.asUser(seller.id);
    const clients = await db
      .select({ id: t.clients.id, name: t.clients.displayName, data: t.clients.data })
      .from(t.clients)
      .where(
        and(
          eq(t.clients.ownerId, seller.id),
          inArray(t.clients.status, ['contact', 'analysis', 'offers', 'documents']),
        ),
      )
      .limit(4);
    for (const [i, c] of clients.entries()) {
      const day = dayAfter(1 + ((i * 2 + Math.floor(rnd() * 2)) % 6));
      const hour = [9, 11, 14, 16][i % 4]!;
      const city = typeof c.data.city === 'string' ? c.data.city : 'Warszawa';
      await createItem(ctx, {
        kind: 'meeting',
        title: `Spotkanie: ${c.name}`,
        clientId: c.id,
        start: `${day}T${String(hour).padStart(2, '0')}:00`,
        end: `${day}T${String(hour + 1).padStart(2, '0')}:00`,
        place: `Oddział, ${city}`,
        note:
          i % 2
            ? 'Omówienie ofert trzech banków.'
            : 'Podpisanie wniosku kredytowego — klient przynosi zaświadczenie o dochodach.',
      });
    }
    onProgress('calendar', ++made, total);
  }
  for (const manager of managers) {
    const ctx = await crm.asUser(manager.id);
    const senior = people.find((p) => p.supervisorId === manager.id);
    if (senior) {
      await createItem(ctx, {
        kind: 'task',
        title: 'Przejrzyj wnioski w toku przed końcem miesiąca',
        assigneeId: senior.id,
        start: `${dayAfter(3)}T12:00`,
        note: 'Sprawdź kompletność dokumentów we wnioskach złożonych w tym miesiącu.',
      });
    }
    onProgress('calendar', ++made, total);
  }
  return made;
}
