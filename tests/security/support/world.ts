/**
 * @module tests/security/support/world
 * The world the security suites attack: the demo firm (its config, units, people in every role and
 * partner firms, seeded through the real operations) with a few clients per advisor, plus the
 * callers the demo does not have: a partner login without a partner firm, an API key and a public
 * lead key. Each suite builds its own world on a fresh file database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import { createCrm, type Crm } from '../../../core/crm.ts';
import { hashPassword } from '../../../core/auth/password.ts';
import { createApiKey } from '../../../core/auth/api-keys.ts';
import { createSourceKey } from '../../../core/leads/source-keys.ts';
import { newId } from '../../../core/ids/id.ts';
import { openDatabase, type Database } from '../../../core/storage/database.ts';
import { systemClock, type Clock } from '../../../core/time/clock.ts';
import { createHttpApi } from '../../../core/http/app.ts';
import { createServerApp } from '../../../core/http/server-app.ts';
import emailDevOutbox, { type EmailDevOutboxPlugin } from '../../../plugins/email-dev-outbox/index.ts';
import smsDevOutbox from '../../../plugins/sms-dev-outbox/index.ts';
import { DEMO_PASSWORD, seedDemoFirm } from '../../../examples/demo-firm/seed.ts';
import { seedDemoPartners } from '../../../examples/demo-firm/seed-partners.ts';
import { seedCommissions } from '../../../examples/demo-firm/seed-commissions.ts';
import { seedDemoClients } from '../../../examples/demo-firm/seed-clients.ts';
import { seedDemoCalendar } from '../../../examples/demo-firm/seed-calendar.ts';

export { DEMO_PASSWORD };
export type App = ReturnType<typeof createHttpApi>;
export const demoConfigPath = new URL('../../../examples/demo-firm/crm.config.json', import.meta.url).pathname;

/** A demo person the suites act as. */
export interface Person {
  id: string;
  email: string;
  roles: string[];
  unitId: string | null;
  partnerId: string | null;
  supervisorId: string | null;
}

export interface World {
  crm: Crm;
  database: Database;
  /** The API only (what `createHttpApi` serves). */
  app: App;
  /** API + widgets + example pages (what `broker-crm serve` runs). */
  server: App;
  email: EmailDevOutboxPlugin;
  people: Person[];
  /** A partner-role login whose user row names no partner firm (legacy or hand-made data). */
  partnerWithoutFirm: Person;
  /** `bck_…`: an integration key of the marketing user, permissions `leads:write`. */
  apiKey: string;
  /** `bpk_…`: a public lead key for landing pages on `publicKeyOrigin`. */
  publicKey: string;
  publicKeyOrigin: string;
  errors: unknown[];
  close(): Promise<void>;
}

export interface WorldOptions {
  /** Clients seeded per advisor through the real workflow (default 2). */
  perAdvisor?: number;
  /** Seed calendar items for the coming week (default true). */
  calendar?: boolean;
  /** The CRM's clock (default the system clock); sessions tests move a fixed one. */
  clock?: Clock;
}

/** Open a fresh file database in a temp directory. */
export async function tempDatabase(): Promise<{ url: string; database: Database; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'crm-sec-'));
  const url = `file:${join(dir, 'crm.db')}`;
  return { url, database: await openDatabase(url), dir };
}

export async function buildWorld(options: WorldOptions = {}): Promise<World> {
  const { database, dir } = await tempDatabase();
  const email = emailDevOutbox() as EmailDevOutboxPlugin;
  const crm = await createCrm({
    config: demoConfigPath,
    database,
    clock: options.clock ?? systemClock,
    plugins: [smsDevOutbox(), email],
  });
  await seedDemoFirm(crm);
  await seedDemoPartners(crm);
  await seedCommissions(crm.system('demo-seed'));
  await seedDemoClients(crm, () => {}, { perAdvisor: options.perAdvisor ?? 2, now: new Date() });
  if (options.calendar !== false) await seedDemoCalendar(crm);
  const { db, t } = database;

  // A partner login with no partner firm: the defect report's "partner login without a firm". Written
  // to the table directly, as old data or a hand-made row would be (the API refuses to create one).
  const orphanId = newId();
  const now = new Date();
  await db.insert(t.users).values({
    id: orphanId,
    email: 'partner.bez.firmy@example.pl',
    name: 'Partner Bez Firmy',
    roles: ['partner'],
    passwordHash: await hashPassword(DEMO_PASSWORD),
    partnerId: null,
    supervisorId: null,
    commissionGroup: null,
    knfNumber: null,
    failedLogins: [],
    lockedUntil: null,
    disabledAt: null,
    mustChangePassword: false,
    createdAt: now,
    updatedAt: now,
  } as typeof t.users.$inferInsert);

  const rows = await db.select().from(t.users);
  const memberships = await db.select().from(t.memberships).where(isNull(t.memberships.validTo));
  const unitOf = new Map(memberships.map((m) => [m.userId, m.unitId]));
  const people: Person[] = rows.map((u) => ({
    id: u.id,
    email: u.email,
    roles: u.roles,
    unitId: unitOf.get(u.id) ?? null,
    partnerId: u.partnerId,
    supervisorId: u.supervisorId,
  }));
  const marketing = people.find((p) => p.roles.includes('marketing'))!;
  const asMarketing = await crm.asUser(marketing.id);
  const { key: apiKey } = await createApiKey(asMarketing, { name: 'security suite', permissions: ['leads:write'] });
  const publicKeyOrigin = 'https://kredyt-dom.example';
  const source = await createSourceKey(crm.system('security-suite'), {
    name: 'Landing page',
    clientType: 'company-acquired',
    source: 'website-form',
    origins: [publicKeyOrigin],
  });
  const errors: unknown[] = [];
  const app = createHttpApi(crm, { log: (e) => errors.push(e) });
  const server = createServerApp(crm, { log: (e) => errors.push(e) });
  void and;
  void eq;
  return {
    crm,
    database,
    app,
    server,
    email,
    people,
    partnerWithoutFirm: people.find((p) => p.id === orphanId)!,
    apiKey,
    publicKey: (source as { key: string }).key,
    publicKeyOrigin,
    errors,
    async close() {
      await crm.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
