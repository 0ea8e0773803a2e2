/**
 * @module cli/gdpr-retention
 * `broker-crm retention [--dry-run]`: the retention rules of the config (GDPR Art. 5(1)(e)). With
 * `--dry-run` it lists who would be anonymised and why, and changes nothing; without, it anonymises
 * them (commission records kept, pseudonymised) and compacts the database. Every run is logged in
 * `retention_runs`.
 */
import type { Crm } from '../crm.ts';
import { runRetention } from '../gdpr/index.ts';

/**
 * @example
 * await retentionCommand(crm, { dryRun: true }, console.log); // exit code 0
 */
export async function retentionCommand(crm: Crm, options: { dryRun: boolean }, out: (line: string) => void) {
  const rules = crm.config.retention?.rules ?? [];
  if (!rules.length) {
    out('No retention rules in the configuration (section "retention"): nothing to do.');
    return 0;
  }
  const run = await runRetention(crm.system('retention'), { dryRun: options.dryRun });
  for (const r of rules) {
    const matched = run.candidates.filter((c) => c.ruleId === r.id);
    out(`Rule ${r.id} (${r.label.en}): ${matched.length} client${matched.length === 1 ? '' : 's'}`);
    for (const c of matched) out(`  ${c.clientId}  ${c.displayName}  [${c.status}]  ${c.reason}`);
  }
  out(
    options.dryRun
      ? `Dry run ${run.id}: ${run.candidates.length} would be anonymised; nothing changed.`
      : `Run ${run.id}: ${run.anonymised} anonymised (commission lines kept, pseudonymised).`,
  );
  return 0;
}
