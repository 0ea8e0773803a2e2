import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { assertRuleSet, parseRuleSet, ruleSetProblems, RuleSetError } from './load.ts';
import { ruleSetSchema, type CommissionRule } from './schema.ts';

const groups = {
  'advisor-junior': { for: 'advisor' as const },
  'advisor-senior': { for: 'advisor' as const },
  'partner-standard': { for: 'partner' as const },
};
const firm = (id: string, extra: Partial<CommissionRule> = {}): CommissionRule => ({
  id,
  ledger: 'firm',
  validFrom: '2026-01-01',
  when: { provider: ['bank-a'], product: ['mortgage'] },
  rate: { bp: 90 },
  ...extra,
});
const problemsOf = (rules: unknown[]) =>
  ruleSetProblems({ version: 1, rules }, { commissionGroups: groups }).map((p) => `${p.path}  ${p.message}`);

describe('rule set checks', () => {
  it('accepts the demo firm rule set against the demo config groups', () => {
    const config = JSON.parse(
      readFileSync(new URL('../../../examples/demo-firm/crm.config.json', import.meta.url), 'utf8'),
    );
    const text = readFileSync(new URL('../../../examples/demo-firm/commission-rules.json', import.meta.url), 'utf8');
    expect(parseRuleSet(text, { commissionGroups: config.commissionGroups }).rules.length).toBeGreaterThan(20);
  });

  it('reports two rules that would both apply to one sale', () => {
    expect(
      problemsOf([firm('a'), firm('b', { validFrom: '2026-03-01', when: { product: ['mortgage', 'cash-loan'] } })]),
    ).toEqual([
      '/rules/1  overlaps rule "a" (/rules/0): both would apply on the firm ledger to the same sale from ' +
        '2026-03-01; narrow the conditions or dates, or give the intended one a higher priority',
    ]);
  });

  it('allows rules that cannot meet: other dates, disjoint conditions or amounts, other priority or component', () => {
    expect(
      problemsOf([
        firm('q1', { validTo: '2026-04-01' }),
        firm('q2', { validFrom: '2026-04-01' }),
        firm('other-bank', { when: { provider: ['bank-b'] } }),
        firm('promo', { validFrom: '2026-05-01', validTo: '2026-06-01', priority: 10 }),
        { ...firm('small'), when: { provider: ['bank-c'], amount: { toMinor: 100_000_00 } } },
        { ...firm('large'), when: { provider: ['bank-c'], amount: { fromMinor: 100_000_00 } } },
        firm('bonus', { component: 'volume-bonus' }),
      ]),
    ).toEqual([]);
  });

  it('reports a gap in a (ledger, product) chain that has rules before and after', () => {
    expect(problemsOf([firm('q1', { validTo: '2026-04-01' }), firm('q2', { validFrom: '2026-04-15' })])).toEqual([
      '/rules/1/validFrom  gap in the firm rules for product "mortgage": nothing applies from 2026-04-01 until ' +
        '2026-04-15, though rules exist before and after',
    ]);
  });

  it('reports unknown commission groups and groups of the wrong kind', () => {
    expect(
      problemsOf([
        {
          id: 'adv',
          ledger: 'advisor',
          validFrom: '2026-01-01',
          when: { advisorGroup: ['advisor-senoir', 'partner-standard'] },
          base: { of: 'ledger', ledger: 'firm' },
          rate: { bp: 5000 },
        },
      ]),
    ).toEqual([
      '/rules/0/when/advisorGroup/0  unknown commission group "advisor-senoir" (known advisor groups: ' +
        'advisor-junior, advisor-senior)',
      '/rules/0/when/advisorGroup/1  commission group "partner-standard" is for partners, not advisors',
    ]);
  });

  it('reports negative rates, tiers out of order, min above max', () => {
    expect(
      problemsOf([
        firm('neg-bp', { rate: { bp: -90 } }),
        firm('neg-dec', { when: { provider: ['b'] }, rate: { decimal: '-0.01' } }),
        firm('tiers', {
          when: { provider: ['c'] },
          rate: {
            tiers: [
              { fromMinor: 0, bp: 50 },
              { fromMinor: 500, bp: 60 },
              { fromMinor: 400, bp: -1 },
            ],
          },
        }),
        firm('caps', { when: { provider: ['d'] }, minMinor: 5_000, maxMinor: 1_000 }),
      ]),
    ).toEqual([
      '/rules/0/rate/bp  a rate must not be negative, got -90 bp',
      '/rules/1/rate/decimal  a rate must not be negative, got -0.01',
      '/rules/2/rate/tiers/2/bp  a rate must not be negative, got -1 bp',
      '/rules/2/rate/tiers/2/fromMinor  tiers out of order: this tier starts at 400, not after the previous one (500)',
      '/rules/3/minMinor  the minimum (5000) is larger than the maximum (1000)',
    ]);
  });

  it('reports bases that refer to each other in a cycle', () => {
    const share = (id: string, ledger: 'advisor' | 'partner', of: 'advisor' | 'partner') => ({
      id,
      ledger,
      validFrom: '2026-01-01',
      base: { of: 'ledger', ledger: of },
      rate: { bp: 1000 },
    });
    expect(problemsOf([firm('f'), share('a', 'advisor', 'partner'), share('p', 'partner', 'advisor')])).toEqual([
      "/rules/1/base/ledger  bases form a cycle: advisor → partner → advisor (each ledger's line would " +
        'depend on itself)',
    ]);
    expect(problemsOf([{ ...share('self', 'advisor', 'advisor') }])).toEqual([
      "/rules/0/base/ledger  bases form a cycle: advisor → advisor (each ledger's line would depend on itself)",
    ]);
  });

  it('reports a rate that is not exactly one kind, and a rule type nobody provides', () => {
    expect(
      problemsOf([
        firm('two', { rate: { bp: 90, decimal: '0.009' } }),
        firm('none', { when: { provider: ['x'] }, rate: undefined }),
        { ...firm('plug', { when: { provider: ['y'] }, rate: undefined }), type: 'regional-override', options: {} },
      ]),
    ).toEqual([
      '/rules/0/rate  give exactly one of bp, decimal, fixedMinor, tiers (found bp and decimal)',
      '/rules/1/rate  a standard rule needs a rate: bp, decimal, fixedMinor or tiers',
      '/rules/2/type  unknown rule type "regional-override" (known: standard); is the plugin that provides it ' +
        'registered?',
    ]);
  });

  it('reports schema problems with paths, and line and column when read from text', () => {
    const text =
      '{\n  "version": 1,\n  "rules": [\n    { "id": "a", "ledger": "bank", "validFrom": "2026-01-01", "rate": { ' +
      '"bp": 1.5 } }\n  ]\n}\n';
    try {
      parseRuleSet(text, { file: 'rules.json' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RuleSetError);
      expect((e as RuleSetError).status).toBe(422);
      expect((e as RuleSetError).problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.path} ${p.message}`)).toEqual(
        [
          'rules.json:4:18 /rules/0/ledger must be one of: "firm", "advisor", "partner", "unit"',
          'rules.json:4:73 /rules/0/rate/bp must be a whole number, not 1.5',
        ],
      );
    }
  });

  it('refuses an invalid rule set as a value, naming every problem', () => {
    expect(() => assertRuleSet({ version: 1, rules: [firm('a', { rate: { bp: -1 } })] })).toThrow(
      /1 problem in the commission rule set:\n {2}\/rules\/0\/rate\/bp {2}a rate must not be negative/,
    );
  });
});

describe('commission-rules.schema.json (published for editors)', () => {
  it('is what the schema in code says', () => {
    // Regenerate: node --import tsx -e "import('./core/commissions/rules/schema.ts').then(m =>
    // require('fs').writeFileSync('core/commissions/rules/commission-rules.schema.json',
    // JSON.stringify(m.ruleSetSchema, null, 2) + '\n'))"
    const file = readFileSync(new URL('./commission-rules.schema.json', import.meta.url), 'utf8');
    expect(file).toBe(`${JSON.stringify(ruleSetSchema, null, 2)}\n`);
  });

  it('works on its own in a plain ajv, as an editor uses it', () => {
    const ajv = new Ajv({ strict: true });
    addFormatsModule.default(ajv);
    const validate = ajv.compile(
      JSON.parse(readFileSync(new URL('./commission-rules.schema.json', import.meta.url), 'utf8')),
    );
    expect(
      validate(
        JSON.parse(readFileSync(new URL('../../../examples/demo-firm/commission-rules.json', import.meta.url), 'utf8')),
      ),
    ).toBe(true);
    expect(
      validate({ version: 1, rules: [{ id: 'x', ledger: 'firm', validFrom: '2026-01-01', rate: { percent: 1 } }] }),
    ).toBe(false);
  });
});
