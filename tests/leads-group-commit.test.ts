import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { writeAudit } from '../core/audit/log.ts';
import { createCrm, type Crm } from '../core/crm.ts';
import { groupCommit } from '../core/leads/group-commit.ts';
import { bodyHash } from '../core/leads/idempotency.ts';
import { receiveLead, type LeadCaller } from '../core/leads/intake.ts';
import { describeEngines } from './engines.ts';
import { demoConfig, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

const consents = [{ purpose: 'contact', version: '2026-01' }];

describeEngines('lead intake under load (group commit)', (database) => {
  let f: SmallFirm;
  let crm: Crm;
  let caller: LeadCaller;

  beforeAll(async () => {
    f = await smallFirm(database());
    const base = demoConfig();
    const config = {
      ...base,
      leads: {
        ...base.leads,
        assignment: { roles: ['advisor', 'senior-advisor'], rules: [{ id: 'all', unit: 'GDA-1' }] },
      },
    };
    crm = await createCrm({ config, database: database(), clock: f.clock });
    caller = { kind: 'actor', actor: (await crm.asUser(f.users.admin.id)).actor };
  });

  const send = (body: Record<string, unknown>, key: string) =>
    receiveLead(crm.runtime, caller, body, { idempotencyKey: key, bodyHash: bodyHash(body) });

  it('stores a concurrent wave with consents, audit, notice; twin key = one lead, other body refused', async () => {
    const lead = (i: number) => ({
      source: 'website-form',
      data: { firstName: 'Fala', lastName: `Nr${i}`, phone: `6033${String(10000 + i).slice(-5)}` },
      consents,
    });
    const twin = lead(0);
    const results = await Promise.allSettled([
      ...Array.from({ length: 12 }, (_, i) => send(lead(i), `fala-lead-${i}`)),
      send(twin, 'fala-lead-0'),
      send({ ...twin, data: { ...twin.data, lastName: 'Inna' } }, 'fala-lead-0'),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled').map((r) => r.value);
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r.reason as { code?: string }).code);
    expect(ok).toHaveLength(13);
    expect(refused).toEqual(['invalid']);
    expect(new Set(ok.map((r) => r.body.id)).size).toBe(12);
    expect(ok.filter((r) => r.replayed)).toHaveLength(1);

    const { db, t } = database();
    const ids = ok.map((r) => String(r.body.id));
    const leads = await db.select().from(t.leads).where(inArray(t.leads.id, ids));
    expect(leads).toHaveLength(12);
    expect(new Set(leads.map((l) => l.clientId)).size).toBe(12);
    expect(await db.select().from(t.leadConsents).where(inArray(t.leadConsents.leadId, ids))).toHaveLength(12);
    expect(
      await db
        .select()
        .from(t.auditLog)
        .where(and(eq(t.auditLog.action, 'lead.receive'), inArray(t.auditLog.entityId, ids))),
    ).toHaveLength(12);
    const clientIds = leads.map((l) => `client:${l.clientId}`);
    expect(await db.select().from(t.outbox).where(inArray(t.outbox.subject, clientIds))).toHaveLength(12);
    expect(
      await db
        .select()
        .from(t.statusHistory)
        .where(
          inArray(
            t.statusHistory.clientId,
            leads.map((l) => l.clientId),
          ),
        ),
    ).toHaveLength(12);
  });

  it('a batch with one bad lead stores the others (an in-batch repeat matched) and answers the bad one', async () => {
    const lead = (i: number, lastName = `Partia${i}`) => ({
      source: 'website-form',
      data: { firstName: 'Ola', lastName, phone: `6044${String(10000 + i).slice(-5)}` },
      consents,
    });
    // A key already used for another body: that lead passes validation and fails inside the batch.
    await send(lead(99), 'partia-used');
    const { db, t } = database();
    const [turn0] = await db.select().from(t.leadRoundRobin).where(eq(t.leadRoundRobin.rule, 'all'));
    const leads0 = (await db.select({ id: t.leads.id }).from(t.leads)).length;
    const results = await Promise.allSettled([
      ...Array.from({ length: 8 }, (_, i) => send(lead(i), `partia-${i}`)),
      send(lead(98), 'partia-used'),
      send(lead(0, 'Partia0-ponownie'), 'partia-again'), // lead 0's phone: found among the batch's new clients
    ]);
    const reasons = results.map((r) => (r.status === 'rejected' ? (r.reason as { code?: string }).code : 'ok'));
    expect(reasons).toEqual([...Array(8).fill('ok'), 'invalid', 'ok']);
    const ok = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const ids = ok.map((r) => String(r.body.id));
    const leads = await db.select().from(t.leads).where(inArray(t.leads.id, ids));
    expect(leads.map((l) => l.outcome).sort()).toEqual([...Array(8).fill('created'), 'matched']);
    const again = leads.find((l) => l.outcome === 'matched')!;
    expect(again.clientId).toBe(leads.find((l) => l.id === ok[0]!.body.id)!.clientId);
    const clientIds = [...new Set(leads.map((l) => l.clientId))];
    expect(clientIds).toHaveLength(8);
    expect(await db.select().from(t.clientKeys).where(inArray(t.clientKeys.clientId, clientIds))).toHaveLength(8);
    expect(await db.select().from(t.leadConsents).where(inArray(t.leadConsents.leadId, ids))).toHaveLength(9);
    expect(await db.select().from(t.statusHistory).where(inArray(t.statusHistory.clientId, clientIds))).toHaveLength(8);
    expect(await db.select().from(t.auditLog).where(inArray(t.auditLog.entityId, ids))).toHaveLength(9);
    expect(
      await db
        .select()
        .from(t.outbox)
        .where(
          inArray(
            t.outbox.subject,
            clientIds.map((c) => `client:${c}`),
          ),
        ),
    ).toHaveLength(9);
    // Nothing of the bad lead: the wave stored nine leads, and the used key still answers the first body.
    expect((await db.select({ id: t.leads.id }).from(t.leads)).length - leads0).toBe(9);
    expect((await send(lead(99), 'partia-used')).replayed).toBe(true);
    // Eight new clients took eight turns of the round-robin, whether counted in one batch or not.
    const [turn1] = await db.select().from(t.leadRoundRobin).where(eq(t.leadRoundRobin.rule, 'all'));
    expect(turn1!.counter - turn0!.counter).toBe(8);
  });

  it('rolls back a failing job alone: its rows gone, the others stored, each caller gets its own answer', async () => {
    const ctx = crm.system('group-commit-test');
    const job = (i: number) =>
      groupCommit(ctx, async (tx, batch) => {
        await writeAudit(tx, { action: 'test.now', entity: 'test', entityId: `gc-${i}` });
        await writeAudit(batch.later(tx), { action: 'test.later', entity: 'test', entityId: `gc-${i}` });
        if (i === 3) throw new Error('job 3 fails');
        return i;
      });
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => job(i)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      0,
      1,
      2,
      'job 3 fails',
      4,
      5,
    ]);
    const { db, t } = database();
    const rows = await db
      .select({ action: t.auditLog.action, entityId: t.auditLog.entityId })
      .from(t.auditLog)
      .where(eq(t.auditLog.entity, 'test'));
    const stored = rows.map((r) => `${r.action}:${r.entityId}`).sort();
    expect(stored).toEqual([0, 1, 2, 4, 5].flatMap((i) => [`test.later:gc-${i}`, `test.now:gc-${i}`]).sort());
  });
});
