/**
 * @module reconciliation/access
 * Reconciliation is the back office's: what a provider paid the firm is the firm's business, so
 * every operation needs `settlements:close` at scope `all`.
 */
import { requirePermission } from '../access/index.ts';
import type { Ctx } from '../context.ts';
import { forbidden } from '../errors.ts';

export function requireBackOffice(ctx: Ctx): void {
  if (!requirePermission(ctx.actor, 'settlements:close').includes('all'))
    throw forbidden('Reconciliation needs settlements:close at scope all', { permission: 'settlements:close' });
}
