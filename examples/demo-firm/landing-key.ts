/**
 * @module demo-firm/landing-key
 * The demo's public source key for its landing page, so that `npm start` serves a lead form that
 * works with no edits: one key named "Demo: landing page", bound to the website-form source and
 * allowed from the origins the demo is served on (added at every start, since `PORT` may change).
 * A firm creates its own keys instead (see docs/leads.md).
 */
import { eq } from 'drizzle-orm';
import type { Crm } from '../../core/crm.ts';
import { createSourceKey } from '../../core/leads/index.ts';

const name = 'Demo: landing page';

/**
 * The demo landing page's key, created on first use; its origins gain `http://localhost:<port>` and
 * `http://127.0.0.1:<port>` (and `HOST`'s) when they are not there yet.
 *
 * @example
 * const key = await ensureDemoLandingKey(crm, 3000); // 'bpk_…'
 */
export async function ensureDemoLandingKey(crm: Crm, port: number, host = process.env.HOST): Promise<string> {
  const origins = ['localhost', '127.0.0.1', ...(host && host !== '0.0.0.0' && host !== '::' ? [host] : [])].map(
    (h) => `http://${h.includes(':') ? `[${h}]` : h}:${port}`,
  );
  const { db, t } = crm.database;
  const rows = await db.select().from(t.leadSourceKeys).where(eq(t.leadSourceKeys.name, name));
  const live = rows.find((r) => !r.revokedAt);
  if (!live) {
    const created = await createSourceKey(crm.system('demo-seed'), {
      name,
      clientType: 'company-acquired',
      source: 'website-form',
      origins,
    });
    return created.key;
  }
  const missing = origins.filter((o) => !live.origins.includes(o));
  if (missing.length)
    await db
      .update(t.leadSourceKeys)
      .set({ origins: [...live.origins, ...missing] })
      .where(eq(t.leadSourceKeys.id, live.id));
  return live.key;
}
