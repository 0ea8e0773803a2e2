/**
 * @module examples/demo-firm/seed-clients
 * The demo firm's clients: about 2,000 persons and companies spread over the advisors, each walked
 * through the mortgage workflow as far as its story goes, with contact history, over 2026. Every
 * step goes through the real operations (createClient, transition, recordActivity) as the advisor,
 * so histories, audit rows and (when the commission module is wired) sales and commission lines
 * are what the product itself would have written.
 */
import { isNull } from 'drizzle-orm';
import { inTransaction, type Ctx } from '../../core/context.ts';
import type { Crm } from '../../core/crm.ts';
import { createClient } from '../../core/clients/create-client.ts';
import { peselCheckDigit } from '../../core/ids/pesel.ts';
import { DAY_MS, fixedClock } from '../../core/time/index.ts';
import { recordActivity } from '../../core/workflow/activities.ts';
import { transition } from '../../core/workflow/transition.ts';
import { firstNames, lastNames, prng } from './people.ts';
import { demoPartnerIds } from './seed-partners.ts';

const PATH = [
  'contact',
  'analysis',
  'offers',
  'documents',
  'application-filed',
  'decision-positive',
  'agreement-signed',
  'disbursed',
];
const products: Array<{ provider: string; product: string; min: number; max: number; weight: number }> = [
  { provider: 'bank-aurora', product: 'aurora-mortgage', min: 250_000, max: 900_000, weight: 4 },
  { provider: 'bank-wislany', product: 'wislany-mortgage', min: 250_000, max: 900_000, weight: 4 },
  { provider: 'bank-polnocny', product: 'polnocny-mortgage', min: 200_000, max: 800_000, weight: 3 },
  { provider: 'bank-aurora', product: 'aurora-cash-loan', min: 10_000, max: 120_000, weight: 3 },
  { provider: 'bank-wislany', product: 'wislany-cash-loan', min: 10_000, max: 100_000, weight: 2 },
  { provider: 'bank-wislany', product: 'wislany-consolidation', min: 40_000, max: 250_000, weight: 2 },
  { provider: 'tu-tarcza', product: 'tarcza-life', min: 2_000, max: 12_000, weight: 1 },
];
const cities = [
  'Warszawa',
  'Kraków',
  'Gdańsk',
  'Gdynia',
  'Wrocław',
  'Łódź',
  'Lublin',
  'Katowice',
  'Bydgoszcz',
  'Olsztyn',
  'Rzeszów',
  'Sopot',
];
const companies = [
  'Stolarnia',
  'Piekarnia',
  'Transport',
  'Biuro Projektowe',
  'Auto-Serwis',
  'Kwiaciarnia',
  'Drukarnia',
  'Hurtownia',
  'Gabinet Stomatologiczny',
  'Pracownia Architektoniczna',
];

/** A valid PESEL for a birth date and sex (the demo never uses real people's numbers). */
function pesel(rnd: () => number, female: boolean): string {
  const y = 1955 + Math.floor(rnd() * 45),
    m = 1 + Math.floor(rnd() * 12),
    d = 1 + Math.floor(rnd() * 28);
  const mm = y >= 2000 ? m + 20 : m;
  const serial = String(Math.floor(rnd() * 1000)).padStart(3, '0');
  const sexDigit = (Math.floor(rnd() * 5) * 2 + (female ? 0 : 1)) % 10;
  const two = (n: number) => String(n).padStart(2, '0');
  const ten = `${two(y % 100)}${two(mm)}${two(d)}${serial}${sexDigit}`;
  return ten + peselCheckDigit(ten);
}

/** A valid NIP: retry random stems until the checksum is not 10. */
function nip(rnd: () => number): string {
  const w = [6, 5, 7, 2, 3, 4, 5, 6, 7];
  for (;;) {
    const digits = Array.from({ length: 9 }, (_, i) => (i === 0 ? 1 + Math.floor(rnd() * 9) : Math.floor(rnd() * 10)));
    const check = digits.reduce((s, dg, i) => s + dg * w[i]!, 0) % 11;
    if (check !== 10) return digits.join('') + check;
  }
}

export interface ClientSeedOptions {
  perAdvisor?: number;
  now?: Date;
}

/**
 * @example
 * await seedDemoClients(crm, progressBar());
 */
