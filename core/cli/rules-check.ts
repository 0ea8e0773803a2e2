/**
 * @module cli/rules-check
 * `broker-crm rules check FILE`: a commission rule set checked from the shell, with the same loader
 * as the upload (schema, overlaps, gaps, clawbacks…), each problem as `file:line:col /json/path
 * message`. Commission groups are checked against the firm's config when one is found (`--config`,
 * default `./crm.config.json`); rule types of plugins are known only to a running CRM, so a rule
 * of a plugin type is reported as unknown here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseRuleSet, RuleSetError } from '../commissions/index.ts';
import { loadConfigFile } from '../firm/index.ts';

/**
 * @example
 * process.exitCode = rulesCheck('commission-rules.json', 'crm.config.json', console.log, console.error);
 */
export function rulesCheck(
  file: string,
  configPath: string | undefined,
  out: (line: string) => void,
  err: (line: string) => void,
): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    err(`${file}: cannot be read`);
    return 1;
  }
  const config = configPath && existsSync(configPath) ? loadConfigFile(configPath) : undefined;
  try {
    const set = parseRuleSet(text, { file, commissionGroups: config?.commissionGroups });
    const counts = `version ${set.version}, ${set.rules.length} rules, ${set.clawbacks?.length ?? 0} clawback rules`;
    out(`${file}: valid (${counts}${config ? '' : '; commission groups not checked: no config'})`);
    return 0;
  } catch (e) {
    if (!(e instanceof RuleSetError)) throw e;
    for (const p of e.problems) err(`${p.file ?? file}:${p.line ?? 1}:${p.column ?? 1} ${p.path || '/'} ${p.message}`);
    err(`${e.problems.length} problem${e.problems.length === 1 ? '' : 's'}`);
    return 1;
  }
}
