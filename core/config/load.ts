/**
 * @module config/load
 * Load and validate a configuration against a JSON Schema and a list of checks. Every problem is
 * collected (not just the first) and reported with file, line, column and JSON path in plain words;
 * nothing is applied unless the whole file is valid. The kernel knows no section: `core/firm/` binds
 * this loader to the firm's composed schema and the modules' checks.
 */
import { readFileSync } from 'node:fs';
import { ajvProblems, compileOnce, createAjv } from './ajv.ts';
import type { ConfigCheck } from './checks.ts';
import { parseWithPositions } from './positions.ts';
import type { FirmSections } from './sections.ts';

export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  path: string;
  message: string;
}

export class ConfigError extends Error {
  readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[]) {
    const n = problems.length;
    super(`${n} problem${n === 1 ? '' : 's'} in the configuration:\n` + problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export const formatProblem = (p: ConfigProblem) => `  ${p.file}:${p.line}:${p.column}  ${p.path || '/'}  ${p.message}`;

/** The three ways to load a configuration, bound to one schema and its checks. */
export interface ConfigLoader<Config, Input> {
  /** Validate configuration text. `file` only labels the problems. */
  parseConfig(text: string, file?: string, extraChecks?: ConfigCheck[]): Config;
  /** Read and validate a config file. */
  loadConfigFile(path: string, extraChecks?: ConfigCheck[]): Config;
  /** Validate a configuration object (from TypeScript); problems carry the path but no line. */
  resolveConfig(input: Input | Config, label?: string): Config;
}

/**
 * @example
 * const loader = configLoader<FirmConfig, FirmConfigInput>(configSchema, [checkRoles, checkWorkflow]);
 * const config = loader.parseConfig(readFileSync('crm.config.json', 'utf8'), 'crm.config.json');
 */
export function configLoader<Config, Input>(
  schema: object,
  checks: readonly ConfigCheck[],
  file = 'crm.config.json',
): ConfigLoader<Config, Input> {
  const ajv = createAjv({ useDefaults: true });

  function parseConfig(text: string, label = file, extraChecks: ConfigCheck[] = []): Config {
    const json = parseWithPositions(text);
    const problems: ConfigProblem[] = json.problems.map((p) => ({ file: label, ...p }));
    if (!json.syntaxOk) throw new ConfigError(problems);
    const value = json.value as FirmSections;
    const validate = compileOnce(ajv, schema);
    const schemaOk = validate(value);
    const flagged: string[] = [];
    if (!schemaOk) {
      for (const p of ajvProblems(validate.errors, value)) {
        flagged.push(p.path);
        const at = json.positionOf(p.path, p.keyword !== 'required');
        problems.push({ file: label, ...at, path: p.path, message: p.message });
      }
    }
    // The cross-section rules run even after schema problems, so one pass lists everything to fix.
    const alreadyFlagged = (path: string) => flagged.some((f) => path === f || path.startsWith(`${f}/`));
    const report = (path: string, message: string) => {
      if (!alreadyFlagged(path)) problems.push({ file: label, ...json.positionOf(path), path, message });
    };
    for (const check of [...checks, ...extraChecks]) {
      try {
        check(value, report);
      } catch (e) {
        // A check may trip over a part of the wrong shape; the schema problems already name that part.
        if (schemaOk) throw e;
      }
    }
    if (problems.length) throw new ConfigError(sortProblems(problems));
    return value as Config;
  }

  function loadConfigFile(path: string, extraChecks: ConfigCheck[] = []): Config {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      throw new ConfigError([{ file: path, line: 1, column: 1, path: '', message: `cannot read the file: ${why}` }]);
    }
    return parseConfig(text, path, extraChecks);
  }

  function resolveConfig(input: Input | Config, label = 'config'): Config {
    return parseConfig(JSON.stringify(input, null, 2), label);
  }

  return { parseConfig, loadConfigFile, resolveConfig };
}

const sortProblems = (ps: ConfigProblem[]) => [...ps].sort((a, b) => a.line - b.line || a.column - b.column);
