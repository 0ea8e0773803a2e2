/**
 * @module examples/demo-firm/seed-partners
 * The demo firm's partners: real-estate agencies, developers, a car dealer and an
 * accounting office that refer clients, each with its representatives, a partner login for the
 * first two firms (so the partner portal can be tried at `/examples/partner-portal/`), and a
 * monthly report subscription. Runs after `seedDemoFirm` and before `seedDemoClients`, which asks
 * `demoPartnerIds(crm)` for the firms it may mark as referrers.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Crm } from '../../core/crm.ts';
import { createPartner } from '../../core/partners/partners.ts';
import { addPartnerPerson, createPartnerLogin } from '../../core/partners/people.ts';
import { subscribePartnerReport } from '../../core/partners/subscriptions.ts';
import { fixedClock } from '../../core/time/clock.ts';
import { DEMO_PASSWORD, type DemoLogin, type SeedProgress } from './seed.ts';

interface DemoPartner {
  name: string;
  type: string;
  nip: string;
  street: string;
  postalCode: string;
  city: string;
  domain: string;
  group: 'partner-standard' | 'partner-premium';
  people: string[];
}

/** Fictional firms; the NIPs have valid checksums and belong to no one we know of. */
const firms: DemoPartner[] = [
  {
    name: 'Biuro Nieruchomości Bursztyn',
    type: 'real-estate-agency',
    nip: '5842731095',
    street: 'ul. Grunwaldzka 102',
    postalCode: '80-244',
    city: 'Gdańsk',
    domain: 'bursztyn-nieruchomosci.pl',
    group: 'partner-premium',
    people: ['Jolanta Wrzesińska', 'Marek Bielecki'],
  },
  {
    name: 'Deweloper Zielone Tarasy',
    type: 'developer',
    nip: '5213867406',
    street: 'ul. Puławska 145',
    postalCode: '02-715',
    city: 'Warszawa',
    domain: 'zielonetarasy.pl',
    group: 'partner-premium',
    people: ['Agata Sobczak', 'Robert Kalinowski'],
  },
  {
    name: 'Nieruchomości Pod Wawelem',
    type: 'real-estate-agency',
    nip: '6762459326',
    street: 'ul. Dietla 64',
    postalCode: '31-039',
    city: 'Kraków',
    domain: 'podwawelem-nieruchomosci.pl',
    group: 'partner-standard',
    people: ['Ewelina Mróz'],
  },
  {
    name: 'Osiedle Nad Odrą Deweloper',
    type: 'developer',
    nip: '8982174650',
    street: 'ul. Księcia Witolda 18',
    postalCode: '50-202',
    city: 'Wrocław',
    domain: 'nadodra-deweloper.pl',
    group: 'partner-standard',
    people: ['Szymon Ptak', 'Iwona Czech'],
  },
  {
    name: 'Auto Salon Motor-Pol',
    type: 'car-dealer',
    nip: '7272583611',
    street: 'al. Włókniarzy 210',
    postalCode: '90-557',
    city: 'Łódź',
    domain: 'motor-pol.pl',
    group: 'partner-standard',
    people: ['Dariusz Bąk'],
  },
  {
    name: 'Biuro Rachunkowe Bilans',
    type: 'accounting-office',
    nip: '9462319870',
    street: 'ul. Narutowicza 9',
    postalCode: '20-016',
    city: 'Lublin',
    domain: 'bilans-lublin.pl',
    group: 'partner-standard',
    people: ['Renata Kołodziej'],
  },
  {
    name: 'Domy Bałtyk Biuro Nieruchomości',
    type: 'real-estate-agency',
    nip: '5862148737',
    street: 'ul. Świętojańska 40',
    postalCode: '81-391',
    city: 'Gdynia',
    domain: 'domybaltyk.pl',
    group: 'partner-standard',
    people: ['Hubert Lis'],
  },
];

const ascii = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l');
const emailAt = (name: string, domain: string) => `${ascii(name).replace(/ /g, '.')}@${domain}`;

export interface PartnerSeedResult {
  partners: number;
  people: number;
  logins: DemoLogin[];
}

/**
 * Creates the demo partner firms, their representatives, two partner logins and the report subscriptions.
 *
 * @example
 * await seedDemoFirm(crm);
 * const { logins } = await seedDemoPartners(crm); // partner logins, password DEMO_PASSWORD
 * await seedDemoClients(crm);
 */
export async function seedDemoPartners(crm: Crm, onProgress: SeedProgress = () => {}): Promise<PartnerSeedResult> {
  // Partnerships predate the first demo clients (January 2026).
  const ctx = { ...crm.system('demo-seed'), clock: fixedClock('2025-11-03T09:00:00Z') };
  const logins: DemoLogin[] = [];
  let people = 0;
  for (const [i, f] of firms.entries()) {
    const partner = await createPartner(ctx, {
      name: f.name,
      type: f.type,
      nip: f.nip,
      address: { street: f.street, postalCode: f.postalCode, city: f.city },
      contactEmails: [`biuro@${f.domain}`],
      commissionGroup: f.group,
    });
    for (const [k, name] of f.people.entries()) {
      const person = await addPartnerPerson(ctx, partner.id, { name, email: emailAt(name, f.domain) });
      people++;
      // One login per firm, for the first two firms only: enough to try the portal as two partners.
      if (i < 2 && k === 0) {
        const user = await createPartnerLogin(ctx, partner.id, person.id, { password: DEMO_PASSWORD });
        logins.push({ email: user.email, role: 'partner', note: `${f.name}: its referred clients, no personal data` });
      }
    }
    await subscribePartnerReport(ctx, partner.id, {
      frequency: 'monthly',
      emails: [`biuro@${f.domain}`],
      locale: 'pl',
    });
    onProgress('partners', i + 1, firms.length);
  }
  return { partners: firms.length, people, logins };
}

export interface DemoPartnerRef {
  id: string;
  name: string;
  type: string;
  source: string;
  personIds: string[];
}

/**
 * The active partner firms a client seed may name as referrers: for each, the client source that
 * matches its type (the demo config names the `partner-referred` sources after partner types) and
 * its representatives. Internal partners are left out: their referrals name a user, not a firm.
 *
 * @example
 * const partners = await demoPartnerIds(crm);
 * await createClient(ctx, { kind: 'person', type: 'partner-referred', source: partners[0].source,
 *   partnerId: partners[0].id, data });
 */
export async function demoPartnerIds(crm: Crm): Promise<DemoPartnerRef[]> {
  const { db, t } = crm.database;
  const sources = crm.config.clients.types['partner-referred']?.sources ?? {};
  const rows = await db
    .select({ id: t.partners.id, name: t.partners.name, type: t.partners.type })
    .from(t.partners)
    .where(isNull(t.partners.archivedAt))
    .orderBy(asc(t.partners.createdAt), asc(t.partners.id));
  const out: DemoPartnerRef[] = [];
  for (const r of rows) {
    if (crm.config.partners.types[r.type]?.internal || !(r.type in sources)) continue;
    const people = await db
      .select({ id: t.partnerPeople.id })
      .from(t.partnerPeople)
      .where(and(eq(t.partnerPeople.partnerId, r.id), isNull(t.partnerPeople.archivedAt)))
      .orderBy(asc(t.partnerPeople.createdAt));
    out.push({ ...r, source: r.type, personIds: people.map((p) => p.id) });
  }
  return out;
}
