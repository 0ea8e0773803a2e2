/**
 * @module config/positions
 * JSON text → value, keeping where every key and value stands, so that each problem can name its
 * line and column. Duplicate keys (which `JSON.parse` silently collapses) are reported too.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

export interface Position {
  line: number;
  column: number;
}
export interface PositionedProblem extends Position {
  path: string;
  message: string;
}

export interface PositionedJson {
  value: unknown;
  /** Syntax errors and duplicate keys. */
  problems: PositionedProblem[];
  /** False when the text is not JSON at all; then `value` is undefined. With duplicate keys the last one wins. */
  syntaxOk: boolean;
  /** Where a JSON pointer stands (the key for a property, or the nearest existing ancestor). */
  positionOf(pointer: string, preferKey?: boolean): Position;
}

/**
 * @example
 * const json = parseWithPositions('{\n  "a": 1,\n  "a": 2\n}');
 * json.problems[0]; // { line: 3, column: 3, path: '/a', message: 'duplicate key "a"' }
 */
export function parseWithPositions(input: string): PositionedJson {
  // Windows editors may save a byte-order mark; it is not part of the JSON and no editor counts it as a column.
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const at = (offset: number): Position => {
    let lo = 0,
      hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const problems = syntaxProblems(text, errors, at);
  const syntaxOk = problems.length === 0 && root !== undefined;
  if (root) findDuplicates(root, '', problems, at);

  const positionOf = (pointer: string, preferKey = true): Position => {
    if (!root) return { line: 1, column: 1 };
    const segs = pointer
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    // Walk as far as the pointer exists; a missing key is shown at its nearest existing ancestor.
    let node = root;
    let keyNode: Node | undefined;
    for (const seg of segs) {
      const next = child(node, seg);
      if (!next) break;
      [node, keyNode] = next;
    }
    return at((preferKey && keyNode ? keyNode : node).offset);
  };
  return { value: syntaxOk ? nodeValue(root) : undefined, syntaxOk, problems, positionOf };
}

/** The value node (and key node) under `seg`; of duplicate keys the last, as it is the one in effect. */
function child(node: Node, seg: string): [Node, Node | undefined] | undefined {
  if (node.type === 'array') {
    const item = /^(0|[1-9]\d*)$/.test(seg) ? node.children?.[Number(seg)] : undefined;
    return item ? [item, undefined] : undefined;
  }
  if (node.type !== 'object') return undefined;
  let found: [Node, Node | undefined] | undefined;
  for (const prop of node.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (k && v && k.value === seg) found = [v, k];
  }
  return found;
}

/**
 * One problem per line: after a slip the parser often reports knock-on errors nearby, which only
 * bury the real one. A trailing comma (the commonest slip when editing by hand) shows up as "key
 * expected" at the closing brace, so it is named as what it is, at the comma.
 */
function syntaxProblems(text: string, errors: ParseError[], at: (o: number) => Position): PositionedProblem[] {
  const out: PositionedProblem[] = [];
  const usedOffsets = new Set<number>();
  const usedLines = new Set<number>();
  // After a stray character or an unfinished string the parser resynchronises by guesswork, so what
  // it reports next is noise; only trailing commas and comments are still certain.
  let guessing = false;
  for (const e of errors) {
    const code = printParseErrorCode(e.error);
    let offset = e.offset;
    let message = describe(code);
    let trailingComma = false;
    const close = text[offset];
    if ((code === 'PropertyNameExpected' || code === 'ValueExpected') && (close === '}' || close === ']')) {
      let i = offset - 1;
      while (i >= 0 && /\s/.test(text[i]!)) i--;
      if (text[i] === ',') {
        offset = i;
        trailingComma = true;
        message = `trailing comma: remove the "," before ${close}`;
      }
    } else if (code === 'InvalidSymbol') {
      const symbol = text.slice(e.offset, e.offset + Math.max(1, e.length));
      message = symbol.startsWith("'") ? "unexpected character ' (JSON needs double quotes)" : `unexpected "${symbol}"`;
    }
    const pos = at(offset);
    // A trailing comma is never a knock-on, so two on one line are both reported.
    const certain = trailingComma || code === 'InvalidCommentToken';
    if (usedOffsets.has(e.offset) || ((usedLines.has(pos.line) || guessing) && !certain)) continue;
    if (code === 'InvalidSymbol' || code === 'UnexpectedEndOfString' || code === 'InvalidCharacter') guessing = true;
    usedOffsets.add(e.offset);
    usedLines.add(pos.line);
    out.push({ ...pos, path: '', message: `JSON syntax: ${message}` });
  }
  return out;
}

function describe(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'invalid number',
    PropertyNameExpected: 'a key in double quotes was expected',
    ValueExpected: 'a value was expected',
    ColonExpected: 'a colon was expected',
    CommaExpected: 'a comma was expected',
    CloseBraceExpected: 'a closing } was expected',
    CloseBracketExpected: 'a closing ] was expected',
    EndOfFileExpected: 'nothing may follow the top-level value',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfComment: 'unfinished comment',
    UnexpectedEndOfString: 'unfinished string',
    UnexpectedEndOfNumber: 'unfinished number',
    InvalidUnicode: 'invalid \\u escape',
    InvalidEscapeCharacter: 'invalid escape',
    InvalidCharacter: 'invalid character in string',
  };
  return words[code] ?? code;
}

function findDuplicates(node: Node, path: string, out: PositionedProblem[], at: (o: number) => Position): void {
  if (node.type === 'object') {
    const seen = new Set<string>();
    for (const prop of node.children ?? []) {
      const [k, v] = prop.children ?? [];
      if (!k) continue;
      const key = String(k.value);
      const p = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (seen.has(key)) out.push({ ...at(k.offset), path: p, message: `duplicate key "${key}"` });
      seen.add(key);
      if (v) findDuplicates(v, p, out, at);
    }
  } else if (node.type === 'array') {
    node.children?.forEach((c, i) => findDuplicates(c, `${path}/${i}`, out, at));
  }
}

/** Build the value ourselves: `__proto__` stays an ordinary own key and cannot touch prototypes. */
function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (k && v)
          Object.defineProperty(o, String(k.value), {
            value: nodeValue(v),
            enumerable: true,
            writable: true,
            configurable: true,
          });
      }
      return o;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}
