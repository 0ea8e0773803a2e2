/**
 * Leak sweep: canary values in every client field the firm's config declares (valid PESEL, NIP,
 * REGON, IBAN, phones, e-mails, names, addresses, incomes and revenues) on clients referred by
 * partner A and partner B and on an advisor's own client, plus a canary loan amount on a disbursed
 * sale. Then, as partner A, partner B, a partner login without a firm and the back office, a crawl of
 * every GET route the app answers (ids harvested from every answer, lists walked page by page with
 * their cursors decoded, searches by the canaries, statements as JSON, PDF (pdftotext) and XLSX
 * (unzipped XML), calendar feeds, exports), and the e-mails queued for the partners (partner
 * reports, attachments decoded). Pass: 0 canary bytes a caller may not read (a partner: no client
 * data at all, no loan amount; the back office: no field the config marks personal), and no
 * search by a hidden value that finds the client (an oracle).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { createClient } from '../../core/clients/create-client.ts';
import { createNotifier } from '../../core/notifications/notifier.ts';
import { transition } from '../../core/workflow/transition.ts';
import { bearerLogin } from './support/callers.ts';
import { found, plantable, type Canary } from './support/canaries.ts';
import { routesOf, type RouteInfo, type SchemaLike } from './support/routes.ts';
import { buildWorld, type Person, type World } from './support/world.ts';

const MAX_PAGES = 40;
const LOAN = 876_543_219;
const scratch = mkdtempSync(join(tmpdir(), 'crm-leak-'));

/** Text a person could read out of an answer: JSON, a PDF's text, an XLSX's XML, an iCal feed. */
function readable(type: string, bytes: Buffer): string {
  if (type.includes('pdf') || bytes.subarray(0, 5).toString() === '%PDF-') {
    const f = join(scratch, 'x.pdf');
    writeFileSync(f, bytes);
    return execFileSync('pdftotext', ['-q', f, '-'], { encoding: 'utf8' });
  }
  if (type.includes('spreadsheet') || bytes.subarray(0, 2).toString() === 'PK') {
    const f = join(scratch, 'x.xlsx');
    writeFileSync(f, bytes);
    return execFileSync('unzip', ['-p', f], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  }
  return bytes.toString('utf8');
}

/** Base64 / base64url tokens inside a text, decoded (cursors, signed tokens, attachments). */
function decodedTokens(text: string): string {
  const out: string[] = [];
  for (const m of text.matchAll(/[A-Za-z0-9+/_-]{16,}={0,2}/g)) {
    for (const enc of ['base64', 'base64url'] as const) {
      const d = Buffer.from(m[0], enc);
      if (d.subarray(0, 5).toString() === '%PDF-') out.push(readable('pdf', d));
      else out.push(d.toString('latin1'), d.toString('utf8'));
    }
  }
  return out.join('\n');
}

interface Caller {
  name: string;
  person: Person;
  token: string;
  /** Canaries this caller may read. */
  allowed: (c: Canary) => boolean;
}

describe('security: leak sweep with canaries', () => {
  let w: World;
  let routes: RouteInfo[];
  const canaries: Canary[] = [];
  const canaryClients: string[] = [];
  const callers: Caller[] = [];
  let adminToken = '';

  beforeAll(async () => {
    w = await buildWorld({ perAdvisor: 1 });
    routes = (await routesOf(w.app)).filter((r) => r.method === 'GET');
    const { db, t } = w.database;
    const partners = w.people.filter((p) => p.roles.includes('partner') && p.partnerId);
    const [pa, pb] = [partners[0]!, partners[1]!];
    const partnerRows = await db.select().from(t.partners);
    const typeOf = (id: string) => partnerRows.find((p) => p.id === id)!.type;
    const advisor = w.people.find((p) => p.roles.includes('advisor'))!;
    const ctx = await w.crm.asUser(advisor.id);
    const schemas = w.crm.config.clients.fields as unknown as Record<string, SchemaLike>;
    const plant = async (kind: string, tag: string, seed: number, partnerId: string | null) => {
      const { data, canaries: list } = plantable(schemas[kind]!, seed, tag);
      const client = await createClient(ctx, {
        kind: kind as 'person',
        type: partnerId ? 'partner-referred' : 'private',
        source: partnerId ? typeOf(partnerId) : 'own-network',
        partnerId,
        data,
      });
      canaries.push(...list);
      canaryClients.push(client.id);
      return client;
    };
    const a = await plant('person', 'Aa', 1, pa.partnerId);
    await plant('company', 'Ab', 2, pa.partnerId);
    await plant('person', 'Ba', 3, pb.partnerId);
    await plant('person', 'Oa', 4, null);
    // A sale with a canary loan amount on partner A's client (the commission lines follow from it).
    let version = a.version;
    for (const to of ['contact', 'analysis', 'offers', 'documents', 'application-filed', 'decision-positive']) {
      const fields = ['application-filed', 'decision-positive'].includes(to) ? { provider: 'bank-aurora' } : {};
      version = (await transition(ctx, a.id, { to, fields, expectedVersion: version })).client.version;
    }
    for (const to of ['agreement-signed', 'disbursed']) {
      const fields: Record<string, unknown> = { provider: 'bank-aurora', product: 'aurora-mortgage' };
      if (to === 'disbursed')
        Object.assign(fields, { amountMinor: LOAN, saleDate: new Date().toISOString().slice(0, 10) });
      version = (await transition(ctx, a.id, { to, fields, expectedVersion: version })).client.version;
    }
    canaries.push({ field: 'sale.amountMinor', value: LOAN, financial: true, pii: false });
    // Partner reports for both firms, queued as e-mails.
    const admin = w.people.find((p) => p.roles.includes('admin'))!;
    adminToken = await bearerLogin(w.app, admin.email);
    for (const p of [pa, pb]) {
      const sent = await w.app.request(`/api/partners/${p.partnerId}/reports/send`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ from: '2026-01-01T00:00:00Z', to: new Date(Date.now() + 86_400_000).toISOString() }),
      });
      if (sent.status !== 202) throw new Error(`partner report: ${sent.status} ${await sent.text()}`);
    }
    const backOffice = w.people.find((p) => p.roles.includes('back-office'))!;
    const none = () => false;
    for (const [name, person, allowed] of [
      ['partner A', pa, none],
      ['partner B', pb, none],
      ['partner login without a firm', w.partnerWithoutFirm, none],
      ['back office', backOffice, (c: Canary) => !c.pii],
    ] as const)
      callers.push({ name, person, token: await bearerLogin(w.app, person.email), allowed });
  }, 180_000);
  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await w?.close();
  });

  it('as partner A, partner B, a firm-less partner and the back office: 0 canary bytes they may not read', async () => {
    const leaks: string[] = [];
    const oracles: string[] = [];
    let requests = 0;
    let documents = 0;
    for (const caller of callers) {
      const forbidden = canaries.filter((c) => !caller.allowed(c));
      const seenIds = new Set<string>(canaryClients);
      const get = async (url: string) => {
        const res = await w.app.request(url, { headers: { authorization: `Bearer ${caller.token}` } });
        const bytes = Buffer.from(await res.arrayBuffer());
        requests++;
        const type = res.headers.get('content-type') ?? '';
        if (!type.includes('json')) documents++;
        const text = readable(type, bytes);
        const all = `${text}\n${decodedTokens(text)}\n${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}`;
        for (const c of found(all, forbidden)) leaks.push(`${caller.name}: ${c.field} in GET ${url} (${res.status})`);
        if (type.includes('json') && res.status < 300) {
          for (const m of text.matchAll(/"(?:id|ref|[a-z]+Id)":"([^"]{6,80})"/g)) seenIds.add(m[1]!);
          return JSON.parse(text) as { nextCursor?: string | null; items?: unknown[] };
        }
        return null;
      };
      const lists = routes.filter((r) => !r.params.length);
      for (const r of lists) {
        const base = r.path.replace(/:([A-Za-z]+)/g, 'x');
        const q = r.query ?? {};
        const first = 'limit' in q ? `${base}?limit=1${'sort' in q ? '&sort=displayName' : ''}` : base;
        let body = await get(first);
        for (let page = 0; body?.nextCursor && page < MAX_PAGES; page++)
          body = await get(
            `${base}?limit=1${'sort' in q ? '&sort=displayName' : ''}&cursor=${encodeURIComponent(body.nextCursor)}`,
          );
        // Searches by values the caller may not read must find nothing (else the search is an oracle).
        if ('q' in q)
          for (const c of forbidden.filter((x) => typeof x.value === 'string').slice(0, 12)) {
            const hit = await get(`${base}?q=${encodeURIComponent(String(c.value))}`);
            if (hit?.items?.length)
              oracles.push(`${caller.name}: ?q=<${c.field}> on ${base} finds ${hit.items.length}`);
          }
      }
      // Every route with an id, tried with every id this caller has seen (and the canary clients).
      for (const r of routes.filter((x) => x.params.length)) {
        for (const id of [...seenIds].slice(0, 400)) {
          const url = r.path.replace(/:([A-Za-z]+)/g, encodeURIComponent(id));
          const body = await get(url);
          if (r.path.endsWith('/:ref') || r.path.endsWith('/:id')) {
            if (body && r.path.includes('statements')) {
              await get(`${url}.pdf`);
              await get(`${url}.xlsx`);
            }
          }
        }
      }
      // A calendar feed of their own, if they may have one.
      const feed = await w.app.request('/api/calendar/feed-token', {
        method: 'POST',
        headers: { authorization: `Bearer ${caller.token}` },
      });
      if (feed.status < 300) {
        const { url } = (await feed.json()) as { url?: string };
        if (url) await get(new URL(url, 'http://localhost').pathname);
      }
    }
    // The e-mails the partners receive (partner reports with their PDFs), sent through the dev outbox.
    const worker = createNotifier(w.crm.runtime, { email: { provider: 'dev-outbox' } });
    for (let i = 0; i < 5; i++) await worker.runOnce();
    let emails = 0;
    const partnerRows = await w.database.db.select().from(w.database.t.partners);
    for (const caller of callers.filter((c) => c.person.partnerId)) {
      const firm = partnerRows.find((p) => p.id === caller.person.partnerId)!;
      const addresses = [caller.person.email, ...firm.contactEmails];
      for (const m of w.email.messages().filter((x) => x.to.some((to) => addresses.includes(to)))) {
        emails++;
        const mail = await simpleParser(m.raw);
        const parts = [mail.subject ?? '', mail.text ?? '', typeof mail.html === 'string' ? mail.html : ''];
        for (const a of mail.attachments) parts.push(readable(a.contentType, a.content));
        for (const c of found(parts.join('\n'), canaries))
          leaks.push(`${caller.name}: ${c.field} in e-mail "${mail.subject}"`);
      }
    }
    // The control: the same reading as an administrator finds every canary (else the sweep is blind).
    const seenByAdmin = new Set<string>();
    for (const url of [...canaryClients.map((id) => `/api/clients/${id}`), '/api/sales?limit=100']) {
      const res = await w.app.request(url, { headers: { authorization: `Bearer ${adminToken}` } });
      for (const c of found(await res.text(), canaries)) seenByAdmin.add(c.field);
    }
    const blind = canaries.filter((c) => !seenByAdmin.has(c.field)).map((c) => c.field);
    console.log(
      `leak sweep: canaries planted=${canaries.length} (fields ${[...new Set(canaries.map((c) => c.field))].length}, ` +
        `clients ${canaryClients.length}) callers=${callers.length} requests=${requests} documents=${documents} ` +
        `e-mails=${emails} canaries found=${leaks.length} search oracles=${oracles.length} ` +
        `(control: admin sees ${seenByAdmin.size} of ${new Set(canaries.map((c) => c.field)).size} fields)`,
    );
    for (const l of [...new Set(leaks)].slice(0, 60)) console.log(`  LEAK ${l}`);
    for (const o of oracles.slice(0, 20)) console.log(`  ORACLE ${o}`);
    expect(blind).toEqual([]);
    expect([...new Set(leaks)]).toEqual([]);
    expect(oracles).toEqual([]);
  }, 900_000);
});
