/**
 * Fuzz every route: for each endpoint the Hono app answers (read from `app.routes` at run time),
 * CRM_FUZZ_RUNS seeded bad requests (default 300; `npm run test:deep` sends 2,000). Each request is
 * rebuilt from (seed, route, case) alone. Pass: no answer ≥ 500, no stack trace or SQL text in any
 * body, every error in the documented `{ error: { code, message, details } }` shape, nothing logged
 * as an unexpected error.
 *
 * Reproduce one failure: CRM_FUZZ_SEED=<seed> CRM_FUZZ_ROUTE='<METHOD /path>' CRM_FUZZ_CASE=<n>
 * npx vitest run tests/security/fuzz.test.ts
 */
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alive, bearerLogin, cookieLogin } from './support/callers.ts';
import { fuzzRequest, type FuzzCallers, type IdPool } from './support/fuzz-request.ts';
import { caseSeed } from './support/prng.ts';
import { hostileStrings } from './support/bad-values.ts';
import { checkResponse } from './support/response-checks.ts';
import { routesOf, type RouteInfo } from './support/routes.ts';
import { buildWorld, type Person, type World } from './support/world.ts';

const RUNS = Number(process.env.CRM_FUZZ_RUNS ?? 300);
const SEED =
  process.env.CRM_FUZZ_SEED === 'random'
    ? Math.floor(Math.random() * 2 ** 31)
    : Number(process.env.CRM_FUZZ_SEED ?? 1206);
const ONLY_ROUTE = process.env.CRM_FUZZ_ROUTE;
const ONLY_CASE = process.env.CRM_FUZZ_CASE === undefined ? undefined : Number(process.env.CRM_FUZZ_CASE);

interface Failure {
  route: string;
  case: number;
  seed: number;
  label: string;
  url: string;
  status: number;
  problems: string[];
}

describe('security: fuzz every route', () => {
  let w: World;
  let routes: RouteInfo[];
  let callers: FuzzCallers;
  let acting: Person[];
  const pool: IdPool = {};

  beforeAll(async () => {
    w = await buildWorld();
    routes = (await routesOf(w.app)).filter((r) => !ONLY_ROUTE || r.key === ONLY_ROUTE);
    const first = (role: string) => w.people.find((p) => p.roles.includes(role) && p.partnerId === null)!;
    const partnerA = w.people.find((p) => p.roles.includes('partner') && p.partnerId)!;
    acting = [first('admin'), first('branch-manager'), first('advisor'), partnerA];
    callers = {
      bearer: await Promise.all(acting.map((p) => bearerLogin(w.app, p.email))),
      cookie: await cookieLogin(w.app, acting[0]!.email),
      apiKey: w.apiKey,
      publicKey: w.publicKey,
      publicOrigin: w.publicKeyOrigin,
    };
    // Real rows of every table to aim at, minus the people the fuzzer acts as.
    const skip = new Set(acting.map((p) => p.id));
    for (const [name, table] of Object.entries(w.database.t)) {
      const rows = (await w.database.db
        .select()
        .from(table as never)
        .limit(300)) as Array<Record<string, unknown>>;
      pool[name] = rows.filter((r) => !(name === 'users' && skip.has(String(r.id))));
    }
  }, 120_000);
  afterAll(() => w?.close());

  /** Sessions the fuzzer ended itself (logout, password change) are opened again. */
  async function reviveCallers() {
    for (const [i, p] of acting.entries())
      if (!(await alive(w.app, callers.bearer[i]!))) callers.bearer[i] = await bearerLogin(w.app, p.email);
    const me = await w.app.request('/api/me', { headers: { cookie: callers.cookie.cookie } });
    if (me.status !== 200) callers.cookie = await cookieLogin(w.app, acting[0]!.email);
  }

  it(`${RUNS} seeded bad requests per route: no 5xx, no internals, errors in the documented shape`, async () => {
    const failures: Failure[] = [];
    const statuses = new Map<number, number>();
    let requests = 0;
    const started = Date.now();
    const slow: Array<[string, number]> = [];
    for (const route of routes) {
      const t0 = Date.now();
      const one = async (i: number) => {
        const seed = caseSeed(SEED, route.key, i);
        const req = fuzzRequest(route, seed, callers, pool);
        const logged = w.errors.length;
        const res = await w.app.request(req.url, req.init);
        const text = await res.text();
        requests++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const problems = checkResponse(res.status, res.headers.get('content-type'), text, hostileStrings);
        if (w.errors.length > logged)
          problems.push(`logged: ${inspect(w.errors[w.errors.length - 1], { depth: 3 }).slice(0, 400)}`);
        if (problems.length)
          failures.push({
            route: route.key,
            case: i,
            seed,
            label: req.label,
            url: req.url.slice(0, 160),
            status: res.status,
            problems,
          });
      };
      // Four at a time: the database's disk flushes overlap; each case is still rebuilt from its seed.
      const cases = [...Array(RUNS).keys()].filter((i) => ONLY_CASE === undefined || i === ONLY_CASE);
      for (let k = 0; k < cases.length; k += 4) await Promise.all(cases.slice(k, k + 4).map(one));
      slow.push([route.key, Date.now() - t0]);
      await reviveCallers();
    }
    const seconds = (Date.now() - started) / 1000;
    const fivexx = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
    const byStatus = [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, c]) => `${s}:${c}`)
      .join(' ');
    console.log(
      `fuzz: seed=${SEED} routes=${routes.length} requests=${requests} (${RUNS}/route) 5xx=${fivexx} ` +
        `failures=${failures.length} time=${seconds.toFixed(1)}s statuses ${byStatus}`,
    );
    slow.sort((a, b) => b[1] - a[1]);
    console.log(
      `  slowest: ${slow
        .slice(0, 6)
        .map(([k, ms]) => `${k} ${ms}ms`)
        .join(', ')}`,
    );
    const byRoute = new Map<string, Failure[]>();
    for (const f of failures) byRoute.set(f.route, [...(byRoute.get(f.route) ?? []), f]);
    for (const [route, list] of byRoute) {
      const f = list[0]!;
      console.log(
        `  FAIL ${route}: ${list.length} case(s); first: case ${f.case} → ${f.status} ${f.problems.join('; ')} ` +
          `[${f.label}] ${f.url}\n    reproduce: CRM_FUZZ_SEED=${SEED} CRM_FUZZ_ROUTE='${route}' ` +
          `CRM_FUZZ_CASE=${f.case} ` +
          `npx vitest run tests/security/fuzz.test.ts`,
      );
    }
    if (!ONLY_ROUTE) expect(routes.length).toBeGreaterThan(50);
    expect(failures.map((f) => `${f.route} #${f.case}: ${f.problems.join('; ')}`)).toEqual([]);
  }, 1_200_000);
});
