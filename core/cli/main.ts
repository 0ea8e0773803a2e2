/**
 * @module cli/main
 * `broker-crm <command>`: init, migrate, serve, seed --demo, start (demo: migrate + seed on first run
 * + serve). The only module that talks to a terminal.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfigFile, parseConfig } from '../firm/index.ts';
import { createCrm, type Crm } from '../crm.ts';
import type { ServerAppOptions } from '../http/index.ts';
import { createUnit, createUser, findUserByEmail, unlockUser } from '../org/index.ts';
import { randomToken } from '../auth/index.ts';
import { initConfig, initReadme, starterChoices } from './init-config.ts';
import { demoKeys, encryptCommand, initKeys, keysCommand } from './keys-commands.ts';
import type { KeyFile } from '../keys/index.ts';
import { progressBar } from './progress.ts';
import smsDevOutbox from '../../plugins/sms-dev-outbox/index.ts';
import emailDevOutbox from '../../plugins/email-dev-outbox/index.ts';

const help = `broker-crm — CRM for financial brokerage firms

Usage: broker-crm <command> [options]

Commands:
  init [--name "Firm"] [--admin-email e] [--force]   write crm.config.json (+ its README), create the database
       [--branch-types a,b] [--roles a,b]            and the first admin; asks for what is missing in a terminal
       [--from-demo] [--yes]                         (--yes: ask nothing); --from-demo: the demo's workflow
       [--print-keys]                                keys go to a file outside the project (or, with
                                                     --print-keys, to the screen for the environment)
  keys generate                                       print a new secret and data key (CRM_SECRET, CRM_DATA_KEY)
  keys rotate                                         a new data key; the old one is kept for reading
  encrypt [--batch 500] [--all]                       encrypt stored clients with the current data key
  config check <file>                                 check a configuration; problems as file:line:column
  config versions                                     the configuration's versions saved from the browser (* runs)
  config rollback <N> --why "…"                       run version N again (0 = the file) as a new version
  rules check <file>                                  check a commission rule set; problems as file:line:col /path
  import clients <file.csv|file.xlsx> [--dry-run]     import clients from a spreadsheet (--dry-run: only check it):
       [--kind person|company] [--encoding e]        the column mapping, a progress bar, every bad cell by row and
       [--owner e-mail]                              column, and the import's id; --owner: who gets the clients
  import undo <id> | import list                      undo a whole import; list the imports
  migrate                                             apply database migrations
  retention [--dry-run]                               anonymise clients by the retention rules (GDPR Art. 5(1)(e));
                                                      --dry-run: only list who would be, and why
  audit verify                                        check the audit log's hash chain; names the first broken entry
  register [--pdf file] [--lang en]                   the record of processing activities (GDPR Art. 30) from
                                                      the config: JSON on the screen, or a PDF
  unlock <e-mail>                                     lift a sign-in lockout now (the only admin locked out)
  serve [--port 3000]                                 serve the API, widgets and example pages
  seed --demo                                         fill an empty database with the demo firm
  start                                               the demo: migrate, seed on first run, serve

Options:
  --config <file>     firm configuration (default ./crm.config.json; start uses the demo firm's)
  --database <url>    file:./crm.db (default), libsql://…, or postgres://… (or DATABASE_URL)
`;

const demoConfig = resolve(dirname(new URL(import.meta.url).pathname), '../../examples/demo-firm/crm.config.json');
/** The demo firm (its config, seed and pages) lives in the repository, not in the npm package. */
const demoMissing = `The demo firm is part of the broker-crm repository, not of the npm package: clone the repository
and run "npm start" there. In your own project: broker-crm init, then broker-crm serve.`;

async function open(configPath: string, database?: string, keys?: KeyFile): Promise<Crm> {
  // The development outboxes record SMS and e-mail instead of sending them; a firm that embeds
  // broker-crm registers its gateway plugins (plugins/sms-smsapi, plugins/email-smtp…) instead.
  return createCrm({
    config: configPath,
    database: database ?? process.env.DATABASE_URL ?? 'file:./crm.db',
    plugins: [smsDevOutbox(), emailDevOutbox()],
    ...(keys ? { keys } : {}),
  });
}

