/**
 * @module gdpr/retention
 * Storage limitation (GDPR Art. 5(1)(e)): the `retention` rules of the config decide which clients
 * are anonymised when. `planRetention` lists who would be and why (the dry run); `runRetention`
 * erases them (each as an Art. 17 erasure that keeps commission records) and compacts the database
 * once at the end. Every run, dry or not, is a row in `retention_runs` (rule, client ids and reasons;
 * never personal data). Restricted clients (Art. 18) are skipped: their data is kept on purpose.
 */
import { and, desc, eq, inArray, max, notInArray, type SQL } from 'drizzle-orm';
import { requirePermission } from '../access/index.ts';
import type { Ctx } from '../context.ts';
import { newId } from '../ids/index.ts';
import { utcToZoned } from '../time/index.ts';
import type { RetentionRule } from './config-schema.ts';
import { addMonths, localToday } from './dates.ts';
import { compactAfterErasure, eraseClient } from './erase.ts';

export interface RetentionCandidate {
  ruleId: string;
  clientId: string;
  displayName: string;
  status: string;
  /** The local date the period ran from, and what it was. */
  from: string;
  fromKind: RetentionRule['from'];
  /** The last local date the client could stay. */
  cutoff: string;
  reason: string;
}

export interface RetentionRun {
  id: string;
  dryRun: boolean;
  candidates: RetentionCandidate[];
  anonymised: number;
  rules: Array<{ id: string; matched: number }>;
}

const CHUNK = 500;
const localDate = (d: Date) => utcToZoned(d).date;

async function latestBy(
  ctx: Ctx,
  ids: string[],
  query: (chunk: string[]) => Promise<Array<{ id: string; at: Date | string | null }>>,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += CHUNK)
    for (const r of await query(ids.slice(i, i + CHUNK)))
      if (r.at) out.set(r.id, typeof r.at === 'string' ? r.at : localDate(new Date(r.at)));
  return out;
}

async function candidatesOf(ctx: Ctx, rule: RetentionRule, today: string): Promise<RetentionCandidate[]> {
  const { t } = ctx;
  const c = t.clients;
  const months = (rule.after.months ?? 0) + 12 * (rule.after.years ?? 0);
  const cutoff = addMonths(today, -months);
  // Erased clients are done; restricted ones are kept on purpose (Art. 18). An objection does not stop retention.
  const limited = ctx.db
    .select({ id: t.clientRestrictions.clientId })
    .from(t.clientRestrictions)
    .where(inArray(t.clientRestrictions.kind, ['restriction', 'erased']));
  const where: Array<SQL | undefined> = [notInArray(c.id, limited)];
  if (rule.statuses) where.push(inArray(c.status, [...rule.statuses]));
  if (rule.types) where.push(inArray(c.type, [...rule.types]));
  if (rule.kinds) where.push(inArray(c.kind, [...rule.kinds]));
  const rows = await ctx.db
    .select({ id: c.id, name: c.displayName, status: c.status, createdAt: c.createdAt, updatedAt: c.updatedAt })
    .from(c)
    .where(and(...where));
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const lastSale = await latestBy(ctx, ids, (chunk) =>
    ctx.db
      .select({ id: t.sales.clientId, at: max(t.sales.saleDate) })
      .from(t.sales)
      .where(inArray(t.sales.clientId, chunk))
      .groupBy(t.sales.clientId),
  );
  const lastActivity =
    rule.from === 'last-contact'
      ? await latestBy(ctx, ids, (chunk) =>
          ctx.db
            .select({ id: t.activities.clientId, at: max(t.activities.at) })
            .from(t.activities)
            .where(inArray(t.activities.clientId, chunk))
            .groupBy(t.activities.clientId),
        )
      : new Map<string, string>();
  const out: RetentionCandidate[] = [];
  for (const r of rows) {
    const sold = lastSale.has(r.id);
    if (rule.sale === 'none' && sold) continue;
    if (rule.sale === 'any' && !sold) continue;
    let from: string | undefined;
    if (rule.from === 'created') from = localDate(r.createdAt);
    else if (rule.from === 'last-sale') from = lastSale.get(r.id);
    else {
      const dates = [localDate(r.updatedAt), lastActivity.get(r.id), lastSale.get(r.id)].filter(Boolean) as string[];
      from = dates.sort().at(-1);
    }
    if (!from || from >= cutoff) continue;
    const span = [
      rule.after.years ? `${rule.after.years} y` : '',
      rule.after.months ? `${rule.after.months} mo` : '',
    ].filter(Boolean);
    out.push({
      ruleId: rule.id,
      clientId: r.id,
      displayName: r.name,
      status: r.status,
      from,
      fromKind: rule.from,
      cutoff,
      reason: `${rule.label.en}: ${rule.from} on ${from}, more than ${span.join(' ')} before ${today}`,
    });
  }
  return out;
}

