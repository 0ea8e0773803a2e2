/**
 * @module examples/demo-firm/seed-commissions
 * The demo firm's commission data: its providers and products (`commission-products.json`) and
 * its rule set (`commission-rules.json`), stored as the first rule-set version. Call it from the
 * demo seed after units and users exist: `await seedCommissions(crm.system('seed'))`.
 */
import { readFileSync } from 'node:fs';
import type { Ctx } from '../../core/context.ts';
import { saveCatalog, type ProductCatalog } from '../../core/commissions/products/catalog.ts';
import { latestRuleSet, uploadRuleSet } from '../../core/commissions/products/rule-sets.ts';

const read = (name: string) => JSON.parse(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8')) as unknown;

/**
 * Idempotent: the catalogue is upserted, and the rule set stored only when no version is.
 * @example
 * await seedCommissions(crm.system('seed'));
 */
export async function seedCommissions(ctx: Ctx): Promise<void> {
  await saveCatalog(ctx, read('commission-products.json') as ProductCatalog);
  if (!(await latestRuleSet(ctx))) await uploadRuleSet(ctx, read('commission-rules.json'));
}
