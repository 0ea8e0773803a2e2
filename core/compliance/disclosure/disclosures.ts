/**
 * @module compliance/disclosure/disclosures
 * Pre-contract disclosures kept as given: generating one stores its document and PDF bytes (the
 * durable medium: the client can be given the same file again); recording its delivery (when, how)
 * adds an entry to the client's history; the guard refuses the statuses listed in
 * `compliance.disclosure.requiredBefore` until a disclosure was delivered.
 */
import { createHash } from 'node:crypto';
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { clientScope, requirePermission } from '../../access/index.ts';
import { writeAudit } from '../../audit/index.ts';
import { inTransaction, type Ctx } from '../../context.ts';
import { conflict, CrmError, invalid, notFound } from '../../errors.ts';
import { newId } from '../../ids/index.ts';
import { recordActivity } from '../../workflow/index.ts';
import { disclosureDocument, type DisclosureDocument, type DisclosureInput } from './document.ts';
import { disclosurePdf } from './pdf.ts';

export type DeliveryMethod = 'email' | 'paper' | 'in-person';

export interface Disclosure {
  id: string;
  clientId: string;
  advisorId: string | null;
  remunerationMinor: number;
  document: DisclosureDocument;
  pdfHash: string;
  createdAt: Date;
  deliveredAt: Date | null;
  deliveryMethod: DeliveryMethod | null;
}

type Row = Ctx['t']['disclosures']['$inferSelect'];
const view = (r: Row): Disclosure => ({
  id: r.id,
  clientId: r.clientId,
  advisorId: r.advisorId,
  remunerationMinor: r.remunerationMinor,
  document: r.document as unknown as DisclosureDocument,
  pdfHash: r.pdfHash,
  createdAt: r.createdAt,
  deliveredAt: r.deliveredAt,
  deliveryMethod: r.deliveryMethod,
});

const methodPl: Record<DeliveryMethod, string> = { email: 'e-mailem', paper: 'na papierze', 'in-person': 'osobiście' };

/** A disclosure of a client the actor may see (`clients:read`, or `clients:write` for `write`). */
async function scoped(ctx: Ctx, id: string, write: boolean): Promise<Row> {
  const { t } = ctx;
  const [row] = await ctx.db
    .select({ d: t.disclosures })
    .from(t.disclosures)
    .innerJoin(t.clients, eq(t.clients.id, t.disclosures.clientId))
    .where(and(eq(t.disclosures.id, id), clientScope(ctx, write ? 'clients:write' : 'clients:read')))
    .limit(1);
  if (!row) throw notFound('Disclosure', id);
  return row.d;
}

/**
 * Generates and stores the disclosure of a client's case (its PDF included).
 * @example
 * const d = await createDisclosure(ctx, clientId, { provider: 'bank-aurora', product: 'aurora-mortgage',
 *   amountMinor: 50_000_000 });
 * d.remunerationMinor // 750000
 */
export async function createDisclosure(ctx: Ctx, clientId: string, input: DisclosureInput): Promise<Disclosure> {
  requirePermission(ctx.actor, 'clients:write');
  const document = await disclosureDocument(ctx, clientId, input);
  const now = ctx.clock.now();
  const pdf = await disclosurePdf(document, now);
  const row: Row = {
    id: newId(),
    clientId,
    advisorId: document.advisor.id,
    unitId: null, // the client's unit is read through the client (scoping joins it)
    document: document as unknown as Record<string, unknown>,
    remunerationMinor: document.remuneration.firmMinor,
    pdf: Buffer.from(pdf).toString('base64'),
    pdfHash: createHash('sha256').update(pdf).digest('hex'),
    createdBy: ctx.actor.userId,
    createdAt: now,
    deliveredAt: null,
    deliveryMethod: null,
    deliveredBy: null,
  };
  await ctx.db.insert(ctx.t.disclosures).values(row);
  await writeAudit(ctx, {
    action: 'compliance.disclosure.create',
    entity: 'client',
    entityId: clientId,
    data: { disclosureId: row.id, remunerationMinor: row.remunerationMinor, pdfHash: row.pdfHash },
  });
  return view(row);
}

