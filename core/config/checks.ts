/**
 * @module config/checks
 * The shape of a config rule the JSON Schema cannot say (references between sections, cycles, scopes
 * per role kind). Each module writes the checks of its own section in its `checks.ts`; `core/firm/`
 * lists them. Each check reports `(pointer, message)`; the loader adds file, line and column.
 *
 * Checks also run when the schema has already found problems, so that one pass lists everything a
 * person has to fix. They therefore read the config defensively: a part of the wrong shape is
 * skipped, because the schema problem already names it.
 */
import type { FirmSections } from './sections.ts';

/** Reports a problem at a JSON pointer (`/roles/advisor/permissions/clients:read`). */
export type Report = (pointer: string, message: string) => void;
/**
 * A rule over the whole config (a module's rule may need to see the sections it refers to, such as
 * roles). It may see a config that failed the schema: guard what you read. If it throws then, it is
 * skipped; a report at a path the schema already flagged is dropped.
 * @example
 * const checkNames: ConfigCheck = (config, report) => {
 *   if (config.firm?.name === 'x') report('/firm/name', 'choose a longer name');
 * };
 */
export type ConfigCheck = (config: FirmSections, report: Report) => void;
