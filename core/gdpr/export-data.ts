/**
 * @module gdpr/export-data
 * Everything the firm holds about one person (GDPR Art. 15 access, Art. 20 portability), as plain
 * data: the client record with its sealed fields opened, status history, contacts, calendar items,
 * consents, messages sent to or about them, leads, sales and the commission lines on them, pre-contract
 * disclosures, the person's requests and restrictions, and who read or changed the data (the audit
 * log). The JSON download is this object; the PDF lays the same object out.
 */
import { asc, eq, inArray, like, or } from 'drizzle-orm';
import { clientFields, openClientRow, type ClientKind } from '../clients/index.ts';
import type { Ctx } from '../context.ts';
import { flushBuffered } from '../audit/index.ts';
import { openRecipient } from '../notifications/index.ts';
import { reachableClient } from './requests.ts';

type Row = Record<string, unknown>;

export interface PersonExport {
  format: 'broker-crm/person-export';
  version: 1;
  generatedAt: string;
  firm: string;
  client: Row;
  /** The client fields' labels (pl/en), for a readable copy. */
  fieldLabels: Record<string, { pl: string; en: string }>;
  statusHistory: Row[];
  activities: Row[];
  calendarItems: Row[];
  consents: Row[];
  messages: Row[];
  leads: Row[];
  sales: Row[];
  commissionLines: Row[];
  disclosures: Row[];
  imports: Row[];
  requests: Row[];
  restrictions: Row[];
  /** Who read or changed the person's data, and when (the audit log). */
  accessLog: Row[];
}

/** The ids of everything that hangs off a client: the outbox and the audit log name them. */
export async function relatedIds(ctx: Ctx, clientId: string) {
  const { t } = ctx;
  const ids = async (rows: Promise<Array<{ id: string }>>) => (await rows).map((r) => r.id);
  return {
    calendarItems: await ids(
      ctx.db.select({ id: t.calendarItems.id }).from(t.calendarItems).where(eq(t.calendarItems.clientId, clientId)),
    ),
    leads: await ids(ctx.db.select({ id: t.leads.id }).from(t.leads).where(eq(t.leads.clientId, clientId))),
    sales: await ids(ctx.db.select({ id: t.sales.id }).from(t.sales).where(eq(t.sales.clientId, clientId))),
    requests: await ids(
      ctx.db.select({ id: t.gdprRequests.id }).from(t.gdprRequests).where(eq(t.gdprRequests.clientId, clientId)),
    ),
  };
}

/** Outbox rows about the client: subjects name the client, one of its meetings or one of its leads. */
export function outboxAbout(ctx: Ctx, ids: string[]) {
  const o = ctx.t.outbox;
  return or(...ids.map((id) => like(o.subject, `%${id}%`)))!;
}

/**
 * @example
 * const data = await exportPerson(ctx, clientId);
 * data.client.data.pesel // opened, whatever is sealed at rest
 */
