/**
 * @module config/load
 * Load and validate the firm's configuration. Every problem is collected (not just the first) and
 * reported with file, line, column and JSON path in plain words; nothing is applied unless the whole
 * file is valid.
 */
import { readFileSync } from 'node:fs';
import { ajvProblems, compileOnce, createAjv } from './ajv.ts';
import { coreChecks, type ConfigCheck } from './checks.ts';
import { parseWithPositions } from './positions.ts';
import { configSchema } from './schema.ts';
import type { FirmConfig, FirmConfigInput } from './types.ts';

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

const ajv = createAjv({ useDefaults: true });

/**
 * Validate configuration text. `file` only labels the problems.
 * @example
 * const config = parseConfig(readFileSync('crm.config.json', 'utf8'), 'crm.config.json');
 */
export function parseConfig(text: string, file = 'crm.config.json', extraChecks: ConfigCheck[] = []): FirmConfig {
  const json = parseWithPositions(text);
  const problems: ConfigProblem[] = json.problems.map((p) => ({ file, ...p }));
  if (!json.syntaxOk) throw new ConfigError(problems);
  const value = json.value as FirmConfig;
  const validate = compileOnce(ajv, configSchema);
  const schemaOk = validate(value);
  const flagged: string[] = [];
  if (!schemaOk) {
    for (const p of ajvProblems(validate.errors, value)) {
      flagged.push(p.path);
      problems.push({ file, ...json.positionOf(p.path, p.keyword !== 'required'), path: p.path, message: p.message });
    }
  }
  // The cross-section rules run even after schema problems, so one pass lists everything to fix.
  const alreadyFlagged = (path: string) => flagged.some((f) => path === f || path.startsWith(`${f}/`));
  const report = (path: string, message: string) => {
    if (!alreadyFlagged(path)) problems.push({ file, ...json.positionOf(path), path, message });
  };
  for (const check of [...coreChecks, ...extraChecks]) {
    try {
      check(value, report);
    } catch (e) {
      // A check may trip over a part of the wrong shape; the schema problems already name that part.
      if (schemaOk) throw e;
    }
  }
  if (problems.length) throw new ConfigError(sortProblems(problems));
  return value;
}

/** Read and validate a config file. */
export function loadConfigFile(path: string, extraChecks: ConfigCheck[] = []): FirmConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError([
      {
        file: path,
        line: 1,
        column: 1,
        path: '',
        message: `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      },
    ]);
  }
  return parseConfig(text, path, extraChecks);
}

/** Validate a configuration object (from TypeScript); problems carry the path but no line. */
export function resolveConfig(input: FirmConfigInput | FirmConfig, label = 'config'): FirmConfig {
  return parseConfig(JSON.stringify(input, null, 2), label);
}

const sortProblems = (ps: ConfigProblem[]) => [...ps].sort((a, b) => a.line - b.line || a.column - b.column);

/**
 * Typed authoring helper for firms that keep their configuration in TypeScript.
 * @example
 * export default defineConfig({ version: 1, firm: { name: 'Kredyt-Dom' }, branchTypes: {…}, roles: {…} });
 */
export function defineConfig(config: FirmConfigInput): FirmConfigInput {
  return config;
}
