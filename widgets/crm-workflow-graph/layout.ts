/**
 * @module widgets/crm-workflow-graph/layout
 * A layered (Sugiyama-style, simplified) layout of a workflow: statuses are nodes, transitions and
 * reopen rules are edges. Back edges are found by a depth-first walk from the initial status and
 * set aside; every other status sits one layer below the furthest status leading to it (longest
 * path), layers are ordered by two barycentre sweeps to cut crossings, and back edges are drawn on
 * the right, outside the layers. Layers run top to bottom, so the graph stays narrow enough for a
 * phone (at most one layer's width) and reads in the order a case moves.
 *
 * A hand-written layout rather than @dagrejs/dagre: a firm's workflow has a dozen statuses, this file
 * is ~200 lines in the widget bundle while dagre brings graphlib (tens of KB minified), and the
 * layered order is what people read a sales funnel by.
 */

type Label = Partial<Record<'pl' | 'en', string>>;
export interface WorkflowSection {
  statuses?: Record<string, { label?: Label; initial?: boolean; terminal?: boolean; sale?: boolean; color?: string }>;
  transitions?: { from?: string | string[]; to?: string; label?: Label }[];
  reopen?: { from?: string | string[]; to?: string; label?: Label }[];
}

export interface GraphNode {
  id: string;
  /** The status label in the asked language, else the id. */
  label: string;
  initial: boolean;
  terminal: boolean;
  sale: boolean;
  /** `*`: the pseudo-status "every open status" of a transition from `"*"`. */
  any: boolean;
  /** Named by a transition but not among the statuses (a typo while editing). */
  missing: boolean;
  color: string | undefined;
  layer: number;
  x: number;
  y: number;
}

export interface GraphEdge {
  from: string;
  to: string;
  label: string;
  reopen: boolean;
  /** SVG path data. */
  d: string;
  /** Where the label goes. */
  lx: number;
  ly: number;
}

export interface GraphLayout {
  nodes: GraphNode[];
  edges: GraphEdge[];
  width: number;
  height: number;
}

export const nodeWidth = 168;
export const nodeHeight = 44;
const gapX = 28;
const gapY = 56;
const margin = 12;
const backLane = 18;

/** How wide an edge's label is drawn (11 px text). */
export function labelWidth(text: string): number {
  return Math.min(200, text.length * 6.2 + 8);
}

function pick(label: Label | undefined, lang: 'pl' | 'en'): string {
  return label?.[lang] || label?.pl || label?.en || '';
}

/**
 * Lays the workflow out.
 *
 * @example
 * const workflow = { statuses: { a: { initial: true }, b: {} }, transitions: [{ from: ['a'], to: 'b' }] };
 * const g = layoutWorkflow(workflow, 'pl');
 * g.nodes.map((n) => n.layer); // [0, 1]
 */
