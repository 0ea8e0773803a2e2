/**
 * @module cli/config-versions
 * `broker-crm config versions` and `broker-crm config rollback <N> --why "…"`: what IT needs when
 * the configuration is edited in the browser. A restart keeps the browser's versions (the newest
 * saved version runs, not the file); `config rollback 0` runs the file again (as a new version, so
 * the history stays whole), and any running server on the database picks it up through the change bus.
 */
import type { Crm } from '../crm.ts';
import { listConfigVersions, rollbackConfig } from '../config-versions/index.ts';

/**
 * @example
 * process.exitCode = await configVersionsCommand(crm, ['versions'], {}, console.log, console.error);
 */
export async function configVersionsCommand(
  crm: Crm,
  args: readonly string[],
  options: { why?: string },
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  const ctx = crm.system('cli config');
  if (args[0] === 'versions') {
    for (const v of await listConfigVersions(ctx)) {
      const who = v.kind === 'file' ? '' : ` ${v.authorName ?? 'command line'} ${v.createdAt.toISOString()}`;
      const what = v.kind === 'rollback' ? `rollback to ${v.restoredVersion}` : v.kind;
      out(`${v.running ? '*' : ' '} ${String(v.version).padStart(4)}  ${what}${who}  ${v.why}`);
    }
    return 0;
  }
  if (args[0] === 'rollback' && args[1] !== undefined && /^\d+$/.test(args[1])) {
    if (!options.why) {
      err('Say why: broker-crm config rollback <N> --why "…" (3–500 characters, kept in the history)');
      return 1;
    }
    const saved = await rollbackConfig(ctx, { version: Number(args[1]), why: options.why });
    out(`Version ${args[1]} restored as version ${saved.version}; it runs now (servers on this database reload it)`);
    return 0;
  }
  err('Usage: broker-crm config versions | config rollback <N> --why "…"');
  return 1;
}
