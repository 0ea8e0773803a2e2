/**
 * @module cli/audit-verify
 * `broker-crm audit verify [--database url]`: walks the audit chain in sequence order, a page at a
 * time, and names the first broken entry (its seq and id, and why). Exit code 0 when the chain is
 * whole, 1 when it is broken (or the command is misused). It only reads: the database is not migrated.
 */
import { verifyAuditChain } from '../audit/index.ts';
import { openDatabase } from '../storage/index.ts';

export const auditUsage = 'Usage: broker-crm audit verify [--database <url>]';

/**
 * @example
 * process.exitCode = await auditCommand('verify', 'file:./crm.db', console.log, console.error);
 */
export async function auditCommand(
  sub: string | undefined,
  url: string | undefined,
  log: (line: string) => void,
  error: (line: string) => void,
): Promise<number> {
  if (sub !== 'verify') {
    error(auditUsage);
    return 1;
  }
  const database = await openDatabase(url ?? process.env.DATABASE_URL ?? 'file:./crm.db', { migrate: false });
  try {
    const started = Date.now();
    const r = await verifyAuditChain(database);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (r.ok) {
      log(`Audit log intact: ${r.entries} entries verified in ${seconds} s`);
      log(`Chain head: seq ${r.head.seq}, hash ${r.head.hash} (keep this line elsewhere to anchor the chain)`);
      return 0;
    }
    const b = r.broken!;
    const where = [b.seq !== null ? `seq ${b.seq}` : null, b.id ? `id ${b.id}` : null].filter(Boolean).join(', ');
    error(`Audit log BROKEN at ${where || 'its end'}: ${b.reason}`);
    error(`${r.entries} entries before it verified; chain head: seq ${r.head.seq}, hash ${r.head.hash}`);
    return 1;
  } finally {
    await database.close();
  }
}
