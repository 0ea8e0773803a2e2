import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../firm/index.ts';
import { peselCheckDigit } from '../ids/index.ts';
import { decode, detectEncoding, dryRun, guessMapping, parseCsv } from './index.ts';
import { clientFields } from '../clients/index.ts';

const config = loadConfigFile(new URL('../../examples/demo-firm/crm.config.json', import.meta.url).pathname);

/** Windows-1250 bytes of a text (ASCII plus the Polish letters), as Polish Excel saves "CSV". */
const cp1250: Record<string, number> = {
  ą: 0xb9,
  ć: 0xe6,
  ę: 0xea,
  ł: 0xb3,
  ń: 0xf1,
  ó: 0xf3,
  ś: 0x9c,
  ź: 0x9f,
  ż: 0xbf,
  Ą: 0xa5,
  Ć: 0xc6,
  Ę: 0xca,
  Ł: 0xa3,
  Ń: 0xd1,
  Ó: 0xd3,
  Ś: 0x8c,
  Ź: 0x8f,
  Ż: 0xaf,
};
const windows1250 = (text: string) =>
  Uint8Array.from([...text].map((ch) => cp1250[ch] ?? (ch.charCodeAt(0) < 128 ? ch.charCodeAt(0) : 0x3f)));

const pesel = (i: number) => {
  const two = (n: number) => String(n).padStart(2, '0');
  const ten = `80${two((i % 12) + 1)}${two((i % 28) + 1)}${String(i % 10000).padStart(4, '0')}`;
  return `${ten}${peselCheckDigit(ten)}`;
};

describe('client import: dry run', () => {
  it('reads a 10,000-row Windows-1250 CSV with semicolons and decimal commas; bad rows by row and column', () => {
    const names = ['Łukasz', 'Żaneta', 'Ścibor', 'Małgorzata', 'Józef'];
    const lines = ['Imię;Nazwisko;PESEL;Telefon;E-mail;Miejscowość;Dochód netto;Uwagi'];
    for (let i = 0; i < 10_000; i++)
      lines.push(
        [
          names[i % 5],
          `Wójcik-${i}`,
          pesel(i),
          `+48 5${String(i).padStart(8, '0')}`,
          `klient${i}@poczta.example`,
          'Łódź',
          `${4000 + (i % 100)},50`,
          'stały klient',
        ].join(';'),
      );
    // Bad rows (line numbers in the file: the header is line 1, data row i is line i + 2).
    const bad: Array<{ i: number; column: string; row: string[] }> = [
      {
        i: 10,
        column: 'PESEL',
        row: ['Jan', 'Zły-PESEL', '80010112345', '+48 600000001', 'a@b.pl', 'Gdańsk', '1,00', ''],
      },
      {
        i: 2000,
        column: 'E-mail',
        row: ['Ewa', 'Zły-email', pesel(20_000), '+48 600000002', 'ewa@', 'Gdańsk', '1,00', ''],
      },
      {
        i: 4000,
        column: 'Dochód netto',
        row: ['Ola', 'Formuła', pesel(20_001), '+48 600000003', 'o@b.pl', 'Kraków', '=B2*2', ''],
      },
      { i: 6000, column: 'Nazwisko', row: ['Bez', '', pesel(20_002), '+48 600000004', 'n@b.pl', 'Kielce', '2', ''] },
      {
        i: 8000,
        column: 'Telefon',
        row: ['Dwa', 'Razy', pesel(20_003), `+48 5${String(7).padStart(8, '0')}`, 'd@b.pl', 'Kraków', '2,00', ''],
      },
    ];
    for (const b of bad) lines[b.i + 1] = b.row.join(';');
    const bytes = windows1250(`${lines.join('\r\n')}\r\n`);

    expect(detectEncoding(bytes)).toBe('windows-1250');
    const { text } = decode(bytes);
    const table = parseCsv(text);
    expect(table.separator).toBe(';');
    expect(table.header[5]).toBe('Miejscowość');
    const report = dryRun(config, table, { kind: 'person' });
    expect(report.mapping).toEqual({
      Imię: 'firstName',
      Nazwisko: 'lastName',
      PESEL: 'pesel',
      Telefon: 'phone',
      'E-mail': 'email',
      Miejscowość: 'city',
      'Dochód netto': 'netMonthlyIncomeMinor',
    });
    expect(report.ignored).toEqual(['Uwagi']);
    expect(report.total).toBe(10_000);
    expect(report.problems.map((p) => [p.row, p.column])).toEqual(bad.map((b) => [b.i + 2, b.column]));
    expect(report.problems.find((p) => p.column === 'Telefon')!.message).toBe('the same phone as row 9');
    expect(report.problems.find((p) => p.column === 'Dochód netto')!.message).toMatch(/formula/);
    expect(report.valid).toHaveLength(10_000 - bad.length);
    const first = { firstName: 'Łukasz', city: 'Łódź', netMonthlyIncomeMinor: 400050 };
    expect(report.valid[0]!.data).toMatchObject(first);
  });

  it('reads UTF-8 with a BOM and comma separators, and English headers', () => {
    const bytes = new TextEncoder().encode('\ufeffFirst name,Last name,Phone\r\nAnna,Kowalska,501 234 567\r\n');
    expect(detectEncoding(bytes)).toBe('utf-8');
    const table = parseCsv(decode(bytes).text);
    expect(table.header).toEqual(['First name', 'Last name', 'Phone']);
    expect(guessMapping(table.header, clientFields(config).person)).toEqual({
      'First name': 'firstName',
      'Last name': 'lastName',
      Phone: 'phone',
    });
    const report = dryRun(config, table);
    expect(report.problems).toEqual([]);
    expect(report.valid[0]!.data).toMatchObject({ lastName: 'Kowalska', phone: '+48501234567' });
  });
});
