import { describe, expect, it } from 'vitest';
import { CrmError } from '../errors.ts';
import { parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it('reads a Polish Excel CSV: ";" separators, quoted fields with the separator and a line break', () => {
    const t = parseCsv('Imię;Nazwisko;Uwagi\r\nJan;Kowalski;"dzwonić; po 17"\r\n\r\nAnna;Nowak;"dwie\nlinie"\r\n');
    expect(t.header).toEqual(['Imię', 'Nazwisko', 'Uwagi']);
    expect(t.rows.map((r) => [r.line, ...r.cells])).toEqual([
      [2, 'Jan', 'Kowalski', 'dzwonić; po 17'],
      [5, 'Anna', 'Nowak', 'dwie\nlinie'],
    ]);
  });

  it('refuses a malformed file with a 422 naming the line, not the parser or the content', () => {
    for (const text of ['Imię;Nazwisko\nJan;"Kowalski\n', 'a"b;c\n1;2\n']) {
      let error: unknown;
      try {
        parseCsv(text);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CrmError);
      expect((error as CrmError).code).toBe('invalid');
      expect((error as CrmError).message).toMatch(/^The file is not valid CSV( at line \d+)?: /);
      expect((error as CrmError).message).not.toMatch(/Kowalski|a"b/);
    }
  });
});
