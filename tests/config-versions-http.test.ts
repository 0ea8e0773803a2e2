/**
 * The firm configuration edited over HTTP, on both engines: validation with the CLI's line, column
 * and path; a saved version runs at once (the client schema, the create-client body and an
 * advisor's session see a new field without a restart); a second save on the same base gets 409
 * naming who saved first; edits that would orphan data are refused naming what uses it (a status
 * clients hold, a field with values retyped, a type in use), while the schema-evolution rules
 * (new optional field, removed field, newly required field) pass; rollback runs the earlier text
 * again as a new version; every save and rollback is audited; a second CRM on the same database
 * hears the change on the bus and runs the new version too.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { Hono } from 'hono';
import { beforeAll, expect, it, vi } from 'vitest';
import { busFor, closeBus } from '../core/bus/index.ts';
import { createCrm } from '../core/crm.ts';
import { createHttpApi } from '../core/http/app.ts';
import { openDatabase } from '../core/storage/index.ts';
import { describeEngines } from './engines.ts';
import { PASSWORD, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

type App = ReturnType<typeof createHttpApi>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describeEngines('firm config versions (HTTP)', (database) => {
  let f: SmallFirm;
  let app: App;
  let admin: { cookie: string; csrf: string };
  let advisor: { cookie: string; csrf: string };
  const login = async (email: string) => {
    const res = await app.request('http://localhost/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    const body = (await res.json()) as { csrfToken: string };
    return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: body.csrfToken };
  };
  const call = async (method: string, path: string, body?: unknown, auth = admin) => {
    const headers: Record<string, string> = { cookie: auth.cookie, 'x-csrf-token': auth.csrf };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await app.request(`http://localhost${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Json };
  };
  const running = async () => (await call('GET', '/api/config')).body;
  const edit = async (change: (c: Json) => void) => {
    const r = await running();
    const c = JSON.parse(r.text);
    change(c);
    return { text: JSON.stringify(c, null, 2), baseVersion: r.version as number };
  };
  const income = {
    type: 'string',
    enum: ['umowa', 'dzialalnosc', 'emerytura'],
    'x-crm-label': { pl: 'Źródło dochodu', en: 'Income source' },
  };

  beforeAll(async () => {
    f = await smallFirm(database());
    app = createHttpApi(f.crm, { log: () => {} });
    admin = await login('admin@kredyt-dom.pl');
    advisor = await login('anna.nowak@kredyt-dom.pl');
  });

  it('reports a syntax error and a schema error with line, column and JSON path', async () => {
    const r = await running();
    expect(r).toMatchObject({ version: 0, source: 'file' });
    const lines = (r.text as string).split('\n');
    const at = lines.findIndex((l) => l.includes('"name"')); // the firm's name, early in the file
    lines[at] = lines[at]!.replace(/"name": "[^"]*"/, '"name": 42');
    const schemaBad = await call('POST', '/api/config/validate', { text: lines.join('\n') });
    expect(schemaBad.status).toBe(200);
    expect(schemaBad.body.problems).toContainEqual(
      expect.objectContaining({ path: '/firm/name', line: at + 1, message: expect.stringMatching(/string/) }),
    );
    const broken = (r.text as string).replace('{', '{\n  "version": 1,,');
    const syntax = await call('POST', '/api/config/validate', { text: broken });
    expect(syntax.body.problems[0]).toMatchObject({ line: 2, column: expect.any(Number) });
    const put = await call('PUT', '/api/config', { text: broken, baseVersion: 0, why: 'broken on purpose' });
    expect(put.status).toBe(422);
    expect(put.body.error.details.problems[0].line).toBe(2);
    expect((await running()).version).toBe(0);
  });

  it('saves a new field with a why and runs it at once: schema, create body and an advisor see it', async () => {
    expect(
      (await call('GET', '/api/clients/schema', undefined, advisor)).body.fields.person.properties,
    ).not.toHaveProperty('incomeSource');
    const body = await edit((c) => {
      c.clients.fields.person.properties.incomeSource = income;
    });
    const saved = await call('PUT', '/api/config', { ...body, why: 'Źródło dochodu do analizy zdolności' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(1);
    expect((await running()).version).toBe(1);
    expect(f.crm.configVersion.version).toBe(1);
    const schema = await call('GET', '/api/clients/schema', undefined, advisor);
    expect(schema.body.fields.person.properties.incomeSource['x-crm-label'].pl).toBe('Źródło dochodu');
    const created = await call(
      'POST',
      '/api/clients',
      { kind: 'person', type: 'private', data: { firstName: 'Jan', lastName: 'Nowy', incomeSource: 'umowa' } },
      advisor,
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.data.incomeSource).toBe('umowa');
    const doc = await app.request('http://localhost/api/openapi.json');
    expect(await doc.text()).toContain('incomeSource');
  });

  it('a second save on the same base gets 409 naming who saved the newer version and when', async () => {
    const stale = await call('PUT', '/api/config', {
      text: (await call('GET', '/api/config/versions/0')).body.text,
      baseVersion: 0,
      why: 'my older edit',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/Version 1 was saved by Administrator Systemu at 2026-03-02T09:00/);
    expect(stale.body.error.details).toMatchObject({ currentVersion: 1, savedByName: 'Administrator Systemu' });
  });

  it('mounted under a prefix, the API follows the running version too', async () => {
    const host = new Hono();
    host.route('/crm', createHttpApi(f.crm, { log: () => {} }));
    const res = await host.request('http://localhost/crm/api/clients/schema', {
      headers: { cookie: advisor.cookie },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Json).fields.person.properties).toHaveProperty('incomeSource');
    expect(host.routes.some((r) => r.method === 'PUT' && r.path === '/crm/api/config')).toBe(true);
  });

  it('refuses edits that orphan data, naming what uses them; evolution rules still pass', async () => {
    const [held] = f.clients;
    const c = f.crm.database.t.clients;
    await f.crm.database.db.update(c).set({ status: 'contact' }).where(eq(c.id, held!.id));
    const noContact = await edit((cfg) => {
      delete cfg.workflow.statuses.contact;
    });
    const refused = await call('PUT', '/api/config', { ...noContact, why: 'status no longer used' });
    expect(refused.status).toBe(422);
    const problem = (refused.body.error.details.problems as Json[]).find(
      (p) => p.path === '/workflow/statuses/contact',
    );
    expect(problem?.message).toContain(`1 client (e.g. ${held!.id})`);
    expect(problem?.line).toBeGreaterThan(1);

    const retyped = await edit((cfg) => {
      cfg.clients.fields.person.properties.incomeSource = { type: 'integer' };
    });
    const r2 = await call('POST', '/api/config/validate', { text: retyped.text });
    expect(r2.body.problems).toContainEqual(
      expect.objectContaining({
        path: '/clients/fields/person/properties/incomeSource/type',
        message: expect.stringContaining('1 client'),
      }),
    );
    const noType = await edit((cfg) => {
      delete cfg.clients.types.private;
    });
    const r3 = await call('POST', '/api/config/validate', { text: noType.text });
    expect(r3.body.problems.map((p: Json) => p.message).join('\n')).toMatch(
      /client type "private" is removed but 1[0-9] clients/,
    );

    // New optional field, removed field (values stay stored), newly required field: all allowed.
    const evolve = await edit((cfg) => {
      const person = cfg.clients.fields.person;
      person.properties.nickname = { type: 'string', maxLength: 40 };
      delete person.properties.employment;
      person.required = [...(person.required ?? []), 'phone'];
    });
    expect((await call('POST', '/api/config/validate', { text: evolve.text })).body.problems).toEqual([]);
  });

  it('rolls back to the file in one step; the field is gone for the advisor; both audited', async () => {
    const back = await call('POST', '/api/config/rollback', { version: 0, why: 'Pole myliło doradców' });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body.version).toBe(2);
    const schema = await call('GET', '/api/clients/schema', undefined, advisor);
    expect(schema.body.fields.person.properties).not.toHaveProperty('incomeSource');
    const versions = (await call('GET', '/api/config/versions')).body.items as Json[];
    expect(versions.map((v) => [v.version, v.kind, v.authorName, v.running])).toEqual([
      [2, 'rollback', 'Administrator Systemu', true],
      [1, 'edit', 'Administrator Systemu', false],
      [0, 'file', null, false],
    ]);
    expect(versions[1]!.why).toBe('Źródło dochodu do analizy zdolności');
    const a = f.crm.database.t.auditLog;
    const rows = await f.crm.database.db
      .select({ action: a.action, actorId: a.actorId, entityId: a.entityId })
      .from(a)
      .where(and(eq(a.entity, 'config'), inArray(a.action, ['config.save', 'config.rollback'])))
      .orderBy(a.seq);
    expect(rows).toEqual([
      { action: 'config.save', actorId: f.users.admin.id, entityId: '1' },
      { action: 'config.rollback', actorId: f.users.admin.id, entityId: '2' },
    ]);
    // Without config:write an advisor can neither read nor save.
    expect((await call('GET', '/api/config', undefined, advisor)).status).toBe(403);
    const noWhy = await call('PUT', '/api/config', { text: '{}', baseVersion: 2, why: ' ' });
    expect(noWhy.status).toBe(422);
  });

  it('a CRM started later on its own connection runs the newest version, and hears saves on the bus', async () => {
    // Its own handle (and so its own change bus: LISTEN/NOTIFY on PostgreSQL), as another instance would have.
    const label = database().label;
    const url = label.replace(':***@', `:${new URL(process.env.CRM_TEST_POSTGRES_URL ?? 'postgres://x').password}@`);
    const other = await openDatabase(url);
    try {
      const second = await createCrm({ config: structuredClone(f.crm.config), database: other, clock: f.clock });
      expect(second.configVersion.version).toBe(2);
      expect(second.config.clients.fields.person.properties).not.toHaveProperty('incomeSource');
      await busFor(other).ready();
      const body = await edit((c) => {
        c.clients.fields.person.properties.incomeSource = income;
      });
      expect((await call('PUT', '/api/config', { ...body, why: 'again, with labels' })).status).toBe(200);
      await vi.waitFor(() => expect(second.configVersion.version).toBe(3), { timeout: 15_000, interval: 20 });
      expect(second.config.clients.fields.person.properties).toHaveProperty('incomeSource');
      await second.close();
    } finally {
      await closeBus(other);
      await other.close();
    }
  });
});
