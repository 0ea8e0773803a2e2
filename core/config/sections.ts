/**
 * @module config/sections
 * The loaded configuration as the modules see it, through `ctx.config`. The kernel knows no module:
 * it declares only the file's frame and the `firm` section, and each module adds its own section's
 * type to `FirmSections` from its `config-schema.ts` (TypeScript declaration merging):
 *
 * ```ts
 * declare module '../config/index.ts' {
 *   interface FirmSections { clients: ClientsConfig }
 * }
 * ```
 *
 * The JSON Schema, and the type derived from it, are composed above the modules in `core/firm/`;
 * `createCrm` assigns that type to this one, so the compiler checks that the two agree.
 */
import type { FromSchema } from 'json-schema-to-ts';
import type { firmSectionSchema } from './firm-section.ts';

/** The `firm` section after loading: defaults filled in. */
export type FirmSection = FromSchema<typeof firmSectionSchema>;

/** Every section of the loaded configuration; modules add theirs (see the module comment). */
export interface FirmSections {
  $schema?: string;
  version: 1;
  firm: FirmSection;
}