async function isEmpty(crm: Crm): Promise<boolean> {
  const [row] = await crm.database.db.select({ id: crm.database.t.units.id }).from(crm.database.t.units).limit(1);
  return !row;
}

async function seedDemo(crm: Crm): Promise<void> {
  const { seedDemoFirm, DEMO_PASSWORD } = await import('../../examples/demo-firm/seed.ts');
  console.log('Seeding the demo firm…');
  const bar = progressBar();
  const r = await seedDemoFirm(crm, bar);
  const { seedDemoPartners } = await import('../../examples/demo-firm/seed-partners.ts');
  const partners = await seedDemoPartners(crm, bar);
  const { seedCommissions } = await import('../../examples/demo-firm/seed-commissions.ts');
  await seedCommissions(crm.system('demo-seed'));
  const { seedDemoClients } = await import('../../examples/demo-firm/seed-clients.ts');
  const clients = await seedDemoClients(crm, bar);
  const { seedDemoCalendar } = await import('../../examples/demo-firm/seed-calendar.ts');
  await seedDemoCalendar(crm, bar);
  console.log(`${clients} demo clients with their histories; meetings and delegated tasks for the coming week.`);
  console.log(`Demo firm ready: ${r.units} units, ${r.users} people. Demo logins (password: ${DEMO_PASSWORD}):`);
  console.log(`${partners.partners} partner firms with ${partners.people} representatives.`);
  for (const l of [...r.logins, ...partners.logins])
    console.log(`  ${l.email.padEnd(38)} ${l.role.padEnd(18)} ${l.note}`);
}

/** Serve the API, widgets and examples, and run the outbox worker. Imported lazily: init and migrate stay quick. */
async function listen(crm: Crm, port: number, options: ServerAppOptions = {}): Promise<void> {
  const { serveCrm } = await import('./serve.ts');
  await serveCrm(crm, port, options);
}

/** What `init` writes: from the flags, and from questions in a terminal for what the flags leave out. */
async function initChoices(values: {
  name?: string;
  'branch-types'?: string;
  roles?: string;
  'from-demo'?: boolean;
  yes?: boolean;
}) {
  const split = (v: string | undefined) =>
    v
      ?.split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  let name = values.name;
  let branchTypes = split(values['branch-types']);
  let roles = split(values.roles);
  let fromDemo = values['from-demo'];
  if (process.stdin.isTTY && !values.yes) {
    const { createInterface } = await import('node:readline/promises');
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const offered = starterChoices();
    name ??= (await rl.question('Firm name (printed on statements): ')).trim() || undefined;
    branchTypes ??= split(await rl.question(`Branch types [${offered.branchTypes.join(',')}]: `));
    roles ??= split(await rl.question(`Roles [${offered.roles.join(',')}]: `));
    if (fromDemo === undefined && existsSync(demoConfig))
      fromDemo = /^y/i.test(await rl.question("Start from the demo firm's workflow and commission groups? [y/N] "));
    rl.close();
  }
  if (fromDemo && !existsSync(demoConfig)) throw new Error(demoMissing);
  return {
    firmName: name ?? 'Moja Firma Pośrednictwa Finansowego',
    ...(branchTypes?.length ? { branchTypes } : {}),
    ...(roles?.length ? { roles } : {}),
    ...(fromDemo ? { demo: JSON.parse(readFileSync(demoConfig, 'utf8')) as Record<string, unknown> } : {}),
  };
}

