/**
 * @module commissions/rules/load
 * Validating a rule set: the schema (ajv), then the checks of `checks.ts`. Every problem is
 * collected, not just the first, each with its JSON path and — when the rule set comes as text,
 * from a file or an upload — its line and column. Nothing is usable unless everything is valid.
 */
import { CrmError, type FieldProblem } from '../../errors.ts';
import { ajvProblems, compileOnce, createAjv, parseWithPositions } from '../../config/index.ts';
import { checkRuleSet, type RuleSetCheckOptions } from './checks.ts';
import { ruleSetSchema, type CommissionRuleSet } from './schema.ts';

export interface RuleSetProblem extends FieldProblem {
  file?: string;
  line?: number;
  column?: number;
}

/** A rule set that cannot be used; 422 through the API, `details.problems` lists every problem. */
export class RuleSetError extends CrmError {
  readonly problems: RuleSetProblem[];
  constructor(problems: RuleSetProblem[]) {
    const n = problems.length;
    super(
      'invalid',
      `${n} problem${n === 1 ? '' : 's'} in the commission rule set:\n${problems.map(formatRuleSetProblem).join('\n')}`,
      { problems },
    );
    this.name = 'RuleSetError';
    this.problems = problems;
  }
}

export const formatRuleSetProblem = (p: RuleSetProblem) =>
  `  ${p.file ? `${p.file}:${p.line ?? 1}:${p.column ?? 1}  ` : ''}${p.path || '/'}  ${p.message}`;

const ajv = createAjv();

/**
 * All problems of a rule set given as a value (from TypeScript or a parsed API body).
 * @example
 * const problems = ruleSetProblems(body, { commissionGroups: config.commissionGroups });
 * if (problems.length) throw new RuleSetError(problems);
 */
export function ruleSetProblems(value: unknown, options: RuleSetCheckOptions = {}): RuleSetProblem[] {
  const validate = compileOnce(ajv, ruleSetSchema);
  const problems: RuleSetProblem[] = [];
  const flagged: string[] = [];
  if (!validate(value)) {
    for (const p of ajvProblems(validate.errors, value)) {
      flagged.push(p.path);
      problems.push(p);
    }
  }
  const covered = (path: string) => flagged.some((f) => path === f || path.startsWith(`${f}/`));
  try {
    checkRuleSet(
      value as CommissionRuleSet,
      (path, message) => {
        if (!covered(path)) problems.push({ path, message });
      },
      options,
    );
  } catch (e) {
    // A check may trip over a part of the wrong shape; the schema problems already name that part.
    if (!flagged.length) throw e;
  }
  return problems;
}

/**
 * Throws `RuleSetError` unless `value` is a valid rule set.
 * @example
 * const ruleSet = assertRuleSet(JSON.parse(body), { commissionGroups: config.commissionGroups, ruleTypes });
 */
export function assertRuleSet(value: unknown, options: RuleSetCheckOptions = {}): CommissionRuleSet {
  const problems = ruleSetProblems(value, options);
  if (problems.length) throw new RuleSetError(problems);
  return value as CommissionRuleSet;
}

/**
 * The same problems with the line and column of each path in `text` (the uploaded file as sent), so
 * an upload's 422 names lines as `broker-crm rules check` does. Problems whose path is not in the
 * text keep their path alone.
 * @example
 * catch (e) { if (e instanceof RuleSetError) throw locateProblems(e, await request.text(), 'upload.json'); }
 */
export function locateProblems(error: RuleSetError, text: string, file = 'commission-rules.json'): RuleSetError {
  const json = parseWithPositions(text);
  if (!json.syntaxOk) return error;
  return new RuleSetError(
    error.problems.map((p) => ({ ...p, file, ...json.positionOf(p.path, p.keyword !== 'required') })),
  );
}

/**
 * Parses and validates rule-set text; problems carry `file`, `line` and `column`.
 * @example
 * const ruleSet = parseRuleSet(readFileSync('commission-rules.json', 'utf8'),
 *   { file: 'commission-rules.json', commissionGroups });
 */
export function parseRuleSet(text: string, options: RuleSetCheckOptions & { file?: string } = {}): CommissionRuleSet {
  const file = options.file ?? 'commission-rules.json';
  const json = parseWithPositions(text);
  const problems: RuleSetProblem[] = json.problems.map((p) => ({ file, ...p }));
  if (json.syntaxOk) {
    for (const p of ruleSetProblems(json.value, options))
      problems.push({ ...p, file, ...json.positionOf(p.path, p.keyword !== 'required') });
  }
  if (problems.length)
    throw new RuleSetError(problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)));
  return json.value as CommissionRuleSet;
}
