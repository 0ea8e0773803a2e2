/**
 * @module commissions/products/catalog
 * Providers (banks, insurers, leasing firms) and their products, as data: a catalogue file is
 * loaded into the database, and a sale's product id finds its category there (rules match on
 * `productCategory`). Saving a catalogue upserts; nothing a past sale refers to is deleted.
 */
import { asc, eq } from 'drizzle-orm';
import { requirePermission } from '../../access/index.ts';
import { writeAudit } from '../../audit/index.ts';
import type { Ctx } from '../../context.ts';
import { invalid, type FieldProblem } from '../../errors.ts';

export interface CatalogProduct {
  id: string;
  name: string;
  category: string;
}
export interface CatalogProvider {
  id: string;
  name: string;
  kind: string;
  details?: string[];
  products: CatalogProduct[];
}
export interface ProductCatalog {
  providers: CatalogProvider[];
}

const ID = /^[a-z][a-z0-9-]*$/;

/** Problems of a catalogue (ids kebab-case and unique, names and categories present), with JSON paths. */
export function catalogProblems(catalog: ProductCatalog): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const check = (path: string, idv: unknown, name: unknown) => {
    if (typeof idv !== 'string' || !ID.test(idv))
      problems.push({ path: `${path}/id`, message: 'must be a kebab-case id' });
    else if (seen.has(idv)) problems.push({ path: `${path}/id`, message: `the id "${idv}" is used twice` });
    else seen.add(idv);
    if (typeof name !== 'string' || !name.trim())
      problems.push({ path: `${path}/name`, message: 'a name is required' });
  };
  if (!Array.isArray(catalog?.providers)) return [{ path: '/providers', message: 'must be an array' }];
  catalog.providers.forEach((p, i) => {
    check(`/providers/${i}`, p?.id, p?.name);
    if (!Array.isArray(p?.products)) {
      problems.push({ path: `/providers/${i}/products`, message: 'must be an array' });
      return;
    }
    p.products.forEach((x, j) => {
      check(`/providers/${i}/products/${j}`, x?.id, x?.name);
      if (typeof x?.category !== 'string' || !ID.test(x.category))
        problems.push({
          path: `/providers/${i}/products/${j}/category`,
          message: 'must be a kebab-case category (mortgage, cash-loan…)',
        });
    });
  });
  return problems;
}

/**
 * Stores a catalogue (insert or update by id). Needs `commissions:rules`.
 * @example
 * await saveCatalog(ctx, { providers: [{ id: 'bank-aurora', name: 'Bank Aurora S.A.', kind: 'bank',
 *   products: [{ id: 'aurora-mortgage', name: 'Kredyt hipoteczny', category: 'mortgage' }] }] });
 */
export async function saveCatalog(ctx: Ctx, catalog: ProductCatalog): Promise<void> {
  requirePermission(ctx.actor, 'commissions:rules');
  const problems = catalogProblems(catalog);
  if (problems.length) throw invalid('The product catalogue is not valid', problems);
  const { t } = ctx;
  const now = ctx.clock.now();
  for (const p of catalog.providers) {
    const row = { id: p.id, name: p.name, kind: p.kind, details: p.details ?? [], updatedAt: now };
    await ctx.db
      .insert(t.commissionProviders)
      .values(row)
      .onConflictDoUpdate({
        target: t.commissionProviders.id,
        set: { name: row.name, kind: row.kind, details: row.details, updatedAt: now },
      });
    for (const x of p.products) {
      const prod = { id: x.id, providerId: p.id, name: x.name, category: x.category, updatedAt: now };
      await ctx.db
        .insert(t.commissionProducts)
        .values(prod)
        .onConflictDoUpdate({
          target: t.commissionProducts.id,
          set: { providerId: p.id, name: x.name, category: x.category, updatedAt: now },
        });
    }
  }
  await writeAudit(ctx, {
    action: 'commissions.catalog.save',
    entity: 'catalog',
    data: {
      providers: catalog.providers.map((p) => p.id),
      products: catalog.providers.reduce((n, p) => n + p.products.length, 0),
    },
  });
}

/**
 * The stored catalogue, providers and products by name. Everyone signed in may read it (it is
 * what the sale form offers).
 * @example
 * const { providers } = await listCatalog(ctx);
 */
export async function listCatalog(ctx: Ctx): Promise<ProductCatalog> {
  const { t } = ctx;
  const providers = await ctx.db.select().from(t.commissionProviders).orderBy(asc(t.commissionProviders.name));
  const products = await ctx.db.select().from(t.commissionProducts).orderBy(asc(t.commissionProducts.name));
  return {
    providers: providers.map((p) => ({
      id: p.id,
      name: p.name,
      kind: p.kind,
      details: p.details,
      products: products
        .filter((x) => x.providerId === p.id)
        .map((x) => ({ id: x.id, name: x.name, category: x.category })),
    })),
  };
}

/** One product with its provider's name, or undefined for an id the catalogue does not know. */
export async function productOf(
  ctx: Ctx,
  productId: string,
): Promise<{ id: string; name: string; category: string; providerId: string } | undefined> {
  const { t } = ctx;
  const [row] = await ctx.db.select().from(t.commissionProducts).where(eq(t.commissionProducts.id, productId)).limit(1);
  return row ? { id: row.id, name: row.name, category: row.category, providerId: row.providerId } : undefined;
}
