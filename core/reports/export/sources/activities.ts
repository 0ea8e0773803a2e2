/**
 * @module reports/export/sources/activities
 * Contacts with clients (calls, meetings, e-mails, notes) across every client the exporter may see,
 * newest first, in keyset pages. Scoped through the client exactly like the timeline: the client's
 * name and the free-text notes only for readers of that client's personal data (notes may hold it).
 */
import { and, desc, eq, gte, lt, or, type SQL } from 'drizzle-orm';
import { canAccess, clientScope, scopesOf } from '../../../access/index.ts';
import { clientFields } from '../../../clients/index.ts';
import type { Ctx } from '../../../context.ts';
import type { ExportColumn, ExportLocale, ExportRow } from '../cells.ts';
import { configLabel, nameBook } from '../names.ts';
import type { ListSource } from './source.ts';

export interface ActivityExportFilter {
  clientId?: string;
  type?: string;
  outcome?: string;
  actorId?: string;
  /** Contacts at or after this instant. */
  from?: Date;
  /** Contacts before this instant. */
  to?: Date;
}

const PAGE = 500;

function where(ctx: Ctx, f: ActivityExportFilter): SQL | undefined {
  const a = ctx.t.activities;
  return and(
    clientScope(ctx, 'clients:read'),
    f.clientId ? eq(a.clientId, f.clientId) : undefined,
    f.type ? eq(a.type, f.type) : undefined,
    f.outcome ? eq(a.outcome, f.outcome) : undefined,
    f.actorId ? eq(a.actorId, f.actorId) : undefined,
    f.from ? gte(a.at, f.from) : undefined,
    f.to ? lt(a.at, f.to) : undefined,
  );
}

async function* activityRows(ctx: Ctx, f: ActivityExportFilter, locale: ExportLocale): AsyncIterable<ExportRow> {
  const { t } = ctx;
  const a = t.activities;
  const names = nameBook(ctx);
  const wf = ctx.config.workflow;
  const kinds = clientFields(ctx.config);
  let after: { at: Date; id: string } | null = null;
  for (;;) {
    const seek: SQL | undefined = after
      ? or(lt(a.at, after.at), and(eq(a.at, after.at), lt(a.id, after.id)))
      : undefined;
    const page = await ctx.db
      .select({
        row: a,
        client: {
          kind: t.clients.kind,
          displayName: t.clients.displayName,
          ownerId: t.clients.ownerId,
          unitId: t.clients.unitId,
          partnerId: t.clients.partnerId,
        },
      })
      .from(a)
      .innerJoin(t.clients, eq(t.clients.id, a.clientId))
      .where(and(where(ctx, f), seek))
      .orderBy(desc(a.at), desc(a.id))
      .limit(PAGE);
    await names.load(
      'users',
      page.map((p) => p.row.actorId),
    );
    for (const { row, client } of page) {
      const pii = canAccess(ctx.actor, 'pii:read', client);
      const kf = kinds[client.kind as 'person' | 'company'] ?? kinds.person;
      const nameHidden = kf.displayName.some(
        (n) =>
          (kf.fields.get(n)?.pii && !pii) ||
          (kf.fields.get(n)?.financial && !canAccess(ctx.actor, 'financial:read', client)),
      );
      yield {
        at: row.at,
        clientId: row.clientId,
        client: nameHidden ? null : client.displayName,
        type: configLabel(wf.activityTypes, row.type, locale),
        outcome: configLabel(wf.outcomes, row.outcome, locale),
        actor: names.name('users', row.actorId),
        note: pii ? row.note : null,
        nextStepAt: row.nextStepAt,
        nextStepNote: pii ? row.nextStepNote : null,
      };
    }
    if (page.length < PAGE) return;
    const last: { at: Date; id: string } = page[page.length - 1]!.row;
    after = { at: last.at, id: last.id };
  }
}

function activityColumns(ctx: Ctx): ExportColumn[] {
  const pii = scopesOf(ctx.actor, 'pii:read').length > 0;
  return [
    { key: 'at', label: { pl: 'Kiedy', en: 'When' }, type: 'datetime' },
    { key: 'clientId', label: { pl: 'Identyfikator klienta', en: 'Client id' }, width: 38 },
    ...(pii ? [{ key: 'client', label: { pl: 'Klient', en: 'Client' }, width: 28 }] : []),
    { key: 'type', label: { pl: 'Rodzaj', en: 'Type' }, width: 14 },
    { key: 'outcome', label: { pl: 'Wynik', en: 'Outcome' } },
    { key: 'actor', label: { pl: 'Kto', en: 'By' } },
    ...(pii ? [{ key: 'note', label: { pl: 'Notatka', en: 'Note' }, width: 40 }] : []),
    { key: 'nextStepAt', label: { pl: 'Następny krok', en: 'Next step' }, type: 'datetime' },
    ...(pii ? [{ key: 'nextStepNote', label: { pl: 'Następny krok — opis', en: 'Next step note' }, width: 30 }] : []),
  ] as ExportColumn[];
}

export const activitiesSource: ListSource<ActivityExportFilter> = {
  resource: 'activities',
  read: 'clients:read',
  export: 'clients:export',
  title: { pl: 'Kontakty z klientami', en: 'Client contacts' },
  columns: async (ctx) => activityColumns(ctx),
  async count(ctx, f, cap) {
    const { t } = ctx;
    const inner = ctx.db
      .select({ id: t.activities.id })
      .from(t.activities)
      .innerJoin(t.clients, eq(t.clients.id, t.activities.clientId))
      .where(where(ctx, f))
      .limit(cap + 1);
    return (await inner).length;
  },
  rows: activityRows,
};
