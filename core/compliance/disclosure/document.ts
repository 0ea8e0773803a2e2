/**
 * @module compliance/disclosure/document
 * What the pre-contract disclosure (art. 17 of the mortgage credit act) states, as data: the firm
 * and its KNF number, the advisor with theirs and whether they act as a tied or an independent
 * intermediary, the lenders the firm works with, and the remuneration the firm will receive from
 * the lender — computed by the commission engine itself on the case's values (a dry run of the
 * newest rule set with the facts a real sale would have), so the disclosure and the later firm line
 * agree to the grosz.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { canAccess, clientScope } from '../../access/index.ts';
import { latestRuleSet, proposeCommissions, ruleTypesOf, saleFacts } from '../../commissions/index.ts';
import type { Ctx } from '../../context.ts';
import { CrmError, invalid, notFound, type FieldProblem } from '../../errors.ts';
import { isDate, today } from '../dates.ts';
import { categoryOf } from '../guard.ts';

export interface DisclosureInput {
  provider: string;
  product: string;
  /** The credit amount discussed, in grosze. */
  amountMinor: number;
  /** The date the remuneration is computed for (default today): the rules in force that day apply. */
  date?: string;
}

export interface DisclosureDocument {
  issuedOn: string;
  firm: { name: string; knfNumber: string };
  advisor: { id: string; name: string; knfNumber: string; agentType: 'tied' | 'independent' };
  client: { id: string; name: string | null };
  product: { provider: string; providerName: string; product: string; productName: string; category: string };
  amountMinor: number;
  lenders: Array<{ id: string; name: string }>;
  remuneration: { firmMinor: number; ruleId: string | null; ruleVersion: number | null; pl: string; en: string };
}

/**
 * Computes the disclosure of one client's case (needs `clients:write` on the client).
 * 422 naming what is missing: the firm's or the advisor's KNF number, a product outside
 * `compliance.disclosure.categories`, or a product no firm rule covers (the remuneration must be stated).
 * @example
 * const doc = await disclosureDocument(ctx, clientId, { provider: 'bank-aurora', product: 'aurora-mortgage',
 *   amountMinor: 50_000_000 });
 * doc.remuneration.firmMinor // 750000 (1,50% × 500 000,00 zł)
 */
export async function disclosureDocument(
  ctx: Ctx,
  clientId: string,
  input: DisclosureInput,
): Promise<DisclosureDocument> {
  const { t } = ctx;
  const [client] = await ctx.db
    .select()
    .from(t.clients)
    .where(and(eq(t.clients.id, clientId), clientScope(ctx, 'clients:write')))
    .limit(1);
  if (!client) throw notFound('Client', clientId);
  const problems: FieldProblem[] = [];
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0)
    problems.push({ path: '/amountMinor', message: 'must be a whole positive number of grosze' });
  if (input.date !== undefined && !isDate(input.date)) problems.push({ path: '/date', message: 'must be YYYY-MM-DD' });
  const category = await categoryOf(ctx, input.product);
  const categories = ctx.config.compliance.disclosure.categories;
  if (!category) problems.push({ path: '/product', message: `unknown product "${input.product}" in the catalogue` });
  else if (!categories.includes(category))
    problems.push({
      path: '/product',
      message: `a disclosure is given for ${categories.join(', ')} products; this one is ${category}`,
    });
  const [provider] = await ctx.db
    .select()
    .from(t.commissionProviders)
    .where(eq(t.commissionProviders.id, input.provider))
    .limit(1);
  if (!provider) problems.push({ path: '/provider', message: `unknown provider "${input.provider}" in the catalogue` });
  if (!ctx.config.firm.knfNumber)
    problems.push({ path: '/firm/knfNumber', message: "the firm's KNF register number is not in the configuration" });
  if (!client.ownerId) problems.push({ path: '/advisorId', message: 'the client has no advisor' });
  if (problems.length) throw invalid('The disclosure cannot be prepared', problems);

  const advisorId = client.ownerId!;
  const [advisor] = await ctx.db.select().from(t.users).where(eq(t.users.id, advisorId)).limit(1);
  const [reg] = await ctx.db
    .select()
    .from(t.complianceRegistrations)
    .where(eq(t.complianceRegistrations.userId, advisorId))
    .limit(1);
  if (!reg)
    throw new CrmError('invalid', 'The advisor has no KNF registration recorded; the disclosure must state it', {
      problems: [{ path: '/advisor/knfNumber', message: 'no KNF register entry for the advisor' }],
      missing: [{ item: 'registration', status: 'missing', reference: null, validTo: null }],
    });

  const date = input.date ?? today(ctx);
  const { sale, context, productName } = await saleFacts(ctx, {
    id: `disclosure-${clientId}`,
    clientId,
    provider: input.provider,
    product: input.product,
    amountMinor: input.amountMinor,
    saleDate: date,
    advisorId,
    fallbackUnitId: client.unitId,
    partnerId: client.partnerId,
    clientType: client.type,
    source: client.source,
  });
  const ruleSet = (await latestRuleSet(ctx)) ?? { version: 1, rules: [] };
  const firmLine = proposeCommissions(sale, context, ruleSet, ruleTypesOf(ctx.plugins)).find(
    (l) => l.ledger === 'firm' && l.component === 'commission',
  );
  if (!firmLine || firmLine.missing)
    throw invalid('No commission rule gives the remuneration for this product on this date', [
      { path: '/product', message: 'no firm commission rule covers it: add the rule before disclosing' },
    ]);

  const p = t.commissionProducts;
  const lenderRows = await ctx.db
    .selectDistinct({ id: t.commissionProviders.id, name: t.commissionProviders.name })
    .from(t.commissionProviders)
    .innerJoin(p, eq(p.providerId, t.commissionProviders.id))
    .where(inArray(p.category, [...categories]))
    .orderBy(asc(t.commissionProviders.name));
  return {
    issuedOn: today(ctx),
    firm: { name: ctx.config.firm.name, knfNumber: ctx.config.firm.knfNumber! },
    advisor: { id: advisorId, name: advisor?.name ?? '', knfNumber: reg.knfNumber, agentType: reg.agentType },
    client: { id: client.id, name: canAccess(ctx.actor, 'pii:read', client) ? client.displayName : null },
    product: {
      provider: input.provider,
      providerName: provider!.name,
      product: input.product,
      productName: productName ?? input.product,
      category: category!,
    },
    amountMinor: input.amountMinor,
    lenders: lenderRows,
    remuneration: {
      firmMinor: firmLine.amountMinor,
      ruleId: firmLine.ruleId ?? null,
      ruleVersion: firmLine.ruleVersion ?? null,
      pl: firmLine.explanation.pl,
      en: firmLine.explanation.en,
    },
  };
}
