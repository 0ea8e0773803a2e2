import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeMoves, layoutWorkflow, nodeHeight, nodeWidth, type WorkflowSection } from './layout.ts';

const demo = (JSON.parse(readFileSync('examples/demo-firm/crm.config.json', 'utf8')) as { workflow: WorkflowSection })
  .workflow;

describe('workflow graph layout', () => {
  it('draws every status once, the initial one on top, moves in the order a case goes', () => {
    const g = layoutWorkflow(demo, 'pl');
    const ids = Object.keys(demo.statuses!);
    expect(g.nodes.filter((n) => !n.any).map((n) => n.id)).toEqual(ids);
    const at = (id: string) => g.nodes.find((n) => n.id === id)!;
    expect(at('new').layer).toBe(0);
    expect(at('new').initial).toBe(true);
    expect(at('contact').layer).toBeGreaterThan(at('new').layer);
    expect(at('disbursed').layer).toBeGreaterThan(at('agreement-signed').layer);
    expect(at('disbursed').terminal && at('disbursed').sale).toBe(true);
    expect(at('analysis').label).toBe('Analiza potrzeb i zdolności');
    expect(layoutWorkflow(demo, 'en').nodes.find((n) => n.id === 'analysis')!.label).toBe('Needs and creditworthiness');
  });

  it('keeps boxes apart and inside the drawing', () => {
    const g = layoutWorkflow(demo, 'pl');
    for (const a of g.nodes) {
      expect(a.x).toBeGreaterThanOrEqual(0);
      expect(a.x + nodeWidth).toBeLessThanOrEqual(g.width);
      expect(a.y + nodeHeight).toBeLessThanOrEqual(g.height);
      for (const b of g.nodes) {
        if (a === b) continue;
        const apart =
          a.x + nodeWidth <= b.x || b.x + nodeWidth <= a.x || a.y + nodeHeight <= b.y || b.y + nodeHeight <= a.y;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
  });

  it('says every move in words: names, "*" and reopen rules', () => {
    const g = layoutWorkflow(demo, 'pl');
    const moves = describeMoves(g, 'ponowne otwarcie');
    expect(moves).toContain('Nowy → Kontakt');
    expect(moves).toContain('Decyzja negatywna → Wniosek złożony (Wniosek do innego banku)');
    expect(moves).toContain('Każdy otwarty status → Rezygnacja');
    expect(moves).toContain('Rezygnacja → Kontakt (ponowne otwarcie)');
    // offers + decision-negative → documents is two arrows.
    const edges = (demo.transitions ?? []).reduce((n, r) => n + (Array.isArray(r.from) ? r.from.length : 1), 0);
    expect(moves).toHaveLength(edges + (demo.reopen ?? []).length);
  });

  it('follows an edit: a new status and a move to it appear; a move to a missing status is flagged', () => {
    const edited: WorkflowSection = {
      ...demo,
      statuses: { ...demo.statuses, 'call-back': { label: { pl: 'Oddzwonić', en: 'Call back' } } },
      transitions: [
        ...(demo.transitions ?? []),
        { from: ['contact'], to: 'call-back', label: { pl: 'Prosi o telefon', en: 'Asks for a call' } },
      ],
    };
    const g = layoutWorkflow(edited, 'pl');
    expect(describeMoves(g, '')).toContain('Kontakt → Oddzwonić (Prosi o telefon)');
    const typo = layoutWorkflow({ statuses: { a: { initial: true } }, transitions: [{ from: ['a'], to: 'b' }] }, 'en');
    expect(typo.nodes.find((n) => n.id === 'b')?.missing).toBe(true);
    expect(layoutWorkflow(undefined, 'pl').nodes).toEqual([]);
  });
});
