/**
 * Authorization matrix: every route the app answers × every caller (one demo person per role in the
 * firm's config, a partner login without a firm, anonymous, a public lead key, an API key) and, for
 * routes on one client, × five clients per caller (own, same unit, other unit, other region, another
 * partner's referral). The expectation comes from the declared policy (support/policy.ts) and the
 * roles' permissions in the config; never from running the code. Pass: 0 unexpected allows, 0
 * unexpected denies, and every table hashes the same after the denied writes of each route.
 *
 * A denial is 401/403 (and 404 on a client that exists); anything else passed the access check.
 * Answers that prove nothing either way (the request body failed its schema before any access
 * check; a 404 on a non-client id) are counted as inconclusive and printed.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../core/ids/id.ts';
import { createApiKey } from '../../core/auth/api-keys.ts';
import { createSourceKey } from '../../core/leads/source-keys.ts';
import { createUser } from '../../core/org/users.ts';
import { goodValue } from './support/bad-values.ts';
import { bearerLogin } from './support/callers.ts';
import { covers, policy, type CallerFacts, type ClientFacts, type RoutePolicy } from './support/policy.ts';
import { rng } from './support/prng.ts';
import { routesOf, type RouteInfo } from './support/routes.ts';
import { buildWorld, DEMO_PASSWORD, type Person, type World } from './support/world.ts';

interface Caller {
  name: string;
  kind: 'person' | 'anonymous' | 'public-key' | 'api-key';
  person?: Person;
  token?: string;
  perms: Map<string, string[]>;
  facts?: CallerFacts;
}

type Verdict = 'allow' | 'deny' | 'inconclusive';

const objectKinds = ['own', 'same unit', 'other unit', 'other region', "another partner's referral"] as const;

describe('security: authorization matrix', () => {
  let w: World;
  let routes: RouteInfo[];
  const callers: Caller[] = [];
  const clientFacts = new Map<string, ClientFacts>();
  const ids: Record<string, string> = {};
  let victim: Person;

  beforeAll(async () => {
    w = await buildWorld({ calendar: true });
    routes = await routesOf(w.app);
    const { db, t } = w.database;
    const sys = w.crm.system('matrix');
    const units = await db.select().from(t.units);
    const parent = new Map(units.map((u) => [u.id, u.parentId]));
    const hq = units.find((u) => !u.parentId)!;
    const below = (id: string) => {
      const out = new Set([id]);
      for (let grew = true; grew;) {
        grew = false;
        for (const u of units) if (u.parentId && out.has(u.parentId) && !out.has(u.id)) grew = out.add(u.id).size > 0;
      }
      return out;
    };
    // Throwaway targets for the destructive routes, so allowed callers do not break the world.
    const scratchUnit = units.find((u) => u.parentId && !units.some((c) => c.parentId === u.id))!;
    const v = await createUser(sys, {
      email: 'ofiara.macierzy@kredyt-dom.pl',
      name: 'Ofiara Macierzy',
      roles: ['advisor'],
      unitId: scratchUnit.id,
      password: DEMO_PASSWORD,
    });
    victim = { id: v.id, email: v.email, roles: v.roles, unitId: scratchUnit.id, partnerId: null, supervisorId: null };
    const marketing = w.people.find((p) => p.roles.includes('marketing'))!;
    const scratchKey = await createApiKey(await w.crm.asUser(marketing.id), {
      name: 'scratch',
      permissions: ['leads:write'],
    });
    const scratchSource = await createSourceKey(sys, {
      name: 'scratch',
      clientType: 'company-acquired',
      source: 'website-form',
      origins: ['https://scratch.example'],
    });
    const first = async <T>(q: Promise<T[]>) => (await q)[0];
    const item = await first(db.select().from(t.calendarItems).limit(1));
    const note = await first(db.select().from(t.outbox).limit(1));
    const sale = await first(db.select().from(t.sales).limit(1));
    const line = await first(db.select().from(t.commissionLines).limit(1));
    const ruleSet = await first(db.select().from(t.commissionRuleSets).limit(1));
    const partnerA = w.people.find((p) => p.roles.includes('partner') && p.partnerId)!;
    const person = await first(db.select().from(t.partnerPeople));
    Object.assign(ids, {
      hq: hq.id,
      scratchUnit: scratchUnit.id,
      victim: victim.id,
      scratchKey: scratchKey.id,
      scratchSource: scratchSource.id,
      item: item?.id ?? 'none',
      notification: note?.id ?? 'none',
      sale: sale?.id ?? 'none',
      line: line?.id ?? 'none',
      ruleSet: String((ruleSet as { version?: number } | undefined)?.version ?? 1),
      partner: partnerA.partnerId!,
      partnerPerson: person?.id ?? 'none',
    });

    // One demo person per role of the config (a role added to the config is covered as it is).
    const roles = w.crm.config.roles;
    for (const role of Object.keys(roles)) {
      const person = w.people.find((p) => p.roles.length === 1 && p.roles[0] === role && p.email !== victim.email);
      if (!person) continue;
      const perms = new Map<string, string[]>();
      for (const [perm, scope] of Object.entries(roles[role]!.permissions as Record<string, string>))
        perms.set(perm, [scope]);
      callers.push({ name: role, kind: 'person', person, perms });
    }
    callers.push({
      name: 'partner login without a firm',
      kind: 'person',
      person: w.partnerWithoutFirm,
      perms: new Map(Object.entries(roles.partner!.permissions as Record<string, string>).map(([k, s]) => [k, [s]])),
    });
    callers.push({ name: 'anonymous', kind: 'anonymous', perms: new Map() });
    callers.push({ name: 'public lead key', kind: 'public-key', perms: new Map() });
    callers.push({ name: 'API key (leads:write)', kind: 'api-key', perms: new Map([['leads:write', ['all']]]) });

    const users = await db.select().from(t.users);
    for (const c of callers) {
      if (c.kind !== 'person') continue;
      const p = c.person!;
      c.token = await bearerLogin(w.app, p.email);
      c.facts = {
        userId: p.id,
        unitId: p.unitId,
        partnerId: p.partnerId,
        subtree: p.unitId ? below(p.unitId) : new Set(),
        team: new Set([p.id, ...users.filter((u) => u.supervisorId === p.id).map((u) => u.id)]),
      };
      // Everyone with a unit owns one client of their own (directors and managers seldom do).
      if (p.unitId && !(await db.select().from(t.clients)).some((x) => x.ownerId === p.id)) {
        const now = new Date();
        await db.insert(t.clients).values({
          id: newId(),
          kind: 'person',
          type: 'private',
          source: 'own-network',
          displayName: `Klient własny ${c.name}`,
          ownerId: p.id,
          unitId: p.unitId,
          partnerId: null,
          status: 'new',
          data: { firstName: 'Własny', lastName: 'Klient' },
          version: 1,
          createdAt: now,
          updatedAt: now,
        } as typeof t.clients.$inferInsert);
      }
    }
    for (const x of await db.select().from(t.clients))
      clientFacts.set(x.id, { ownerId: x.ownerId, unitId: x.unitId, partnerId: x.partnerId });
    void parent;
  }, 180_000);
  afterAll(() => w?.close());

  /** The five clients of the matrix, relative to a caller (a kind with no such client is left out). */
  function objectsFor(c: Caller): Array<[string, string]> {
    const all = [...clientFacts.entries()];
    const f = c.facts;
    const region = (unit: string | null) => {
      let u = unit;
      const units = new Map<string, string | null>();
      void units;
      return u;
    };
    void region;
    const pick = (pred: (x: ClientFacts) => boolean) => all.find(([, x]) => pred(x))?.[0];
    const partnerA = w.people.find((p) => p.roles.includes('partner') && p.partnerId)!.partnerId;
    const partnerB = w.people.find(
      (p) => p.roles.includes('partner') && p.partnerId && p.partnerId !== partnerA,
    )!.partnerId;
    const mine = f?.partnerId ?? null;
    const other = mine === partnerA ? partnerB : partnerA;
    const out: Array<[string, string | undefined]> = [
      ['own', f?.partnerId ? pick((x) => x.partnerId === f.partnerId) : pick((x) => !!f && x.ownerId === f.userId)],
      ['same unit', pick((x) => !!f?.unitId && x.unitId === f.unitId && x.ownerId !== f.userId)],
      ['other unit', pick((x) => !!f?.unitId && x.unitId !== f.unitId && !f.subtree.has(x.unitId ?? ''))],
      ['other region', pick((x) => !!f?.unitId && !!x.unitId && !f.subtree.has(x.unitId) && x.unitId !== f.unitId)],
      ["another partner's referral", pick((x) => x.partnerId === other && x.partnerId !== mine)],
    ];
    if (!f) out[0] = ['own', pick(() => true)];
    return out.filter((o): o is [string, string] => !!o[1]);
  }

  function expected(pol: RoutePolicy, c: Caller, clientId?: string): boolean {
    return pol.need.some((n) => {
      if (n === 'public') return true;
      if (n === 'signed-in') return c.kind === 'person' || c.kind === 'api-key';
      if (n === 'lead-key') return c.kind === 'public-key';
      if (n === 'partner-portal') {
        const ok = c.kind === 'person' && !!c.person!.partnerId && c.person!.roles.includes('partner');
        return ok && (!clientId || clientFacts.get(clientId)!.partnerId === c.person!.partnerId);
      }
      const [perm, only] = n.split('@') as [string, string | undefined];
      const scopes = c.perms.get(perm)?.filter((s) => (!pol.internal || s !== 'referred') && (!only || s === only));
      if (!scopes?.length) return false;
      if (!clientId) return true;
      if (c.kind === 'api-key') return true;
      return scopes.some((s) => covers(s, c.facts!, clientFacts.get(clientId)!));
    });
  }

  function requestFor(route: RouteInfo, c: Caller, clientId: string | undefined, token?: string) {
    const r = rng(7);
    const param = (name: string, path: string): string => {
      if (clientId && (name === 'id' || path.includes('/clients/'))) return clientId;
      if (path.startsWith('/api/units')) return route.method === 'GET' ? ids.hq! : ids.scratchUnit!;
      if (path.startsWith('/api/users')) return ids.victim!;
      if (path.startsWith('/api/api-keys')) return ids.scratchKey!;
      if (path.startsWith('/api/lead-sources')) return ids.scratchSource!;
      if (path.startsWith('/api/calendar/items')) return ids.item!;
      if (path.startsWith('/api/calendar/feed')) return 'nieznany.ics';
      if (path.startsWith('/api/notifications')) return ids.notification!;
      if (path.startsWith('/api/sales')) return ids.sale!;
      if (path.startsWith('/api/commission-lines')) return ids.line!;
      if (path.startsWith('/api/commission-rule-sets')) return ids.ruleSet!;
      if (path.startsWith('/api/partners')) return name === 'personId' ? ids.partnerPerson! : ids.partner!;
      return 'none';
    };
    let url = route.path.replace(/:([A-Za-z]+)/g, (_, n: string) => encodeURIComponent(param(n, route.path)));
    const headers: Record<string, string> = {};
    if (c.kind === 'person') headers.authorization = `Bearer ${token ?? c.token}`;
    if (c.kind === 'api-key') headers.authorization = `Bearer ${w.apiKey}`;
    if (c.kind === 'public-key') {
      url += `?key=${w.publicKey}`;
      headers.origin = w.publicKeyOrigin;
    }
    const query = route.query ?? {};
    if ('from' in query && 'to' in query) {
      const dates = JSON.stringify(query.from).includes('date-time') || route.path === '/api/calendar';
      const [from, to] = dates ? ['2026-01-01T00:00:00Z', '2026-12-31T00:00:00Z'] : ['2026-01-01', '2026-12-31'];
      url += `${url.includes('?') ? '&' : '?'}from=${from}&to=${to}`;
    }
    const init: RequestInit = { method: route.method, headers };
    if (route.method !== 'GET' && route.method !== 'DELETE' && route.method !== 'OPTIONS') {
      let body: unknown = goodValue(r, route.body ?? { type: 'object', properties: {} });
      if (route.key === 'POST /api/auth/login' || route.key === 'POST /api/auth/token')
        body = { email: victim.email, password: DEMO_PASSWORD };
      if (route.key === 'PATCH /api/clients/:id') body = { version: 999_999, data: { city: 'Sopot' } };
      if (route.key === 'POST /api/clients/:id/transitions') body = { to: 'contact', expectedVersion: 999_999 };
      const at = '2026-12-15T10:00';
      const bodies: Record<string, unknown> = {
        'POST /api/units/:id/move': { parentId: ids.hq },
        'POST /api/users/:id/move': { unitId: ids.scratchUnit },
        'POST /api/clients': {
          kind: 'person',
          type: 'private',
          source: 'own-network',
          data: { firstName: 'Macierz', lastName: 'Nowy' },
        },
        'POST /api/calendar/items': { kind: 'task', title: 'Macierz', start: at, end: '2026-12-15T11:00' },
        'POST /api/calendar/delegate': { title: 'Macierz', start: at, assigneeId: c.person?.id ?? ids.victim },
      };
      if (route.key in bodies) body = bodies[route.key];
      if (route.key === 'POST /api/leads')
        body = {
          kind: 'person',
          data: { firstName: 'Macierz', lastName: 'Test', email: `m.${newId()}@example.pl`, city: 'Gdańsk' },
          consents: [{ purpose: 'contact', version: '2026-01' }],
        };
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return { url, init };
  }

  async function verdict(
    res: Response,
    pol: RoutePolicy,
    onClient: boolean,
    expectAllow: boolean,
  ): Promise<[Verdict, string]> {
    const text = await res.text();
    const s = res.status;
    if (s === 401 || s === 403) return ['deny', `${s}`];
    if (s === 404 && onClient) return ['deny', '404'];
    if (s === 400 && pol.need.every((n) => n === 'lead-key')) return ['deny', '400'];
    if (s < 300) return ['allow', `${s}`];
    if (!expectAllow) return ['inconclusive', `${s} (refused before any access check)`];
    if (s === 404) return ['inconclusive', '404'];
    if (s === 422 && /The (request body|query parameters) (is|are) invalid/.test(text))
      return ['inconclusive', `422 schema: ${text.slice(0, 160)}`];
    return ['allow', `${s}`];
  }

  async function tablesHash(): Promise<string> {
    const h = createHash('sha256');
    for (const [name, table] of Object.entries(w.database.t)) {
      if (['sessions', 'auditLog', 'auditChainHead'].includes(name)) continue;
      const rows = (await w.database.db.select().from(table as never)) as Array<Record<string, unknown>>;
      const keep = rows.map((r) => {
        const { lastUsedAt: _u, lastSeenAt: _s, ...rest } = r;
        return rest;
      });
      keep.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      h.update(name).update(JSON.stringify(keep));
    }
    return h.digest('hex');
  }

  it('every route × every caller × five clients: 0 unexpected allows, 0 unexpected denies', async () => {
    const undeclared = routes.filter((r) => !policy[r.key]).map((r) => r.key);
    const unexpectedAllow: string[] = [];
    const unexpectedDeny: string[] = [];
    const inconclusive: string[] = [];
    const changedByDenied: string[] = [];
    let cells = 0;
    let deniedWrites = 0;
    for (const route of routes) {
      const pol = policy[route.key];
      if (!pol) continue;
      const write = !['GET', 'OPTIONS'].includes(route.method);
      const plan: Array<{ c: Caller; clientId?: string; label: string; expect: boolean }> = [];
      for (const c of callers) {
        if (pol.object === 'client') {
          for (const [kind, id] of objectsFor(c))
            plan.push({ c, clientId: id, label: `${c.name} on ${kind}`, expect: expected(pol, c, id) });
        } else plan.push({ c, label: c.name, expect: expected(pol, c) });
      }
      // Denied callers first (their writes must change nothing), then the allowed ones.
      plan.sort((a, b) => Number(a.expect) - Number(b.expect));
      const denied = plan.filter((p) => !p.expect);
      const before = write && denied.length ? await tablesHash() : '';
      for (const step of plan) {
        let token: string | undefined;
        if (route.key === 'POST /api/auth/logout' && step.c.kind === 'person')
          token = await bearerLogin(w.app, step.c.person!.email);
        const { url, init } = requestFor(route, step.c, step.clientId, token);
        const res = await w.app.request(url, init);
        const [v, why] = await verdict(res, pol, !!step.clientId, step.expect);
        cells++;
        if (!step.expect && write) deniedWrites++;
        const where = `${route.key} as ${step.label}: ${why}`;
        if (v === 'inconclusive') inconclusive.push(where);
        else if (v === 'allow' && !step.expect) unexpectedAllow.push(where);
        else if (v === 'deny' && step.expect) unexpectedDeny.push(where);
        if (!step.expect && step === denied[denied.length - 1] && write && (await tablesHash()) !== before)
          changedByDenied.push(route.key);
      }
    }
    const objects = objectKinds.length;
    console.log(
      `authz matrix: routes=${routes.length} callers=${callers.length} (${callers.map((c) => c.name).join(', ')}) ` +
        `client objects per caller≤${objects} cells=${cells} unexpected allows=${unexpectedAllow.length} ` +
        `unexpected denies=${unexpectedDeny.length} denied writes=${deniedWrites} ` +
        `tables changed by denied writes=${changedByDenied.length} inconclusive=${inconclusive.length} ` +
        `undeclared routes=${undeclared.length}`,
    );
    for (const l of unexpectedAllow) console.log(`  UNEXPECTED ALLOW ${l}`);
    for (const l of unexpectedDeny) console.log(`  UNEXPECTED DENY ${l}`);
    for (const l of changedByDenied) console.log(`  CHANGED BY A DENIED WRITE ${l}`);
    const byRoute = new Map<string, number>();
    for (const l of inconclusive) byRoute.set(l.split(' as ')[0]!, (byRoute.get(l.split(' as ')[0]!) ?? 0) + 1);
    console.log(`  inconclusive by route: ${[...byRoute].map(([r, n]) => `${r} ×${n}`).join(', ')}`);
    for (const l of undeclared) console.log(`  UNDECLARED ${l} (add it to tests/security/support/policy.ts)`);
    expect(undeclared).toEqual([]);
    expect(unexpectedAllow).toEqual([]);
    expect(unexpectedDeny).toEqual([]);
    expect(changedByDenied).toEqual([]);
  }, 600_000);
});
