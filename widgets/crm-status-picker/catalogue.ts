/**
 * @module widgets/crm-status-picker/catalogue
 * The commission catalogue (`GET /api/commission-products`) as the sale form's pickers need it: the
 * product categories, the providers that offer a category, a provider's products in it. Pure
 * functions of the catalogue, so the filtering is tested without a browser.
 */
import type { Lang } from '../base/lang.ts';

export interface CatalogueProduct {
  id: string;
  name: string;
  category: string;
}
export interface CatalogueProvider {
  id: string;
  name: string;
  kind: string;
  products: CatalogueProduct[];
}

/** Labels of the usual product categories; a firm's own category is shown as written. */
const categoryLabels: Record<string, Record<Lang, string>> = {
  mortgage: { pl: 'Kredyt hipoteczny', en: 'Mortgage' },
  'cash-loan': { pl: 'Kredyt gotówkowy', en: 'Cash loan' },
  consolidation: { pl: 'Kredyt konsolidacyjny', en: 'Consolidation loan' },
  'car-loan': { pl: 'Kredyt samochodowy', en: 'Car loan' },
  'company-loan': { pl: 'Kredyt firmowy', en: 'Business loan' },
  insurance: { pl: 'Ubezpieczenie', en: 'Insurance' },
  leasing: { pl: 'Leasing', en: 'Leasing' },
};

/**
 * @example
 * categoryLabel('cash-loan', 'pl'); // 'Kredyt gotówkowy'
 */
export function categoryLabel(category: string, lang: Lang): string {
  return categoryLabels[category]?.[lang] ?? category;
}

/** Every category of the catalogue, in the order first met. */
export function categoriesOf(providers: readonly CatalogueProvider[]): string[] {
  return [...new Set(providers.flatMap((p) => p.products.map((x) => x.category)))];
}

/**
 * The providers that offer `category` (every provider when it is empty).
 * @example
 * providersFor(catalogue, 'insurance').map((p) => p.id); // ['tu-tarcza']
 */
export function providersFor(providers: readonly CatalogueProvider[], category: string): CatalogueProvider[] {
  return category ? providers.filter((p) => p.products.some((x) => x.category === category)) : [...providers];
}

/** A provider's products in `category` (all of them when it is empty); none for an unknown provider. */
export function productsFor(
  providers: readonly CatalogueProvider[],
  providerId: string,
  category: string,
): CatalogueProduct[] {
  const p = providers.find((x) => x.id === providerId);
  return (p?.products ?? []).filter((x) => !category || x.category === category);
}

/** The product with this id and its provider, if the catalogue has it. */
export function findProduct(
  providers: readonly CatalogueProvider[],
  productId: string,
): { provider: CatalogueProvider; product: CatalogueProduct } | undefined {
  for (const provider of providers) {
    const product = provider.products.find((x) => x.id === productId);
    if (product) return { provider, product };
  }
  return undefined;
}