export async function exportPerson(ctx: Ctx, clientId: string): Promise<PersonExport> {
  await reachableClient(ctx, clientId);
  const { t } = ctx;
  const [stored] = await ctx.db.select().from(t.clients).where(eq(t.clients.id, clientId)).limit(1);
  const client = openClientRow(ctx, stored!);
  const rel = await relatedIds(ctx, clientId);
  const kf = clientFields(ctx.config)[client.kind as ClientKind];
  const fieldLabels: Record<string, { pl: string; en: string }> = {};
  for (const [name, f] of kf?.fields ?? []) {
    const label = f.schema['x-crm-label'] as { pl?: string; en?: string } | undefined;
    fieldLabels[name] = { pl: label?.pl ?? name, en: label?.en ?? label?.pl ?? name };
  }
  const users = new Map(
    (await ctx.db.select({ id: t.users.id, name: t.users.name }).from(t.users)).map((u) => [u.id, u.name]),
  );
  const who = (id: string | null | undefined) => (id ? (users.get(id) ?? id) : null);
  const statusHistory = await ctx.db
    .select()
    .from(t.statusHistory)
    .where(eq(t.statusHistory.clientId, clientId))
    .orderBy(asc(t.statusHistory.at), asc(t.statusHistory.id));
  const activities = await ctx.db
    .select()
    .from(t.activities)
    .where(eq(t.activities.clientId, clientId))
    .orderBy(asc(t.activities.at), asc(t.activities.id));
  const calendarItems = await ctx.db
    .select()
    .from(t.calendarItems)
    .where(eq(t.calendarItems.clientId, clientId))
    .orderBy(asc(t.calendarItems.startAt));
  const consents = await ctx.db
    .select()
    .from(t.leadConsents)
    .where(eq(t.leadConsents.clientId, clientId))
    .orderBy(asc(t.leadConsents.givenAt));
  const about = [clientId, ...rel.calendarItems, ...rel.leads];
  const messages = (await ctx.db.select().from(t.outbox).where(outboxAbout(ctx, about)).orderBy(asc(t.outbox.dueAt)))
    .map((m) => openRecipient(ctx, m))
    .map((m) => ({
      id: m.id,
      channel: m.channel,
      purpose: m.purpose,
      to: m.recipient,
      text: m.payload.text,
      ...(m.payload.kind === 'email' ? { subject: m.payload.subject } : {}),
      status: m.status,
      dueAt: m.dueAt,
      sentAt: m.sentAt,
      skipReason: m.skipReason,
    }));
  const leads = await ctx.db.select().from(t.leads).where(eq(t.leads.clientId, clientId));
  const sales = await ctx.db.select().from(t.sales).where(eq(t.sales.clientId, clientId));
  const commissionLines = rel.sales.length
    ? await ctx.db
        .select({
          id: t.commissionLines.id,
          saleId: t.commissionLines.saleId,
          ledger: t.commissionLines.ledger,
          kind: t.commissionLines.kind,
          status: t.commissionLines.status,
          beneficiaryKind: t.commissionLines.beneficiaryKind,
          amountMinor: t.commissionLines.amountMinor,
          period: t.commissionLines.period,
        })
        .from(t.commissionLines)
        .where(inArray(t.commissionLines.saleId, rel.sales))
        .orderBy(asc(t.commissionLines.period), asc(t.commissionLines.id))
    : [];
  const disclosures = await ctx.db
    .select({
      id: t.disclosures.id,
      document: t.disclosures.document,
      createdAt: t.disclosures.createdAt,
      deliveredAt: t.disclosures.deliveredAt,
      deliveryMethod: t.disclosures.deliveryMethod,
    })
    .from(t.disclosures)
    .where(eq(t.disclosures.clientId, clientId));
  const imports = await ctx.db
    .select({ importId: t.importClients.importId, row: t.importClients.row, fileName: t.imports.fileName })
    .from(t.importClients)
    .innerJoin(t.imports, eq(t.imports.id, t.importClients.importId))
    .where(eq(t.importClients.clientId, clientId));
  const requests = await ctx.db.select().from(t.gdprRequests).where(eq(t.gdprRequests.clientId, clientId));
  const restrictions = await ctx.db
    .select()
    .from(t.clientRestrictions)
    .where(eq(t.clientRestrictions.clientId, clientId));
  await flushBuffered(ctx.database); // reads of the card are buffered for up to 100 ms: include the latest
  const audited = [clientId, ...rel.calendarItems, ...rel.leads, ...rel.sales, ...rel.requests];
  const accessLog = (
    await ctx.db
      .select()
      .from(t.auditLog)
      .where(or(eq(t.auditLog.clientId, clientId), inArray(t.auditLog.entityId, audited)))
      .orderBy(asc(t.auditLog.seq), asc(t.auditLog.at), asc(t.auditLog.id))
  ).map((a) => ({ at: a.at, who: who(a.actorId), action: a.action, entity: a.entity, entityId: a.entityId }));
  return {
    format: 'broker-crm/person-export',
    version: 1,
    generatedAt: ctx.clock.now().toISOString(),
    firm: ctx.config.firm.name,
    client: {
      id: client.id,
      kind: client.kind,
      type: client.type,
      source: client.source,
      status: client.status,
      displayName: client.displayName,
      advisor: who(client.ownerId),
      data: client.data,
      createdAt: client.createdAt,
      updatedAt: client.updatedAt,
    },
    fieldLabels,
    statusHistory: statusHistory.map((s) => ({ ...s, actor: who(s.actorId) })),
    activities: activities.map((a) => ({ ...a, actor: who(a.actorId) })),
    calendarItems: calendarItems.map((c) => ({ ...c, assignee: who(c.assigneeId) })),
    consents,
    messages,
    leads,
    sales,
    commissionLines,
    disclosures,
    imports,
    requests,
    restrictions,
    accessLog,
  };
}