export function layoutWorkflow(workflow: WorkflowSection | undefined, lang: 'pl' | 'en'): GraphLayout {
  const statuses = workflow?.statuses ?? {};
  const nodes = new Map<string, GraphNode>();
  const addNode = (id: string, extra: Partial<GraphNode> = {}) => {
    if (nodes.has(id)) return;
    const s = Object.hasOwn(statuses, id) ? statuses[id] : undefined;
    nodes.set(id, {
      id,
      label: pick(s?.label, lang) || id,
      initial: s?.initial === true,
      terminal: s?.terminal === true,
      sale: s?.sale === true,
      any: false,
      missing: !s,
      color: s?.color,
      layer: 0,
      x: 0,
      y: 0,
      ...extra,
    });
  };
  for (const id of Object.keys(statuses)) addNode(id);

  const raw: { from: string; to: string; label: string; reopen: boolean }[] = [];
  const rules = [
    ...(workflow?.transitions ?? []).map((r) => ({ r, reopen: false })),
    ...(workflow?.reopen ?? []).map((r) => ({ r, reopen: true })),
  ];
  for (const { r, reopen } of rules) {
    if (typeof r.to !== 'string' || !r.to) continue;
    const froms = r.from === '*' ? ['*'] : Array.isArray(r.from) ? r.from.filter((f) => typeof f === 'string') : [];
    addNode(r.to);
    for (const f of froms) {
      if (f === '*')
        addNode('*', { any: true, missing: false, label: lang === 'pl' ? 'Każdy otwarty status' : 'Any open status' });
      else addNode(f);
      raw.push({ from: f, to: r.to, label: pick(r.label, lang), reopen });
    }
  }

  // Back edges: those closing a cycle in a depth-first walk from the initial status(es), then the rest.
  const out = new Map<string, string[]>();
  for (const e of raw) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  const back = new Set<string>();
  const seen = new Set<string>();
  const onStack = new Set<string>();
  const visit = (id: string) => {
    seen.add(id);
    onStack.add(id);
    for (const to of out.get(id) ?? []) {
      if (onStack.has(to)) back.add(`${id}\u0000${to}`);
      else if (!seen.has(to)) visit(to);
    }
    onStack.delete(id);
  };
  const order = [...nodes.values()].sort((a, b) => Number(b.initial || b.any) - Number(a.initial || a.any));
  for (const n of order) if (!seen.has(n.id)) visit(n.id);
  const isBack = (e: { from: string; to: string; reopen: boolean }) =>
    e.reopen || e.from === e.to || back.has(`${e.from}\u0000${e.to}`);

  // Longest path from the sources over forward edges (a DAG once back edges are set aside).
  const forward = raw.filter((e) => !isBack(e));
  for (let changed = true, rounds = 0; changed && rounds <= nodes.size; rounds++) {
    changed = false;
    for (const e of forward) {
      const a = nodes.get(e.from)!;
      const b = nodes.get(e.to)!;
      if (b.layer < a.layer + 1) {
        b.layer = a.layer + 1;
        changed = true;
      }
    }
  }

  // Order within layers: config order, then barycentres of the layer above, twice.
  const layers: GraphNode[][] = [];
  for (const n of nodes.values()) (layers[n.layer] ??= []).push(n);
  for (let l = 0; l < layers.length; l++) layers[l] ??= [];
  const position = new Map<string, number>();
  const index = () => layers.forEach((layer) => layer.forEach((n, i) => position.set(n.id, i)));
  index();
  for (let sweep = 0; sweep < 2; sweep++) {
    for (let l = 1; l < layers.length; l++) {
      const bary = new Map<string, number>();
      for (const n of layers[l]!) {
        const ups = forward.filter((e) => e.to === n.id).map((e) => position.get(e.from) ?? 0);
        bary.set(n.id, ups.length ? ups.reduce((s, v) => s + v, 0) / ups.length : (position.get(n.id) ?? 0));
      }
      layers[l]!.sort((a, b) => bary.get(a.id)! - bary.get(b.id)!);
      index();
    }
  }

  const widest = Math.max(1, ...layers.map((l) => l.length));
  const innerWidth = widest * nodeWidth + (widest - 1) * gapX;
  layers.forEach((layer, l) => {
    const w = layer.length * nodeWidth + (layer.length - 1) * gapX;
    const left = margin + (innerWidth - w) / 2;
    layer.forEach((n, i) => {
      n.x = left + i * (nodeWidth + gapX);
      n.y = margin + l * (nodeHeight + gapY);
    });
  });

  const right = margin + innerWidth;
  let lanes = 0;
  let labelRoom = 0;
  const edges: GraphEdge[] = raw.map((e) => {
    const a = nodes.get(e.from)!;
    const b = nodes.get(e.to)!;
    if (!isBack(e) && b.layer > a.layer) {
      const x1 = a.x + nodeWidth / 2;
      const y1 = a.y + nodeHeight;
      const x2 = b.x + nodeWidth / 2;
      const y2 = b.y;
      const my = (y1 + y2) / 2;
      return { ...e, d: `M${x1},${y1} C${x1},${my} ${x2},${my} ${x2},${y2 - 2}`, lx: (x1 + x2) / 2, ly: my };
    }
    // Back edge (or a loop): down out of the source, right to a lane beside the layers, up, and down into
    // the target; the horizontal runs lie in the gaps between layers, so the arrow crosses no box.
    lanes++;
    labelRoom = Math.max(labelRoom, e.label ? labelWidth(e.label) / 2 : 0);
    const lane = right + lanes * backLane;
    const sx = a.x + nodeWidth * 0.8;
    const sy = a.y + nodeHeight;
    const tx = b.x + nodeWidth * 0.8 + 6;
    const ty = b.y;
    const below = sy + 10 + (lanes % 4) * 4;
    const above = ty - 12 - (lanes % 4) * 4;
    return {
      ...e,
      d: `M${sx},${sy} L${sx},${below} L${lane},${below} L${lane},${above} L${tx},${above} L${tx},${ty - 2}`,
      lx: lane,
      ly: (below + above) / 2,
    };
  });

  return {
    nodes: [...nodes.values()],
    edges,
    width: right + margin + (lanes + 1) * backLane + labelRoom,
    height: margin * 2 + layers.length * (nodeHeight + gapY) - gapY,
  };
}

/**
 * The graph as sentences for people who do not see it: one per move, "status → status (name)".
 *
 * @example
 * describeMoves(g); // ['Nowy → Kontakt', 'Decyzja negatywna → Wniosek złożony (Wniosek do innego banku)', …]
 */
export function describeMoves(layout: GraphLayout, reopenWord: string): string[] {
  const name = (id: string) => layout.nodes.find((n) => n.id === id)?.label ?? id;
  return layout.edges.map((e) => {
    const extra = [e.label, e.reopen ? reopenWord : ''].filter(Boolean).join(', ');
    return `${name(e.from)} → ${name(e.to)}${extra ? ` (${extra})` : ''}`;
  });
}
