/**
 * @module workflow/rules
 * Reading the workflow config: which moves lead out of a status, which of them an actor may make,
 * and the JSON Schema of the fields a move asks for. Pure functions of the config and the actor.
 */
import type { Actor } from '../access/index.ts';
import type { FirmSections } from '../config/index.ts';

import type { WorkflowConfig } from './config-schema.ts';
import { enumLabelsOf } from './enum-labels.ts';

export type { WorkflowConfig };
type Label = { pl: string; en: string };

/** One move out of a status, with `from` resolved to a single status. */
export interface Move {
  from: string;
  to: string;
  kind: 'transition' | 'reopen';
  label: Label;
  /** Roles allowed; undefined = anyone with clients:write on the client. */
  roles: readonly string[] | undefined;
  requires: readonly string[];
  noteRequired: boolean;
  sale: boolean;
  terminal: boolean;
}

/** The JSON Schema of a move's fields, for validation and for the status picker's form. */
export interface FieldsSchema {
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required: string[];
  additionalProperties: false;
}

/**
 * The status new clients start in.
 * @example
 * initialStatus(config) // 'new'
 */
export function initialStatus(config: Pick<FirmSections, 'workflow'>): string {
  const found = Object.entries(config.workflow.statuses).find(([, s]) => s.initial);
  if (!found) throw new Error('The workflow has no initial status (config checks should have caught this)');
  return found[0];
}

const expand = (wf: WorkflowConfig, from: '*' | readonly string[], to: string, terminalSources: boolean): string[] =>
  from === '*'
    ? Object.entries(wf.statuses)
        .filter(([id, s]) => id !== to && Boolean(s.terminal) === terminalSources)
        .map(([id]) => id)
    : [...from];

/**
 * Every move defined out of `from`, whoever may make it; reopen rules when `from` is terminal.
 * @example
 * movesFrom(config.workflow, 'new').map((m) => m.to) // ['contact', 'resigned']
 */
export function movesFrom(wf: WorkflowConfig, from: string): Move[] {
  const source = wf.statuses[from];
  if (!source) return [];
  const out = new Map<string, Move>();
  const add = (m: Omit<Move, 'sale' | 'terminal' | 'label'>, label?: Label) => {
    const target = wf.statuses[m.to];
    // The first rule naming a pair wins; checks report duplicates.
    if (!target || out.has(m.to)) return;
    out.set(m.to, {
      ...m,
      label: label ?? target.label,
      sale: Boolean(target.sale),
      terminal: Boolean(target.terminal),
    });
  };
  if (source.terminal) {
    for (const r of wf.reopen) {
      if (expand(wf, r.from, r.to, true).includes(from))
        add({ from, to: r.to, kind: 'reopen', roles: r.roles, requires: r.requires, noteRequired: r.noteRequired });
    }
  } else {
    for (const t of wf.transitions) {
      if (expand(wf, t.from, t.to, false).includes(from))
        add(
          { from, to: t.to, kind: 'transition', roles: t.roles, requires: t.requires, noteRequired: t.noteRequired },
          t.label,
        );
    }
  }
  return [...out.values()];
}

/** Whether the actor's roles allow the move (the system actor may make every move). */
export function mayMake(actor: Actor, move: Move): boolean {
  return actor.kind === 'system' || !move.roles || move.roles.some((r) => actor.roles.includes(r));
}

/**
 * The schema of the fields a move asks for (labels as `title`, Polish first; pick-list values' labels as
 * `x-crm-enum-labels`).
 * @example
 * fieldsSchema(config.workflow, move).required // ['provider', 'product', 'amountMinor', 'saleDate']
 */
export function fieldsSchema(wf: WorkflowConfig, move: Move): FieldsSchema {
  const properties: FieldsSchema['properties'] = {};
  for (const name of move.requires) {
    const f = wf.fields[name];
    const enumLabels = f?.schema.enum ? enumLabelsOf(name, f.enumLabels) : undefined;
    if (f)
      properties[name] = {
        ...f.schema,
        title: f.label.pl,
        'x-crm-label': f.label,
        ...(f.financial ? { 'x-crm-financial': true } : {}),
        ...(enumLabels ? { 'x-crm-enum-labels': enumLabels } : {}),
      };
  }
  return { type: 'object', properties, required: [...move.requires], additionalProperties: false };
}

/** Names of fields marked financial: hidden in the history from people without financial:read. */
export function financialFields(wf: WorkflowConfig): Set<string> {
  return new Set(
    Object.entries(wf.fields)
      .filter(([, f]) => f.financial)
      .map(([n]) => n),
  );
}
