/**
 * Regression (issue 11, items 1 and 6): list cursors are sealed. A partner walking the client list
 * sorted by name one row at a time learns nothing from `nextCursor` (the masked names are not in
 * it), and a forged, tampered or malformed cursor — including one whose fields are of the wrong
 * type — is a 400 naming `cursor`, never a 500.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../core/clients/cursor.ts';
import { sealCursor } from '../core/cursor/index.ts';
import { createHttpApi } from '../core/http/app.ts';
import { describeEngines } from './engines.ts';
import { readJson } from './fixtures/read-json.ts';
import { PASSWORD, smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

type App = ReturnType<typeof createHttpApi>;

async function login(app: App, email: string): Promise<Record<string, string>> {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]! };
}

/** Every way a cursor's bytes could show text: raw, base64url-decoded, base64-decoded. */
const readable = (cursor: string) =>
  [cursor, Buffer.from(cursor, 'base64url').toString('utf8'), Buffer.from(cursor, 'base64').toString('latin1')].join(
    '\n',
  );

describeEngines('security: list cursors are sealed and checked', (database) => {
  let f: SmallFirm;
  let app: App;
  let partner: Record<string, string>;
  let admin: Record<string, string>;
  const get = (who: Record<string, string>, path: string) => app.request(path, { headers: who });

  beforeAll(async () => {
    f = await smallFirm(database());
    app = createHttpApi(f.crm, { log: () => {} });
    partner = await login(app, 'biuro@nieruchomosci-bursztyn.pl');
    admin = await login(app, 'admin@kredyt-dom.pl');
  });

  it('a partner walking the list by name with limit=1 finds no client name in any cursor', async () => {
    // The fixture names every client "Klient <owner's name> <n>".
    let cursor: string | null = null;
    const seen: string[] = [];
    let pages = 0;
    do {
      const q: string = `/api/clients?sort=displayName&order=asc&limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await get(partner, q);
      expect(res.status).toBe(200);
      const body = await readJson(res);
      seen.push(...body.items.map((i: { id: string }) => i.id));
      cursor = body.nextCursor;
      if (cursor) {
        expect(readable(cursor)).not.toMatch(/Klient|Kowalski|Nowak/);
        expect(body.items[0].displayName ?? '').not.toContain('Klient');
      }
      pages++;
    } while (cursor && pages < 20);
    const referred = f.clients.filter((c) => c.partnerId === f.partnerId).map((c) => c.id);
    expect(seen.sort()).toEqual(referred.sort());
  });

  it('pages still join up for a reader of everything (no row lost or repeated)', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(admin, `/api/clients?sort=displayName&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      const body = await readJson(res);
      all.push(...body.items.map((i: { id: string }) => i.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(new Set(all).size).toBe(f.clients.length);
    expect(all.length).toBe(f.clients.length);
  });

  const expect400 = async (path: string) => {
    const res = await get(admin, path);
    expect(res.status).toBe(400);
    const body = await readJson(res);
    expect(body.error.code).toBe('bad_request');
    expect(JSON.stringify(body.error.details)).toContain('cursor');
  };

  it('the old readable cursor (base64 JSON) and a forged one are refused with 400 naming cursor', async () => {
    const forged = Buffer.from(JSON.stringify(['displayName', 'asc', 'Klient M', 'x'])).toString('base64url');
    await expect400(`/api/clients?sort=displayName&order=asc&cursor=${forged}`);
    const nan = Buffer.from(JSON.stringify(['createdAt', 'desc', 'not-a-number', 'x'])).toString('base64url');
    await expect400(`/api/clients?cursor=${nan}`);
    await expect400('/api/clients?cursor=%F0%9F%92%A9');
    await expect400(`/api/clients?cursor=${'A'.repeat(64)}`);
  });

  it('a real cursor with one bit flipped is refused', async () => {
    const body = await readJson(await get(admin, '/api/clients?limit=1'));
    const raw = Buffer.from(body.nextCursor as string, 'base64url');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    await expect400(`/api/clients?limit=1&cursor=${raw.toString('base64url')}`);
  });

  it('a sealed cursor whose fields have the wrong types is a 400, not a 500 (every field is checked)', async () => {
    const s = f.crm.runtime.secret;
    const wrong = [
      sealCursor(s, 'clients', ['createdAt', 'desc', 'NaN', 'x']),
      sealCursor(s, 'clients', ['createdAt', 'desc', 1e300, 'x']),
      sealCursor(s, 'clients', ['createdAt', 'desc', 1, { id: 1 }]),
      sealCursor(s, 'clients', ['createdAt', 'desc', 1, "x' or 1=1 --"]),
      sealCursor(s, 'clients', { sort: 'createdAt' }),
      sealCursor(s, 'timeline', ['createdAt', 'desc', 1, 'x']),
    ];
    for (const c of wrong) await expect400(`/api/clients?cursor=${c}`);
    const byName = encodeCursor(s, { sort: 'displayName', order: 'asc', value: 'Klient', id: f.clients[0]!.id });
    await expect400(`/api/clients?sort=createdAt&cursor=${byName}`);
  });

  it('the timeline cursor is sealed too, bound to its client, and checked', async () => {
    const id = f.clients[0]!.id;
    const forged = Buffer.from(`NaN|${id}`).toString('base64url');
    await expect400(`/api/clients/${id}/timeline?cursor=${forged}`);
    const other = sealCursor(f.crm.runtime.secret, 'timeline', [f.clients[1]!.id, Date.now(), id]);
    await expect400(`/api/clients/${id}/timeline?cursor=${other}`);
  });
});

describe('security: cursors of one CRM do not open in another', () => {
  it('a cursor sealed under another secret is refused', () => {
    const c = encodeCursor('secret-a', { sort: 'createdAt', order: 'desc', value: 1, id: 'x' });
    expect(decodeCursor('secret-a', c, 'createdAt', 'desc').id).toBe('x');
    expect(() => decodeCursor('secret-b', c, 'createdAt', 'desc')).toThrow(/cursor/);
  });
});
