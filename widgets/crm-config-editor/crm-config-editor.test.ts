import { describe, expect, it } from 'vitest';
import { lineDiff, withContext } from './diff-lines.ts';
import { t } from './words.ts';

describe('config editor: the diff against the running version', () => {
  it('diffs the pretty-printed JSON, so a compact and an indented text of the same config do not differ', () => {
    const running = '{"firm":{"name":"Kredyt-Dom"},"workflow":{"statuses":{"new":{}}}}';
    expect(lineDiff(running, JSON.stringify(JSON.parse(running), null, 2)).every((l) => l.kind === 'same')).toBe(true);
    const draft = JSON.stringify({ firm: { name: 'Kredyt-Dom' }, workflow: { statuses: { new: {}, won: {} } } });
    const changed = lineDiff(running, draft).filter((l) => l.kind !== 'same');
    expect(changed).toEqual([
      { kind: 'removed', text: '      "new": {}' },
      { kind: 'added', text: '      "new": {},' },
      { kind: 'added', text: '      "won": {}' },
    ]);
  });

  it('diffs raw lines when the draft is not JSON', () => {
    const d = lineDiff('{\n  "a": 1\n}', '{\n  "a": 1,,\n}');
    expect(d.filter((l) => l.kind === 'added')).toEqual([{ kind: 'added', text: '  "a": 1,,' }]);
  });

  it('keeps three lines around each change and marks the gaps', () => {
    const lines = Array.from({ length: 20 }, (_, i) => ({ kind: 'same' as const, text: `l${i}` }));
    lines[10] = { kind: 'added' as never, text: 'new' };
    const shown = withContext(lines);
    expect(shown[0]).toBeNull();
    expect(shown.map((l) => l?.text ?? '…')).toEqual(['…', 'l7', 'l8', 'l9', 'new', 'l11', 'l12', 'l13', '…']);
  });

  it('speaks Polish and English', () => {
    expect(t('pl', 'at', 12, 7)).toBe('wiersz 12, kolumna 7');
    expect(t('en', 'at', 12, 7)).toBe('line 12, column 7');
    expect(t('pl', 'running', 0, '', '')).toBe('Działa wersja 0: plik crm.config.json');
    expect(t('en', 'saved', 3)).toBe('Version 3 saved. It runs now, without a restart.');
  });
});
