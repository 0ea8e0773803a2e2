/**
 * A delegating supervisor hears of their task: `task-done` in the completing transaction, one `task-overdue` per task
 * from an idempotent sweep; no client data in either e-mail.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { completeItem, createItem, moveItem, notifyOverdueTasks } from '../core/calendar/index.ts';
import { inTransaction, type Ctx } from '../core/context.ts';
import { describeEngines } from './engines.ts';
import { smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

const CLIENT = { firstName: 'Kanarek', lastName: 'Zielonogórski', phone: '+48600999111', smsConsent: true };

describeEngines('calendar: the delegator hears of the task', (database) => {
  let f: SmallFirm;
  let anna: Ctx;
  let manager: Ctx;
  let clientId: string;
  const notices = async (purpose: string, itemIds?: string[]) => {
    const { db, t } = database();
    return db
      .select()
      .from(t.outbox)
      .where(
        and(
          eq(t.outbox.purpose, purpose),
          itemIds
            ? inArray(
                t.outbox.subject,
                itemIds.map((id) => `task:${id}`),
              )
            : undefined,
        ),
      )
      .orderBy(t.outbox.createdAt, t.outbox.subject);
  };
  const noClientData = (text: string) => {
    for (const v of [CLIENT.firstName, CLIENT.lastName, '600999111', '999111']) expect(text).not.toContain(v);
  };
  const delegate = (title: string, start: string) =>
    createItem(manager, { kind: 'task', title, start, assigneeId: f.users.anna.id, clientId });

  beforeAll(async () => {
    f = await smallFirm(database());
    [anna, manager] = await Promise.all([f.crm.asUser(f.users.anna.id), f.crm.asUser(f.users.manager.id)]);
    clientId = f.clients.find((c) => c.owner === f.users.anna.id && !c.partnerId)!.id;
    const { db, t } = database();
    await db.update(t.clients).set({ data: CLIENT }).where(eq(t.clients.id, clientId));
  });

  it('e-mails the supervisor when the advisor completes the delegated task, in the same transaction', async () => {
    const { item } = await delegate('Zebrać zaświadczenie o dochodach', '2026-03-04T12:00');
    // A completion that rolls back tells no one.
    await expect(
      inTransaction(anna, async (tx) => {
        await completeItem(tx, item.id);
        throw new Error('the caller failed');
      }),
    ).rejects.toThrow('the caller failed');
    expect(await notices('task-done', [item.id])).toEqual([]);

    await completeItem(anna, item.id);
    const rows = await notices('task-done', [item.id]);
    expect(rows.map((r) => [r.channel, r.recipient, r.status, r.ownerId])).toEqual([
      ['email', 'kierownik.gdansk@kredyt-dom.pl', 'pending', f.users.manager.id],
    ]);
    const payload = rows[0]!.payload;
    if (payload.kind !== 'email') throw new Error('not an e-mail');
    expect(payload.subject).toBe('Zadanie wykonane: Zebrać zaświadczenie o dochodach');
    expect(payload.text).toContain('zlecone: Anna Nowak, zostało wykonane');
    expect(payload.text).toContain('Termin: 04.03.2026, 12:00');
    noClientData(JSON.stringify(payload));
  });

  it('tells no one when the supervisor completes the task themselves, or the task was not delegated', async () => {
    const { item: delegated } = await delegate('Sprawdzić wniosek', '2026-03-04T13:00');
    const { item: own } = await createItem(anna, { kind: 'task', title: 'Własne zadanie', start: '2026-03-04T14:00' });
    await completeItem(manager, delegated.id);
    await completeItem(anna, own.id);
    expect(await notices('task-done', [delegated.id, own.id])).toEqual([]);
  });

  it('sends one task-overdue e-mail per overdue delegated task; a second sweep sends nothing new', async () => {
    const late1 = (await delegate('Oddzwonić do banku', '2026-03-05T09:00')).item;
    const late2 = (await delegate('Uzupełnić teczkę', '2026-03-05T10:00')).item;
    const notYet = (await delegate('Przygotować ofertę', '2026-03-09T10:00')).item;
    const done = (await delegate('Wysłać umowę', '2026-03-05T08:00')).item;
    await completeItem(anna, done.id);
    const ownLate = (await createItem(anna, { kind: 'task', title: 'Moje zaległe', start: '2026-03-05T09:00' })).item;
    const ids = [late1.id, late2.id, notYet.id, done.id, ownLate.id];

    const now = new Date('2026-03-06T08:00:00Z');
    expect(await notifyOverdueTasks(f.crm.runtime, now)).toBe(2);
    const rows = await notices('task-overdue', ids);
    expect(rows.map((r) => [r.subject, r.recipient, r.status]).sort()).toEqual(
      [
        [`task:${late1.id}`, 'kierownik.gdansk@kredyt-dom.pl', 'pending'],
        [`task:${late2.id}`, 'kierownik.gdansk@kredyt-dom.pl', 'pending'],
      ].sort(),
    );
    const first = rows.find((r) => r.subject === `task:${late1.id}`)!.payload;
    if (first.kind !== 'email') throw new Error('not an e-mail');
    expect(first.subject).toBe('Zadanie po terminie: Oddzwonić do banku');
    expect(first.text).toContain('Termin minął: 05.03.2026, 09:00');
    noClientData(JSON.stringify(rows.map((r) => r.payload)));

    expect(await notifyOverdueTasks(f.crm.runtime, new Date('2026-03-06T09:00:00Z'))).toBe(0);
    expect(await notices('task-overdue', ids)).toHaveLength(2);

    // Given a new due time, a task that runs late again is reported again (once).
    f.clock.set('2026-03-06T08:30:00Z');
    await moveItem(manager, late1.id, { start: '2026-03-07T09:00' });
    expect(await notifyOverdueTasks(f.crm.runtime, new Date('2026-03-07T07:00:00Z'))).toBe(0);
    expect(await notifyOverdueTasks(f.crm.runtime, new Date('2026-03-07T09:00:00Z'))).toBe(1);
    expect(await notifyOverdueTasks(f.crm.runtime, new Date('2026-03-07T10:00:00Z'))).toBe(0);
    expect((await notices('task-overdue', [late1.id])).map((r) => r.status)).toEqual(['pending', 'pending']);
  });
});
