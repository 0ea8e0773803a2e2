/**
 * @module examples/demo-firm/people
 * The demo firm's network and people: a realistic, clearly fictional Polish brokerage.
 */

export interface DemoBranch {
  code: string;
  name: string;
  city: string;
  type: 'own-branch' | 'franchise-branch';
}
export interface DemoRegion {
  code: string;
  name: string;
  branches: DemoBranch[];
}

export const regions: DemoRegion[] = [
  {
    code: 'R-PN',
    name: 'Region Północ',
    branches: [
      { code: 'GDA-01', name: 'Gdańsk Wrzeszcz', city: 'Gdańsk', type: 'own-branch' },
      { code: 'GDY-01', name: 'Gdynia Centrum', city: 'Gdynia', type: 'franchise-branch' },
      { code: 'BYD-01', name: 'Bydgoszcz Stare Miasto', city: 'Bydgoszcz', type: 'own-branch' },
      { code: 'OLS-01', name: 'Olsztyn Zatorze', city: 'Olsztyn', type: 'franchise-branch' },
    ],
  },
  {
    code: 'R-CE',
    name: 'Region Centrum',
    branches: [
      { code: 'WAW-01', name: 'Warszawa Śródmieście', city: 'Warszawa', type: 'own-branch' },
      { code: 'WAW-02', name: 'Warszawa Mokotów', city: 'Warszawa', type: 'own-branch' },
      { code: 'LOD-01', name: 'Łódź Piotrkowska', city: 'Łódź', type: 'franchise-branch' },
      { code: 'LUB-01', name: 'Lublin Centrum', city: 'Lublin', type: 'own-branch' },
    ],
  },
  {
    code: 'R-PD',
    name: 'Region Południe',
    branches: [
      { code: 'KRK-01', name: 'Kraków Kazimierz', city: 'Kraków', type: 'own-branch' },
      { code: 'KAT-01', name: 'Katowice Centrum', city: 'Katowice', type: 'own-branch' },
      { code: 'WRO-01', name: 'Wrocław Rynek', city: 'Wrocław', type: 'franchise-branch' },
      { code: 'RZE-01', name: 'Rzeszów Podpromie', city: 'Rzeszów', type: 'own-branch' },
    ],
  },
];

export const firstNames = {
  female: [
    'Anna',
    'Katarzyna',
    'Małgorzata',
    'Agnieszka',
    'Joanna',
    'Ewa',
    'Magdalena',
    'Monika',
    'Aleksandra',
    'Natalia',
    'Karolina',
    'Zofia',
    'Beata',
    'Dorota',
    'Justyna',
    'Paulina',
    'Marta',
    'Weronika',
  ],
  male: [
    'Piotr',
    'Krzysztof',
    'Tomasz',
    'Paweł',
    'Michał',
    'Marcin',
    'Jakub',
    'Grzegorz',
    'Łukasz',
    'Adam',
    'Mateusz',
    'Wojciech',
    'Rafał',
    'Jan',
    'Bartosz',
    'Sebastian',
    'Kamil',
    'Dariusz',
  ],
};

/** Surnames with their feminine form where Polish has one (-ski/-ska). */
export const lastNames: Array<[string, string]> = [
  ['Nowak', 'Nowak'],
  ['Kowalski', 'Kowalska'],
  ['Wiśniewski', 'Wiśniewska'],
  ['Wójcik', 'Wójcik'],
  ['Kowalczyk', 'Kowalczyk'],
  ['Kamiński', 'Kamińska'],
  ['Lewandowski', 'Lewandowska'],
  ['Zieliński', 'Zielińska'],
  ['Szymański', 'Szymańska'],
  ['Woźniak', 'Woźniak'],
  ['Dąbrowski', 'Dąbrowska'],
  ['Kozłowski', 'Kozłowska'],
  ['Jankowski', 'Jankowska'],
  ['Mazur', 'Mazur'],
  ['Kwiatkowski', 'Kwiatkowska'],
  ['Krawczyk', 'Krawczyk'],
  ['Piotrowski', 'Piotrowska'],
  ['Grabowski', 'Grabowska'],
  ['Nowakowski', 'Nowakowska'],
  ['Pawłowski', 'Pawłowska'],
  ['Michalski', 'Michalska'],
  ['Król', 'Król'],
  ['Wieczorek', 'Wieczorek'],
  ['Jabłoński', 'Jabłońska'],
  ['Wróbel', 'Wróbel'],
  ['Majewski', 'Majewska'],
];

/** A small deterministic PRNG (mulberry32), so the demo is the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Polish e-mail local part: lowercase, diacritics removed. */
export function emailOf(first: string, last: string, domain = 'kredyt-dom.pl'): string {
  const plain = (s: string) =>
    s
      .toLowerCase()
      .replace(/ł/g, 'l')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '');
  return `${plain(first)}.${plain(last)}@${domain}`;
}
