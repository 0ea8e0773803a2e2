/**
 * @module widgets/crm-config-editor/diff-lines
 * The draft against the running version as lines (jsdiff's `diffLines`). Both texts are
 * pretty-printed the same way first when they are JSON, so the diff shows what changed, not how the
 * text was indented.
 */
import { diffLines } from 'diff';

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

const pretty = (text: string) => {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
};

/**
 * @example
 * lineDiff('{"a":1}', '{"a":2}') // [{ kind: 'same', text: '{' }, { kind: 'removed', text: '  "a": 1' }, …]
 */
export function lineDiff(running: string, draft: string): DiffLine[] {
  const out: DiffLine[] = [];
  for (const part of diffLines(pretty(running), pretty(draft))) {
    const kind = part.added ? 'added' : part.removed ? 'removed' : 'same';
    const lines = part.value.replace(/\n$/, '').split('\n');
    for (const text of lines) out.push({ kind, text });
  }
  return out;
}

/** Only the changed lines with `context` unchanged lines around each change (null = "…" gap). */
export function withContext(lines: readonly DiffLine[], context = 3): Array<DiffLine | null> {
  const keep = lines.map(() => false);
  lines.forEach((l, i) => {
    if (l.kind === 'same') return;
    for (let j = Math.max(0, i - context); j <= Math.min(lines.length - 1, i + context); j++) keep[j] = true;
  });
  const out: Array<DiffLine | null> = [];
  lines.forEach((l, i) => {
    if (keep[i]) out.push(l);
    else if (out[out.length - 1] !== null) out.push(null);
  });
  return out;
}
