/**
 * @module crm
 * `createCrm` — the facade a firm's code starts from: config + database + plugins → a runtime, and
 * contexts for actors to run domain operations with.
 */
import { loadActor, systemActor, type Actor } from './access/index.ts';
import { flushBuffered } from './audit/index.ts';
import { loadConfigFile, resolveConfig, type FirmConfig, type FirmConfigInput } from './firm/index.ts';
import { contextFor, type Ctx, type Runtime } from './context.ts';
import { verifyDataKeys } from './clients/index.ts';
import { runningMeta, startRunningConfig, stopRunningConfig, type RunningMeta } from './config-versions/index.ts';
import { KeyError, keyringOf, keysFromEnvironment, missingKeysMessage, type KeyFile } from './keys/index.ts';
import { unauthorized } from './errors.ts';
import { type CrmPlugin, createPluginRegistry } from './plugin/index.ts';
import { commissionsPlugin } from './commissions/index.ts';
import { compliancePlugin } from './compliance/index.ts';
import { openDatabase, type Database } from './storage/index.ts';
import { systemClock, type Clock } from './time/index.ts';
import { readFileSync } from 'node:fs';

export interface CrmOptions {
  /** A path to `crm.config.json`, or the configuration itself. */
  config: string | FirmConfigInput | FirmConfig;
  /**
   * A database URL (`file:./crm.db`, `postgres://…`) or an open database. Default `DATABASE_URL` or `file:./crm.db`.
   */
  database?: string | Database;
  plugins?: ReadonlyArray<CrmPlugin | false | null | undefined>;
  clock?: Clock;
  /**
   * The install's secret and data keys (`{ secret, dataKey, previousDataKeys? }`, see docs/security.md).
   * Default: `CRM_SECRET` + `CRM_DATA_KEY` (+ `CRM_PREVIOUS_DATA_KEYS`), else the key file `CRM_KEY_FILE`,
   * else the key file `broker-crm init` wrote for this config file. There is no built-in default:
   * without keys `createCrm` throws.
   */
  keys?: KeyFile;
  /** Overrides the keys' secret (keyed hashes and signed tokens). */
  secret?: string;
  /** Plausibility bounds on entered dates, per kind, where the defaults do not suit the firm. */
  dateBounds?: Runtime['dateBounds'];
}

export interface Crm {
  readonly runtime: Runtime;
  /** The running configuration: the newest version saved from the browser or the CLI, else the file. */
  readonly config: FirmConfig;
  /** Which version runs (0 = the file) and who saved it when and why (`core/config-versions`). */
  readonly configVersion: RunningMeta;
  readonly database: Database;
  /** A context acting as the system (all permissions): for scripts, seeding, workers. */
  system(name?: string): Ctx;
  /** A context acting as a given actor. */
  as(actor: Actor): Ctx;
  /** A context acting as a user, loaded from the database; 401 if the user is missing or disabled. */
  asUser(userId: string): Promise<Ctx>;
  close(): Promise<void>;
}

/**
 * @example
 * const crm = await createCrm({ config: './crm.config.json', database: 'file:./crm.db' });
 * const units = await listUnits(crm.system());
 */
export async function createCrm(options: CrmOptions): Promise<Crm> {
  const config = typeof options.config === 'string' ? loadConfigFile(options.config) : resolveConfig(options.config);
  const plugins = createPluginRegistry([compliancePlugin(), commissionsPlugin(), ...(options.plugins ?? [])]);
  const keyring = resolveKeys(options);
  const secret = options.secret ?? keyring.secret;
  const ownsDb = typeof options.database !== 'object';
  const database =
    typeof options.database === 'object'
      ? options.database
      : await openDatabase(options.database ?? process.env.DATABASE_URL ?? 'file:./crm.db');
  const runtime: Runtime = {
    database,
    config,
    clock: options.clock ?? systemClock,
    plugins,
    secret,
    keyring,
    dateBounds: options.dateBounds,
  };
  try {
    // A wrong CRM_DATA_KEY is refused here, before anything is read or written with it.
    await verifyDataKeys(contextFor(runtime, systemActor('keys')));
    // The newest version saved from the browser runs, else the file (version 0).
    const fileText = typeof options.config === 'string' ? readFileSync(options.config, 'utf8') : null;
    await startRunningConfig(runtime, fileText ?? JSON.stringify(config, null, 2));
  } catch (e) {
    if (ownsDb) await database.close();
    throw e;
  }
  return {
    runtime,
    get config() {
      return runtime.config as FirmConfig;
    },
    get configVersion() {
      return runningMeta(database);
    },
    database,
    system: (name) => contextFor(runtime, systemActor(name)),
    as: (actor) => contextFor(runtime, actor),
    async asUser(userId) {
      const actor = await loadActor(database, runtime.config, userId, { at: runtime.clock.now() });
      if (!actor) throw unauthorized('This user does not exist or is disabled');
      return contextFor(runtime, actor);
    },
    async close() {
      await flushBuffered(database); // the buffered audit entries (reads of personal data) go in first
      stopRunningConfig(runtime);
      if (ownsDb) await database.close();
    },
  };
}

function resolveKeys(options: CrmOptions) {
  if (options.keys) return keyringOf(options.keys, 'the keys given to createCrm');
  const found = keysFromEnvironment(process.env, typeof options.config === 'string' ? options.config : undefined);
  if (!found) throw new KeyError(missingKeysMessage);
  return found.keyring;
}