export async function seedDemoClients(
  crm: Crm,
  onProgress: (step: string, done: number, total: number) => void = () => {},
  options: ClientSeedOptions = {},
): Promise<number> {
  const rnd = prng(7_2026);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const { db, t } = crm.database;
  const partners = await demoPartnerIds(crm);
  const prnd = prng(9_2026); // its own stream: the other clients stay as they were
  const advisors = await db
    .select({ id: t.users.id, roles: t.users.roles })
    .from(t.users)
    .where(isNull(t.users.partnerId));
  const sellers = advisors.filter((a) => a.roles.includes('advisor') || a.roles.includes('senior-advisor'));
  const perAdvisor = options.perAdvisor ?? 56;
  const total = sellers.length * perAdvisor;
  const now = (options.now ?? new Date('2026-11-26T09:00:00Z')).getTime();
  const start = new Date('2026-01-05T08:00:00Z').getTime();
  let done = 0;
  for (const seller of sellers) {
    const base = await crm.asUser(seller.id);
    const clock = fixedClock(new Date(start));
    const ctx: Ctx = { ...base, clock };
    // One transaction per advisor: thousands of steps, one commit each (savepoints inside).
    await inTransaction(ctx, async (tx) => {
      for (let i = 0; i < perAdvisor; i++) {
        const born = start + rnd() * (now - start - 3 * DAY_MS);
        clock.set(new Date(born));
        const female = rnd() < 0.5;
        const isCompany = rnd() < 0.18;
        const [m, f] = pick(lastNames);
        const first = pick(female ? firstNames.female : firstNames.male);
        const last = female ? f : m;
        const phone = `+48${5 + Math.floor(rnd() * 3)}${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`;
        const city = pick(cities);
        const ownType = rnd() < 0.55 ? 'private' : 'company-acquired';
        const ownSource =
          ownType === 'private'
            ? pick(['own-network', 'client-recommendation', 'returning-client', 'advisor-social-media'])
            : pick(['hotline', 'website-form', 'comparison-portal', 'facebook-ads', 'google-ads', 'trade-fair']);
        const partner = partners.length && prnd() < 0.15 ? partners[Math.floor(prnd() * partners.length)]! : null;
        const type = partner ? 'partner-referred' : ownType;
        const source = partner ? partner.source : ownSource;
        const data: Record<string, unknown> = isCompany
          ? {
              companyName: `${pick(companies)} ${last}`,
              legalForm: pick(['jdg', 'sp-zoo', 'sp-j']),
              nip: nip(rnd),
              contactPerson: `${first} ${last}`,
              phone,
              city,
              smsConsent: rnd() < 0.6,
            }
          : {
              firstName: first,
              lastName: last,
              pesel: pesel(rnd, female),
              phone,
              email: `${first}.${last}.${i}@poczta.example`
                .toLowerCase()
                .normalize('NFD')
                .replace(/[\u0300-\u036f]/g, '')
                .replace(/ł/g, 'l'),
              city,
              employment: pick(['umowa-o-prace', 'umowa-o-prace', 'dzialalnosc-gospodarcza', 'umowa-zlecenie']),
              netMonthlyIncomeMinor: (4_000 + Math.floor(rnd() * 16_000)) * 100,
              householdSize: 1 + Math.floor(rnd() * 4),
              smsConsent: rnd() < 0.8,
            };
        const client = await createClient(tx, {
          kind: isCompany ? 'company' : 'person',
          type,
          source,
          data,
          partnerId: partner?.id ?? null,
        });
        // How far this client's story goes: most stop early, some buy, some resign.
        const r = rnd();
        const steps =
          r < 0.25
            ? 0
            : r < 0.45
              ? 1 + Math.floor(rnd() * 2)
              : r < 0.75
                ? 3 + Math.floor(rnd() * 3)
                : r < 0.9
                  ? PATH.length
                  : 2 + Math.floor(rnd() * 4);
        const resigns = r >= 0.9;
        const offer = pick(products.flatMap((p) => Array(p.weight).fill(p) as typeof products));
        let version = client.version;
        for (let s = 0; s < steps && s < PATH.length; s++) {
          clock.advance((1 + rnd() * 9) * DAY_MS);
          if (clock.now().getTime() > now) break;
          const to = PATH[s]!;
          if (rnd() < 0.7)
            await recordActivity(tx, client.id, {
              type: pick(['call', 'call', 'meeting', 'email']),
              outcome: pick(['reached', 'interested', 'meeting-set', 'documents-received']),
              note: s === 0 ? 'Pierwszy kontakt, klient zainteresowany ofertą.' : null,
            });
          const fields: Record<string, unknown> = {};
          if (['application-filed', 'decision-positive', 'agreement-signed', 'disbursed'].includes(to))
            fields.provider = offer.provider;
          if (['agreement-signed', 'disbursed'].includes(to)) fields.product = offer.product;
          if (to === 'disbursed') {
            fields.amountMinor = (offer.min + Math.floor((rnd() * (offer.max - offer.min)) / 100) * 100) * 100;
            fields.saleDate = clock.now().toISOString().slice(0, 10);
          }
          const res = await transition(tx, client.id, { to, fields, expectedVersion: version });
          version = res.client.version;
        }
        if (resigns && clock.now().getTime() < now - DAY_MS) {
          clock.advance(DAY_MS);
          await transition(tx, client.id, {
            to: 'resigned',
            note: pick([
              'Klient wybrał ofertę banku bezpośrednio.',
              'Brak zdolności kredytowej.',
              'Klient zrezygnował z zakupu mieszkania.',
            ]),
            expectedVersion: version,
          });
        }
        onProgress('clients', ++done, total);
      }
    });
  }
  return done;
}
