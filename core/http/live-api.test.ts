/**
 * The API follows the running configuration: served directly or mounted under a prefix, a request
 * is answered by the app built for the configuration running when it arrived; one in flight when
 * the configuration changes finishes on its app; a build that fails leaves the previous app
 * answering; the returned app lists every route of the current one; a build's early answer is
 * tried first and only for what it answers.
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { Crm } from '../crm.ts';
import type { HttpEnv } from './env.ts';
import { liveApi, type EarlyAnswer } from './live-api.ts';

/** A CRM as liveApi sees it (the running configuration) and an app per configuration naming it. */
function world() {
  const crm = { config: { name: 'v1' } } as unknown as Crm & { config: { name: string } };
  let builds = 0;
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  const build = () => {
    builds++;
    const name = (crm.config as unknown as { name: string }).name;
    const app = new Hono<HttpEnv>();
    app.get('/api/name', (c) => c.json({ name }));
    app.get('/api/items/:id', (c) => c.json({ name, id: c.req.param('id') }));
    app.get('/api/slow', async (c) => {
      await held;
      return c.json({ name });
    });
    if (name === 'broken') throw new Error('cannot build');
    // Each build answers GET /api/early itself, before its app; anything else goes on to the app.
    const early: EarlyAnswer = (req) =>
      new URL(req.url).pathname === '/api/early' ? Promise.resolve(Response.json({ name, early: true })) : undefined;
    return { app, early };
  };
  return { crm, build, builds: () => builds, release };
}
const nameOf = async (res: Response | Promise<Response>) => ((await (await res).json()) as { name: string }).name;

describe('liveApi', () => {
  it('answers with the app of the running configuration, built once per change', async () => {
    const w = world();
    const api = liveApi(w.crm, w.build, () => {});
    expect(await nameOf(api.request('/api/name'))).toBe('v1');
    expect(await nameOf(api.fetch(new Request('http://localhost/api/name')))).toBe('v1');
    w.crm.config = { name: 'v2' } as never;
    expect(await nameOf(api.request('/api/name'))).toBe('v2');
    expect(await nameOf(api.request('/api/items/7'))).toBe('v2');
    expect(await (await api.request('/api/early')).json()).toEqual({ name: 'v2', early: true });
    expect(w.builds()).toBe(2);
    expect((await api.request('/api/nothing')).status).toBe(404);
  });

  it('a request in flight when the configuration changes finishes on the app it started on', async () => {
    const w = world();
    const api = liveApi(w.crm, w.build, () => {});
    const slow = api.request('/api/slow');
    w.crm.config = { name: 'v2' } as never;
    expect(await nameOf(api.request('/api/name'))).toBe('v2');
    w.release();
    expect(await nameOf(slow)).toBe('v1');
  });

  it('a build that fails is logged and the previous app keeps answering', async () => {
    const w = world();
    const logged: unknown[] = [];
    const api = liveApi(w.crm, w.build, (e) => logged.push(e));
    w.crm.config = { name: 'broken' } as never;
    expect(await nameOf(api.request('/api/name'))).toBe('v1');
    expect(logged).toHaveLength(1);
  });

  it('lists the routes and, mounted under a prefix, routes to the current app', async () => {
    const w = world();
    const api = liveApi(w.crm, w.build, () => {});
    expect(api.routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['GET /api/name', 'GET /api/items/:id', 'GET /api/slow']),
    );
    const host = new Hono();
    host.route('/crm', api);
    w.crm.config = { name: 'v2' } as never;
    const res = await host.request('/crm/api/items/9');
    expect(await res.json()).toEqual({ name: 'v2', id: '9' });
    expect(await (await host.request('/crm/api/early')).json()).toEqual({ name: 'v2', early: true });
    expect((await host.request('/crm/api/nothing')).status).toBe(404);
  });
});