/**
 * Who the rules would anonymise today, and why (the first rule that matches a client names it).
 * @example
 * const plan = await planRetention(ctx); // [{ ruleId: 'unconverted-leads', clientId, reason: '…' }]
 */
export async function planRetention(ctx: Ctx): Promise<RetentionCandidate[]> {
  requirePermission(ctx.actor, 'gdpr:manage');
  const today = localToday(ctx.clock.now());
  const seen = new Set<string>();
  const out: RetentionCandidate[] = [];
  for (const rule of ctx.config.retention?.rules ?? [])
    for (const c of await candidatesOf(ctx, rule, today))
      if (!seen.has(c.clientId)) {
        seen.add(c.clientId);
        out.push(c);
      }
  return out;
}

/**
 * Plans, then (unless `dryRun`) anonymises every candidate; the run is logged either way.
 * @example
 * const run = await runRetention(crm.system('retention'), { dryRun: true });
 */
export async function runRetention(ctx: Ctx, options: { dryRun?: boolean } = {}): Promise<RetentionRun> {
  const dryRun = options.dryRun === true;
  const id = newId();
  const startedAt = ctx.clock.now();
  const candidates = await planRetention(ctx);
  const rules = (ctx.config.retention?.rules ?? []).map((r) => ({
    id: r.id,
    matched: candidates.filter((c) => c.ruleId === r.id).length,
  }));
  const logged = (ruleId: string) =>
    candidates
      .filter((c) => c.ruleId === ruleId)
      .map((c) => ({ clientId: c.clientId, from: c.from, cutoff: c.cutoff }));
  await ctx.db.insert(ctx.t.retentionRuns).values({
    id,
    dryRun,
    startedAt,
    finishedAt: null,
    rules: rules.map((r) => ({ ...r, clients: logged(r.id) })),
    anonymised: 0,
    actorId: ctx.actor.userId,
    error: null,
  });
  let anonymised = 0;
  let error: string | null = null;
  if (!dryRun) {
    try {
      for (const c of candidates) {
        const rule = ctx.config.retention!.rules.find((r) => r.id === c.ruleId)!;
        await eraseClient(ctx, c.clientId, {
          basis: `Art. 5(1)(e) GDPR: retention rule "${rule.id}" (${rule.label.en})`,
          compact: false,
        });
        anonymised++;
      }
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    if (anonymised) await compactAfterErasure(ctx);
  }
  await ctx.db
    .update(ctx.t.retentionRuns)
    .set({ finishedAt: ctx.clock.now(), anonymised, error })
    .where(eq(ctx.t.retentionRuns.id, id));
  if (error) throw new Error(`Retention run ${id} stopped after ${anonymised} erasures: ${error}`);
  return { id, dryRun, candidates, anonymised, rules };
}

/**
 * The last runs, newest first.
 * @example
 * await listRetentionRuns(ctx, 10);
 */
export async function listRetentionRuns(ctx: Ctx, limit = 20) {
  requirePermission(ctx.actor, 'gdpr:manage');
  const r = ctx.t.retentionRuns;
  return ctx.db
    .select()
    .from(r)
    .orderBy(desc(r.startedAt))
    .limit(Math.min(Math.max(limit, 1), 200));
}

/**
 * The scheduled job (`broker-crm serve`, hourly, one instance at a time): runs the rules when
 * `retention.enabled`, rules exist and the last real run is `everyHours` old.
 * @example
 * await runRetentionIfDue(crm.system('retention'));
 */
export async function runRetentionIfDue(ctx: Ctx): Promise<RetentionRun | null> {
  const cfg = ctx.config.retention;
  if (!cfg || cfg.enabled === false || !cfg.rules.length) return null;
  const r = ctx.t.retentionRuns;
  const [last] = await ctx.db
    .select({ at: r.startedAt })
    .from(r)
    .where(eq(r.dryRun, false))
    .orderBy(desc(r.startedAt))
    .limit(1);
  const now = ctx.clock.now().getTime();
  if (last && now - last.at.getTime() < (cfg.everyHours ?? 24) * 3_600_000) return null;
  return runRetention(ctx);
}
