/**
 * @module config
 * The config kernel, at the ground of `core/`: JSON parsing with line/column positions, ajv and its
 * errors in plain words, the generic loader, the `ConfigCheck` type, the schema parts sections share
 * and the `firm` section. It knows no module: each module owns its section (schema, type, checks) and
 * `core/firm/` composes the firm's configuration from them.
 */
export { ajvProblems, compileOnce, createAjv, identifierKinds } from './ajv.ts';
export { parseWithPositions, type Position, type PositionedJson, type PositionedProblem } from './positions.ts';
export { idSchema, labelSchema } from './schema-parts.ts';
export { firmSectionSchema } from './firm-section.ts';
export type { FirmSection, FirmSections } from './sections.ts';
export type { ConfigCheck, Report } from './checks.ts';
export { configLoader, ConfigError, formatProblem, type ConfigLoader, type ConfigProblem } from './load.ts';
