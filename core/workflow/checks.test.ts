import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../firm/index.ts';

const demoText = readFileSync(new URL('../../examples/demo-firm/crm.config.json', import.meta.url), 'utf8');
const demo = () => JSON.parse(demoText) as Record<string, any>;
const problems = (config: unknown) => {
  try {
    parseConfig(JSON.stringify(config, null, 2));
    return [];
  } catch (e) {
    return (e as ConfigError).problems.map((p) => `${p.path} ${p.message}`);
  }
};

describe('workflow config checks', () => {
  it('accepts the demo mortgage workflow, and a config without a workflow gets the default funnel', () => {
    expect(problems(demo())).toEqual([]);
    // Without the demo's workflow its retention rules (which name the demo's statuses) go too.
    const { workflow, retention, ...rest } = demo();
    const config = parseConfig(JSON.stringify(rest));
    expect(Object.keys(config.workflow.statuses)).toEqual(['new', 'contact', 'application', 'sale', 'resigned']);
  });

  it('names unknown statuses, roles, fields, moves out of terminal statuses, sales lacking commission fields', () => {
    const c = demo();
    c.workflow.transitions.push({ from: ['offers'], to: 'signed' });
    c.workflow.transitions.push({ from: ['disbursed'], to: 'contact' });
    c.workflow.transitions[0].roles = ['advisr'];
    c.workflow.transitions[4].requires = ['bank'];
    c.workflow.transitions[9].requires = ['provider', 'product'];
    c.workflow.reopen[0].to = 'disbursed';
    expect(problems(c)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/workflow\/transitions\/11\/to unknown status "signed"/),
        expect.stringMatching(/^\/workflow\/transitions\/12\/from\/0 "disbursed" is terminal/),
        expect.stringMatching(/^\/workflow\/transitions\/0\/roles\/0 unknown role "advisr"/),
        expect.stringMatching(/^\/workflow\/transitions\/4\/requires\/0 field "bank" is not defined/),
        expect.stringMatching(
          /^\/workflow\/transitions\/9\/requires "disbursed" is a sale: the move must require saleDate/,
        ),
        expect.stringMatching(/^\/workflow\/reopen\/0\/to .*"disbursed" is terminal/),
      ]),
    );
  });

  it('requires exactly one initial status and flags statuses nobody can reach or leave', () => {
    const c = demo();
    c.workflow.statuses.contact.initial = true;
    expect(problems(c)).toEqual([
      expect.stringMatching(/^\/workflow\/statuses\/contact\/initial only one status may be initial/),
    ]);
    const d = demo();
    d.workflow.statuses.archive = { label: { pl: 'Archiwum', en: 'Archive' } };
    expect(problems(d)).toEqual([
      expect.stringMatching(/^\/workflow\/statuses\/archive no sequence of moves from "new" reaches "archive"/),
    ]);
    const e = demo();
    e.workflow.transitions = e.workflow.transitions.filter(
      (t: any) => t.to !== 'resigned' && t.from[0] !== 'agreement-signed',
    );
    expect(problems(e)).toEqual(
      expect.arrayContaining([expect.stringMatching(/"agreement-signed" is not terminal but no move leads out of it/)]),
    );
  });

  it('a move out of a sale status must require the cancellation kind and date; kinds are the four known', () => {
    const c = demo();
    c.workflow.reopen[1].requires = ['cancellationDate'];
    c.workflow.fields.cancellationKind.schema.enum = ['withdrawal', 'refund'];
    expect(problems(c)).toEqual([
      '/workflow/fields/cancellationKind/schema a cancellation kind is one of withdrawal, rejection, ' +
        'early-repayment, other: give them (or some of them) in "enum"',
      '/workflow/reopen/1/requires leaving a sale cancels it: the move must require cancellationKind ' +
        '(the clawback depends on them)',
    ]);
  });
});