export async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      config: { type: 'string' },
      database: { type: 'string' },
      port: { type: 'string' },
      demo: { type: 'boolean' },
      name: { type: 'string' },
      'admin-email': { type: 'string' },
      force: { type: 'boolean' },
      'branch-types': { type: 'string' },
      roles: { type: 'string' },
      'from-demo': { type: 'boolean' },
      yes: { type: 'boolean', short: 'y' },
      kind: { type: 'string' },
      encoding: { type: 'string' },
      'dry-run': { type: 'boolean' },
      owner: { type: 'string' },
      'print-keys': { type: 'boolean' },
      batch: { type: 'string' },
      all: { type: 'boolean' },
      pdf: { type: 'string' },
      lang: { type: 'string' },
      why: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  if (!command || values.help) {
    console.log(help);
    return command || values.help ? 0 : 1;
  }
  switch (command) {
    case 'init': {
      const file = resolve(values.config ?? 'crm.config.json');
      if (existsSync(file) && !values.force) {
        console.error(`${file} already exists (use --force to overwrite)`);
        return 1;
      }
      const choices = await initChoices(values);
      const text = initConfig(choices);
      parseConfig(text, file); // the starter must load as written; a ConfigError here is a bug worth seeing
      writeFileSync(file, text);
      const readme = file.replace(/\.json$/, '') + '.README.md';
      writeFileSync(readme, initReadme(file.replace(/^.*\//, ''), JSON.parse(text)));
      console.log(`Wrote ${file} and ${readme}`);
      const keys = initKeys(file, values['print-keys'] === true, console.log);
      const crm = await open(file, values.database, keys);
      if (await isEmpty(crm)) {
        const ctx = crm.system('init');
        const hq = await createUnit(ctx, { code: 'HQ', name: 'Centrala', type: 'hq' });
        const password = randomToken(12);
        const email = values['admin-email'] ?? 'admin@example.com';
        await createUser(ctx, { email, name: 'Administrator', roles: ['admin'], unitId: hq.id, password });
        console.log(`Created the first administrator: ${email} / ${password}  (change it after signing in)`);
      }
      await crm.close();
      return 0;
    }
    case 'import': {
      const { importCommand } = await import('./import-command.ts');
      return importCommand(positionals.slice(1), values, () =>
        open(values.config ?? 'crm.config.json', values.database),
      );
    }
    case 'config': {
      if (positionals[1] === 'versions' || positionals[1] === 'rollback') {
        const { configVersionsCommand } = await import('./config-versions.ts');
        const crm = await open(values.config ?? 'crm.config.json', values.database);
        try {
          const why = values.why ? { why: values.why } : {};
          return await configVersionsCommand(crm, positionals.slice(1), why, console.log, console.error);
        } finally {
          await crm.close();
        }
      }
      const file = positionals[2];
      if (positionals[1] !== 'check' || !file) {
        console.error('Usage: broker-crm config check <file>');
        return 1;
      }
      try {
        loadConfigFile(file);
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        for (const p of e.problems) console.error(`${p.file}:${p.line}:${p.column}: ${p.path || '/'} ${p.message}`);
        console.error(`${e.problems.length} problem${e.problems.length === 1 ? '' : 's'}`);
        return 1;
      }
      console.log(`${file}: valid`);
      return 0;
    }
    case 'rules': {
      if (positionals[1] !== 'check' || !positionals[2]) {
        console.error('Usage: broker-crm rules check <file> [--config crm.config.json]');
        return 1;
      }
      const { rulesCheck } = await import('./rules-check.ts');
      return rulesCheck(positionals[2], values.config ?? 'crm.config.json', console.log, console.error);
    }
    case 'unlock': {
      const email = positionals[1];
      if (!email) {
        console.error('Usage: broker-crm unlock <e-mail>');
        return 1;
      }
      const crm = await open(values.config ?? 'crm.config.json', values.database);
      try {
        const ctx = crm.system('cli unlock');
        const user = await findUserByEmail(ctx, email);
        if (!user) {
          console.error(`No user with the e-mail ${email}`);
          return 1;
        }
        await unlockUser(ctx, user.id);
        console.log(`Unlocked ${user.email}: they can sign in now`);
        return 0;
      } finally {
        await crm.close();
      }
    }
    case 'audit': {
      const { auditCommand } = await import('./audit-verify.ts');
      return auditCommand(positionals[1], values.database, console.log, console.error);
    }
    case 'keys':
      return keysCommand(positionals[1], values.config ?? 'crm.config.json', console.log);
    case 'encrypt': {
      const crm = await open(values.config ?? 'crm.config.json', values.database);
      try {
        const batch = values.batch ? Number(values.batch) : undefined;
        return await encryptCommand(crm, { ...(batch ? { batch } : {}), all: values.all === true }, console.log);
      } finally {
        await crm.close();
      }
    }
    case 'register': {
      const { registerCommand } = await import('./register-command.ts');
      const crm = await open(values.config ?? 'crm.config.json', values.database);
      try {
        return await registerCommand(
          crm,
          { ...(values.pdf ? { pdf: values.pdf } : {}), ...(values.lang ? { lang: values.lang } : {}) },
          console.log,
        );
      } finally {
        await crm.close();
      }
    }
    case 'retention': {
      const { retentionCommand } = await import('./gdpr-retention.ts');
      const crm = await open(values.config ?? 'crm.config.json', values.database);
      try {
        return await retentionCommand(crm, { dryRun: values['dry-run'] === true }, console.log);
      } finally {
        await crm.close();
      }
    }
    case 'migrate': {
      const crm = await open(values.config ?? 'crm.config.json', values.database);
      console.log(`Migrated ${crm.database.label}`);
      await crm.close();
      return 0;
    }
    case 'seed': {
      if (!values.demo) {
        console.error('Only "seed --demo" is available');
        return 1;
      }
      if (!existsSync(demoConfig)) {
        console.error(demoMissing);
        return 1;
      }
      const crm = await open(values.config ?? demoConfig, values.database);
      if (!(await isEmpty(crm))) {
        console.error('The database is not empty; seed only into an empty one');
        await crm.close();
        return 1;
      }
      await seedDemo(crm);
      await crm.close();
      return 0;
    }
    case 'serve': {
      await listen(await open(values.config ?? 'crm.config.json', values.database), port);
      return 0;
    }
    case 'start': {
      if (!existsSync(demoConfig)) {
        console.error(demoMissing);
        return 1;
      }
      await ensureWidgetsBuilt();
      const database = values.database ?? process.env.DATABASE_URL ?? 'file:./.data/demo.db';
      if (database.startsWith('file:./.data/')) mkdirSync('.data', { recursive: true });
      // The demo's keys are its own, generated into .data/ on the first start (there is no default).
      const demo = demoKeys();
      const crm = await open(values.config ?? demoConfig, database, demo.keys);
      if (await isEmpty(crm)) await seedDemo(crm);
      else if (demo.fresh) {
        console.log('This demo database predates its keys: encrypting its clients with the new ones…');
        await encryptCommand(crm, { all: true }, console.log);
      }
      // The example landing page's lead form works out of the box: the demo's own key, this origin.
      const { ensureDemoLandingKey } = await import('../../examples/demo-firm/landing-key.ts');
      await listen(crm, port, { landingPageKey: await ensureDemoLandingKey(crm, port) });
      return 0;
    }
    default:
      console.error(`Unknown command "${command}"\n\n${help}`);
      return 1;
  }
}

/** Build the widgets when the bundle is missing or older than any widget source. */
async function ensureWidgetsBuilt(): Promise<void> {
  const root = resolve(dirname(new URL(import.meta.url).pathname), '../..');
  const built = resolve(root, 'dist/widgets/broker-crm-widgets.js');
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce(
      (m, e) => Math.max(m, e.isDirectory() ? newest(resolve(dir, e.name)) : statSync(resolve(dir, e.name)).mtimeMs),
      0,
    );
  if (existsSync(built) && statSync(built).mtimeMs >= newest(resolve(root, 'widgets'))) return;
  console.log('Building the widgets…');
  const { buildWidgets } = await import('../../scripts/build-widgets.ts');
  await buildWidgets();
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain || process.env.BROKER_CRM_BIN) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code) process.exitCode = code;
    },
    (e: unknown) => {
      if (e instanceof ConfigError) console.error(e.message);
      else console.error(e instanceof Error ? e.message : e);
      process.exitCode = 1;
    },
  );
}
