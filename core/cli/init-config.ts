/**
 * @module cli/init-config
 * The firm starter behind `broker-crm init`: the starter configuration narrowed to the branch types
 * and roles a firm asked for, optionally with the demo firm's workflow, clients and commission groups,
 * plus a companion README that explains each section of the written file. The terminal questions
 * live in `main.ts`; this module only builds text, so it is tested without a terminal.
 */
import { starterConfig } from '../firm/index.ts';

export interface InitChoices {
  firmName: string;
  /** Branch types to keep (`hq` is always kept: the tree needs a root). Default: all of the starter's. */
  branchTypes?: string[];
  /** Roles to keep (`admin` is always kept: someone must administer). Default: all of the starter's. */
  roles?: string[];
  /** The demo firm's configuration, to take its workflow, client fields and commission groups from. */
  demo?: Record<string, unknown>;
}

type Obj = Record<string, any>; // any: the starter is plain JSON, narrowed key by key below

/** Branch types and roles the starter offers, for questions and `--help`. */
export function starterChoices(): { branchTypes: string[]; roles: string[] } {
  const s = JSON.parse(starterConfig('x')) as Obj;
  return { branchTypes: Object.keys(s.branchTypes), roles: Object.keys(s.roles) };
}

/**
 * The configuration text for the choices: valid as written (the caller checks it with
 * `parseConfig` before saving), or an Error naming an unknown branch type or role.
 *
 * @example
 * initConfig({ firmName: 'Finanse Bałtyk', branchTypes: ['own-branch'], roles: ['advisor'] });
 */
export function initConfig(choices: InitChoices): string {
  const config = JSON.parse(starterConfig(choices.firmName)) as Obj;
  const offered = starterChoices();
  const pick = (kind: 'branch type' | 'role', wanted: string[] | undefined, all: string[], always: string) => {
    if (!wanted?.length) return all;
    const unknown = wanted.filter((w) => !all.includes(w));
    if (unknown.length) throw new Error(`Unknown ${kind} ${unknown.join(', ')}; choose from ${all.join(', ')}`);
    return [always, ...wanted.filter((w) => w !== always)];
  };
  const types = pick('branch type', choices.branchTypes, offered.branchTypes, 'hq');
  for (const t of Object.keys(config.branchTypes)) if (!types.includes(t)) delete config.branchTypes[t];
  for (const t of Object.values(config.branchTypes) as Obj[])
    if (Array.isArray(t.contains)) t.contains = t.contains.filter((c: string) => types.includes(c));
  const roles = pick('role', choices.roles, offered.roles, 'admin');
  for (const r of Object.keys(config.roles)) if (!roles.includes(r)) delete config.roles[r];
  if (!Object.values(config.roles).some((r) => (r as Obj).partner)) {
    // Commission groups for partners or franchises only make sense when those exist.
    for (const [id, g] of Object.entries(config.commissionGroups as Obj))
      if (g.for === 'partner') delete config.commissionGroups[id];
  }
  if (!Object.values(config.branchTypes).some((t) => (t as Obj).franchise))
    for (const [id, g] of Object.entries(config.commissionGroups as Obj))
      if (g.for === 'unit') delete config.commissionGroups[id];
  if (choices.demo) {
    for (const key of ['clients', 'workflow'] as const)
      if (choices.demo[key]) config[key] = structuredClone(choices.demo[key]);
    // The demo's moves name the demo's roles: keep the ones this firm has (a move left with none is admin's).
    for (const move of [...(config.workflow?.transitions ?? []), ...(config.workflow?.reopen ?? [])] as Obj[])
      if (Array.isArray(move.roles)) {
        move.roles = move.roles.filter((r: string) => roles.includes(r));
        if (!move.roles.length) move.roles = ['admin'];
      }
    const groups = choices.demo.commissionGroups as Obj | undefined;
    if (groups) config.commissionGroups = { ...config.commissionGroups, ...groups };
  }
  return `${JSON.stringify(config, null, 2)}\n`;
}

/**
 * The companion README written next to `crm.config.json`: JSON has no comments, so each section
 * is explained here, with what `init` chose.
 */
const fromDemoText = 'Taken from the demo firm: the client fields and the statuses a client moves through.';
const defaultsText =
  'Not set: the built-in defaults apply (person and company clients; new → contact → application → sale, ' +
  'or resigned).';

export function initReadme(configFile: string, config: Obj): string {
  const list = (o: Obj | undefined) =>
    Object.entries(o ?? {})
      .map(([id, v]) => `- \`${id}\` — ${(v as Obj).label?.en ?? ''}`)
      .join('\n');
  return `# ${config.firm.name}: the broker-crm configuration

\`${configFile}\` is read by every \`broker-crm\` command and by \`createCrm({ config })\`. It is checked
when it loads; \`npx broker-crm config check ${configFile}\` prints every problem as file:line:column.
Editors complete keys from the JSON Schema named in \`$schema\`. Keys starting with \`x-\` are yours.

## firm

Name (printed on statements), time zone (Europe/Warsaw: every date the firm sees is in it, DST included),
currency (PLN; amounts are integer grosze everywhere) and locale.

## branchTypes

The kinds of unit in your network and which may contain which. \`root\` marks the headquarters;
\`region\` groups branches for regional managers; \`franchise\` branches earn their own commission.
Chosen:

${list(config.branchTypes)}

## roles

What each role may do (\`permissions\`: permission → scope: \`all\`, \`unit\` with sub-units, \`own\`,
\`referred\` for partners). \`admin\` has every permission. Chosen:

${list(config.roles)}

## commissionGroups

Rate tables of commission rules are written per group (advisor, partner, franchise). The rules
themselves are uploaded through the API (\`POST /api/commission-rule-sets\`), see docs/commissions.md.

${list(config.commissionGroups)}

## clients, workflow

${config.workflow ? fromDemoText : defaultsText}
See docs/configuration.md and docs/workflow.md.

## security

Session length, idle time-out, password length and the sign-in lockout.
`;
}
