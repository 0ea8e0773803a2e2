/**
 * @module examples/demo-firm/seed
 * Seeds the demo firm "Kredyt-Dom": headquarters, 3 regions, 12 own and franchise branches and
 * about 60 people in every role, with Polish names. Deterministic: the same firm on every run.
 * Later stages (clients, histories, commissions…) are added by the modules that own them.
 */
import { eq } from 'drizzle-orm';
import type { Crm } from '../../core/crm.ts';
import { hashPassword } from '../../core/auth/password.ts';
import { createUnit } from '../../core/org/units.ts';
import { createUser, type User } from '../../core/org/users.ts';
import { fixedClock } from '../../core/time/clock.ts';
import { emailOf, firstNames, lastNames, prng, regions } from './people.ts';

export const DEMO_PASSWORD = 'demo-kredyt-2026';
export const FIRM_FOUNDED = '2025-09-01T08:00:00Z';

export interface DemoLogin {
  email: string;
  role: string;
  note: string;
}
export interface SeedProgress {
  (step: string, done: number, total: number): void;
}

export interface DemoSeedResult {
  logins: DemoLogin[];
  users: number;
  units: number;
}

/**
 * @example
 * const crm = await createCrm({ config: 'examples/demo-firm/crm.config.json', database: 'file:.data/demo.db' });
 * const { logins } = await seedDemoFirm(crm);
 */
export async function seedDemoFirm(crm: Crm, onProgress: SeedProgress = () => {}): Promise<DemoSeedResult> {
  // The firm has existed since autumn 2025: memberships start then, so the clients seeded over 2026
  // belong to the branches their advisors worked in at the time.
  const ctx = { ...crm.system('demo-seed'), clock: fixedClock(FIRM_FOUNDED) };
  const rnd = prng(20261126);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const usedEmails = new Set<string>();
  const person = () => {
    for (;;) {
      const female = rnd() < 0.5;
      const first = pick(female ? firstNames.female : firstNames.male);
      const [m, f] = pick(lastNames);
      const last = female ? f : m;
      const email = emailOf(first, last);
      if (!usedEmails.has(email)) {
        usedEmails.add(email);
        return { name: `${first} ${last}`, email };
      }
    }
  };
  // One hash for every demo account: the same password, and seeding stays quick.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const totalUsers = 7 + regions.length * (1 + 4 * 4);
  let made = 0;
  const users: User[] = [];
  const addUser = async (input: Parameters<typeof createUser>[1]) => {
    const u = await createUser(ctx, input);
    await ctx.db.update(ctx.t.users).set({ passwordHash }).where(eq(ctx.t.users.id, u.id));
    users.push(u);
    onProgress('people', ++made, totalUsers);
    return u;
  };

  const hq = await createUnit(ctx, { code: 'HQ', name: 'Centrala Kredyt-Dom', type: 'hq', city: 'Warszawa' });
  let units = 1;
  const fixed = [
    { email: 'admin@kredyt-dom.pl', name: 'Administrator Systemu', roles: ['admin'], note: 'everything' },
    {
      email: 'dyrektor.sprzedazy@kredyt-dom.pl',
      name: 'Barbara Wojciechowska',
      roles: ['sales-director'],
      note: 'whole network, approves commissions',
    },
    { email: 'rozliczenia@kredyt-dom.pl', name: 'Henryk Sadowski', roles: ['back-office'], note: 'settlements' },
    { email: 'rozliczenia2@kredyt-dom.pl', name: 'Irena Baran', roles: ['back-office'], note: 'settlements' },
    { email: 'analityk@kredyt-dom.pl', name: 'Olga Czarnecka', roles: ['analyst'], note: 'credit analysis' },
    {
      email: 'marketing@kredyt-dom.pl',
      name: 'Filip Ostrowski',
      roles: ['marketing'],
      note: 'leads, no personal data',
    },
    { email: 'iod@kredyt-dom.pl', name: 'Teresa Górska', roles: ['dpo'], note: 'data protection officer' },
  ];
  for (const f of fixed) await addUser({ email: f.email, name: f.name, roles: f.roles, unitId: hq.id });
  const logins: DemoLogin[] = fixed.slice(0, 3).map((f) => ({ email: f.email, role: f.roles[0]!, note: f.note }));

  for (const [ri, r] of regions.entries()) {
    const region = await createUnit(ctx, { code: r.code, name: r.name, type: 'region', parentId: hq.id });
    units++;
    const d = person();
    const director = await addUser({
      email: d.email,
      name: d.name,
      roles: ['regional-director'],
      unitId: region.id,
      commissionGroup: 'advisor-manager',
    });
    if (ri === 0)
      logins.push({ email: director.email, role: 'regional-director', note: `${r.name}: the region's branches` });
    for (const [bi, b] of r.branches.entries()) {
      const branch = await createUnit(ctx, {
        code: b.code,
        name: b.name,
        type: b.type,
        parentId: region.id,
        city: b.city,
      });
      units++;
      const m = person();
      const manager = await addUser({
        email: m.email,
        name: m.name,
        roles: ['branch-manager'],
        unitId: branch.id,
        commissionGroup: 'advisor-manager',
        knfNumber: `RPK${String(100000 + units * 7).slice(0, 6)}`,
      });
      const s = person();
      const senior = await addUser({
        email: s.email,
        name: s.name,
        roles: ['senior-advisor'],
        unitId: branch.id,
        supervisorId: manager.id,
        commissionGroup: 'advisor-senior',
        knfNumber: `RPK${String(200000 + units * 11).slice(0, 6)}`,
      });
      const juniors: User[] = [];
      for (let k = 0; k < 2; k++) {
        const a = person();
        juniors.push(
          await addUser({
            email: a.email,
            name: a.name,
            roles: ['advisor'],
            unitId: branch.id,
            supervisorId: senior.id,
            commissionGroup: 'advisor-junior',
            knfNumber: `RPK${String(300000 + units * 13 + k).slice(0, 6)}`,
          }),
        );
      }
      if (r.code === 'R-CE' && bi === 0) {
        logins.push({ email: manager.email, role: 'branch-manager', note: `${b.name}: the whole branch` });
        logins.push({ email: senior.email, role: 'senior-advisor', note: "own clients and the team's" });
        logins.push({ email: juniors[0]!.email, role: 'advisor', note: 'own clients only' });
      }
    }
  }
  return { logins, users: users.length, units };
}