/** A client's disclosures, newest first (`clients:read` on the client). */
export async function listDisclosures(ctx: Ctx, clientId: string): Promise<Disclosure[]> {
  requirePermission(ctx.actor, 'clients:read');
  const { t } = ctx;
  const [client] = await ctx.db
    .select({ id: t.clients.id })
    .from(t.clients)
    .where(and(eq(t.clients.id, clientId), clientScope(ctx, 'clients:read')))
    .limit(1);
  if (!client) throw notFound('Client', clientId);
  const rows = await ctx.db
    .select({ d: t.disclosures })
    .from(t.disclosures)
    .innerJoin(t.clients, eq(t.clients.id, t.disclosures.clientId))
    .where(and(eq(t.disclosures.clientId, clientId), clientScope(ctx, 'clients:read')))
    .orderBy(desc(t.disclosures.createdAt), desc(t.disclosures.id));
  return rows.map((r) => view(r.d));
}

/** The stored PDF, byte for byte as generated. */
export async function disclosureFile(ctx: Ctx, id: string): Promise<{ bytes: Uint8Array; filename: string }> {
  requirePermission(ctx.actor, 'clients:read');
  const row = await scoped(ctx, id, false);
  return {
    bytes: Buffer.from(row.pdf, 'base64'),
    filename: `informacja-art-17-${row.createdAt.toISOString().slice(0, 10)}.pdf`,
  };
}

/**
 * Records that the disclosure was given to the client (when, how); the client's history shows it.
 * 409 when its delivery is already recorded.
 * @example
 * await recordDelivery(ctx, disclosureId, { method: 'email' });
 */
export async function recordDelivery(
  ctx: Ctx,
  id: string,
  input: { method: DeliveryMethod; at?: Date | string },
): Promise<Disclosure> {
  requirePermission(ctx.actor, 'clients:write');
  return inTransaction(ctx, async (tx) => {
    const row = await scoped(tx, id, true);
    if (row.deliveredAt)
      throw conflict('The delivery of this disclosure is already recorded', {
        deliveredAt: row.deliveredAt,
        deliveryMethod: row.deliveryMethod,
      });
    const now = tx.clock.now();
    const at = input.at === undefined ? now : new Date(input.at);
    if (Number.isNaN(at.getTime()))
      throw invalid('The delivery time is invalid', [{ path: '/at', message: 'invalid' }]);
    if (at.getTime() > now.getTime())
      throw invalid('A delivery cannot be in the future', [{ path: '/at', message: 'in the future' }]);
    if (at.getTime() < row.createdAt.getTime())
      throw invalid('A disclosure cannot be delivered before it was prepared', [
        { path: '/at', message: `before ${row.createdAt.toISOString()}` },
      ]);
    await recordActivity(tx, row.clientId, {
      type: tx.config.compliance.disclosure.activityType,
      at,
      note:
        'Przekazano informację przed zawarciem umowy (art. 17 ustawy o kredycie hipotecznym) ' +
        `${methodPl[input.method]} ` +
        `[disclosure:${row.id}]`,
    });
    const patch = { deliveredAt: at, deliveryMethod: input.method, deliveredBy: tx.actor.userId };
    await tx.db.update(tx.t.disclosures).set(patch).where(eq(tx.t.disclosures.id, row.id));
    await writeAudit(tx, {
      action: 'compliance.disclosure.deliver',
      entity: 'client',
      entityId: row.clientId,
      data: { disclosureId: row.id, method: input.method, at: at.toISOString() },
    });
    return view({ ...row, ...patch });
  });
}

/**
 * The guard: 422 when `to` is a status the config says needs a delivered disclosure and the client
 * has none. No permission check (it runs inside the move, for whoever makes it).
 * @example
 * await assertDisclosed(tx, clientId, 'application-filed');
 */
export async function assertDisclosed(ctx: Ctx, clientId: string, to: string): Promise<void> {
  if (!ctx.config.compliance.disclosure.requiredBefore.includes(to)) return;
  const d = ctx.t.disclosures;
  const [done] = await ctx.db
    .select({ id: d.id })
    .from(d)
    .where(and(eq(d.clientId, clientId), isNotNull(d.deliveredAt)))
    .limit(1);
  if (done) return;
  throw new CrmError(
    'invalid',
    `The client must receive the pre-contract disclosure (art. 17 of the mortgage credit act) before "${to}"`,
    {
      problems: [
        {
          path: '/to',
          message: 'the disclosure (art. 17) has not been delivered to the client',
          keyword: 'disclosure',
        },
      ],
      missing: [{ item: 'disclosure' }],
    },
  );
}
