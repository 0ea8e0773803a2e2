/**
 * @module workflow/checks
 * Cross-checks of the `workflow` section the JSON Schema cannot express: moves naming unknown
 * statuses, roles or fields; terminal statuses left other than by reopen; exactly one initial
 * status; statuses nobody can reach or leave; sales that do not ask for what commissions need.
 */
import type { ConfigCheck } from '../config/index.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isRecord) : []);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * What the commission engine reads from a sale's fields. `amountMinor` may be left out of a sale move
 * whose products are paid a fixed fee (an insurance policy): rules that need the amount are then
 * flagged missing for review.
 */
export const SALE_FIELDS = ['provider', 'product', 'saleDate'] as const;
/** What a move out of a sale status must carry: the cancellation's kind and date drive the clawback. */
export const CANCELLATION_FIELDS = ['cancellationKind', 'cancellationDate'] as const;
const CANCELLATION_KINDS = ['withdrawal', 'rejection', 'early-repayment', 'other'];

export const checkWorkflow: ConfigCheck = (config, report) => {
  const wf = (config as { workflow?: unknown }).workflow;
  if (!isRecord(wf) || !isRecord(wf.statuses)) return;
  const statuses = new Map(
    Object.entries(wf.statuses).filter((e): e is [string, Record<string, unknown>] => isRecord(e[1])),
  );
  const known = [...statuses.keys()];
  const terminal = (s: string) => statuses.get(s)?.terminal === true;
  const roles = isRecord(config.roles) ? Object.keys(config.roles) : [];
  const fields = isRecord(wf.fields) ? wf.fields : {};

  const initial = known.filter((s) => statuses.get(s)!.initial === true);
  if (initial.length === 0)
    report('/workflow/statuses', 'no status has "initial": true, so new clients have nowhere to start');
  for (const s of initial.slice(1))
    report(`/workflow/statuses/${esc(s)}/initial`, `only one status may be initial; "${initial[0]}" already is`);
  for (const s of initial)
    if (terminal(s)) report(`/workflow/statuses/${esc(s)}/terminal`, 'the initial status cannot be terminal');

  const edges = new Map<string, Set<string>>(known.map((s) => [s, new Set()]));
  const sources = (from: unknown, to: unknown, wantTerminal: boolean) =>
    from === '*' ? known.filter((s) => s !== to && terminal(s) === wantTerminal) : strings(from);
  const checkRule = (at: string, rule: Record<string, unknown>, reopen: boolean) => {
    const to = rule.to;
    if (typeof to === 'string' && !statuses.has(to))
      report(`${at}/to`, `unknown status "${to}" (known: ${known.join(', ')})`);
    if (reopen && typeof to === 'string' && terminal(to))
      report(`${at}/to`, `a reopen rule must lead to a status that is not terminal; "${to}" is terminal`);
    strings(rule.from).forEach((f, i) => {
      if (!statuses.has(f)) report(`${at}/from/${i}`, `unknown status "${f}" (known: ${known.join(', ')})`);
      else if (!reopen && terminal(f))
        report(`${at}/from/${i}`, `"${f}" is terminal: moves out of it belong in /workflow/reopen`);
      else if (reopen && !terminal(f))
        report(`${at}/from/${i}`, `"${f}" is not terminal: reopen rules only lead out of terminal statuses`);
      if (f === to) report(`${at}/from/${i}`, `a move from "${f}" to itself changes nothing`);
    });
    strings(rule.roles).forEach((r, i) => {
      if (!roles.includes(r)) report(`${at}/roles/${i}`, `unknown role "${r}" (known: ${roles.join(', ')})`);
    });
    strings(rule.requires).forEach((f, i) => {
      if (!Object.hasOwn(fields, f)) report(`${at}/requires/${i}`, `field "${f}" is not defined in /workflow/fields`);
    });
    if (typeof to === 'string' && statuses.get(to)?.sale === true && !reopen) {
      const missing = SALE_FIELDS.filter((f) => !strings(rule.requires).includes(f));
      if (missing.length)
        report(
          `${at}/requires`,
          `"${to}" is a sale: the move must require ${missing.join(', ')} (the commission engine computes from them)`,
        );
    }
    if (reopen && sources(rule.from, to, true).some((f) => statuses.get(f)?.sale === true)) {
      const missing = CANCELLATION_FIELDS.filter((f) => !strings(rule.requires).includes(f));
      if (missing.length)
        report(
          `${at}/requires`,
          `leaving a sale cancels it: the move must require ${missing.join(', ')} (the clawback depends on them)`,
        );
    }
    if (typeof to === 'string') for (const f of sources(rule.from, to, reopen)) edges.get(f)?.add(to);
  };
  list(wf.transitions).forEach((t, i) => checkRule(`/workflow/transitions/${i}`, t, false));
  list(wf.reopen).forEach((r, i) => checkRule(`/workflow/reopen/${i}`, r, true));
  const kind = fields.cancellationKind;
  const kindEnum = isRecord(kind) && isRecord(kind.schema) ? kind.schema.enum : undefined;
  if (
    isRecord(kind) &&
    isRecord(kind.schema) &&
    (!Array.isArray(kindEnum) || strings(kindEnum).some((k) => !CANCELLATION_KINDS.includes(k)))
  )
    report(
      '/workflow/fields/cancellationKind/schema',
      `a cancellation kind is one of ${CANCELLATION_KINDS.join(', ')}: give them (or some of them) in "enum"`,
    );
  const amount = fields.amountMinor;
  if (isRecord(amount) && isRecord(amount.schema) && amount.schema.type !== 'integer')
    report('/workflow/fields/amountMinor/schema/type', 'amounts are integer grosze: use "type": "integer"');

  if (initial.length !== 1) return;
  const reached = new Set([initial[0]!]);
  const queue = [initial[0]!];
  while (queue.length)
    for (const n of edges.get(queue.shift()!) ?? [])
      if (!reached.has(n)) {
        reached.add(n);
        queue.push(n);
      }
  for (const s of known) {
    if (!reached.has(s))
      report(`/workflow/statuses/${esc(s)}`, `no sequence of moves from "${initial[0]}" reaches "${s}"`);
    else if (!terminal(s) && edges.get(s)!.size === 0)
      report(`/workflow/statuses/${esc(s)}`, `"${s}" is not terminal but no move leads out of it`);
  }
};
