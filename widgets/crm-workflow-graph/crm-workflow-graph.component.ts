/**
 * @module widgets/crm-workflow-graph/component
 * `<crm-workflow-graph>`: the config's workflow section drawn as a graph. Statuses are boxes (the
 * initial one marked "start", final ones with a thick border and "koniec"/"end", a sale with "$"),
 * transitions are arrows with their names, reopen rules dashed arrows on the right. The SVG is an
 * image with a summary for screen readers, followed by a (visually hidden) list of every move,
 * "status → status (name)". Layers run top to bottom (`layout.ts`); a wide layer scrolls within
 * the widget on a phone. Set `.workflow` again after each edit and the graph follows.
 */
import { css, html, nothing, svg } from 'lit';
import { property } from 'lit/decorators.js';
import { CrmElement } from '../base/crm-element.ts';
import { defineTranslations, plPlural, enPlural } from '../base/i18n.ts';
import { uiStyles } from '../base/ui-styles.ts';
import { describeMoves, labelWidth, layoutWorkflow, nodeHeight, nodeWidth, type WorkflowSection } from './layout.ts';

const t = defineTranslations({
  pl: {
    title: 'Graf procesu',
    summary: (s: number, m: number) =>
      `Proces: ${s} ${plPlural(s, 'status', 'statusy', 'statusów')}, ` +
      `${m} ${plPlural(m, 'przejście', 'przejścia', 'przejść')}. Lista przejść poniżej.`,
    statuses: 'Statusy',
    moves: 'Przejścia',
    start: 'start',
    end: 'koniec',
    sale: 'sprzedaż',
    reopen: 'ponowne otwarcie',
    missing: 'brak takiego statusu',
    legend: 'Strzałka przerywana: ponowne otwarcie. Gruba ramka: status końcowy.',
    empty: 'Brak statusów.',
  },
  en: {
    title: 'Workflow graph',
    summary: (s: number, m: number) =>
      `Workflow: ${s} ${enPlural(s, 'status', 'statuses')}, ${m} ${enPlural(m, 'move', 'moves')}. ` +
      'The list of moves follows.',
    statuses: 'Statuses',
    moves: 'Moves',
    start: 'start',
    end: 'end',
    sale: 'sale',
    reopen: 'reopen',
    missing: 'no such status',
    legend: 'Dashed arrow: reopen. Thick border: final status.',
    empty: 'No statuses.',
  },
});

/** Splits a label into at most two lines of about `max` characters. */
function twoLines(text: string, max = 22): string[] {
  if (text.length <= max) return [text];
  const words = text.split(' ');
  let first = '';
  while (words.length && (first + ' ' + words[0]).trim().length <= max) first = (first + ' ' + words.shift()).trim();
  if (!first) first = words.shift() ?? '';
  const rest = words.join(' ');
  return [first, rest.length > max ? rest.slice(0, max - 1) + '…' : rest].filter(Boolean);
}

/**
 * @summary The workflow (statuses and transitions) as a graph, with a text list for screen readers.
 *
 * @csspart graph - The scrolling box around the SVG.
 * @csspart moves - The list of moves (visually hidden).
 */
export class CrmWorkflowGraph extends CrmElement {
  static override styles = [
    ...CrmElement.styles,
    uiStyles,
    css`
      :host { display: block; }
      .scroll { overflow: auto; max-height: 80vh; border: 1px solid var(--crm-color-border, #d1d5db);
        border-radius: 6px; background: var(--crm-color-surface, #fff); }
      svg { display: block; font-family: inherit; }
      .node rect.box { fill: var(--crm-color-surface, #fff); stroke: #475569; stroke-width: 1.2; }
      .node.terminal rect.box { stroke-width: 3; stroke: #1f2937; }
      .node.any rect.box { stroke-dasharray: 5 3; fill: #f8fafc; }
      .node.missing rect.box { stroke: #b91c1c; stroke-dasharray: 3 3; }
      .node text { font-size: 12px; fill: #1f2937; }
      .node text.tag { font-size: 10px; fill: #374151; font-weight: 600; }
      .edge path { fill: none; stroke: #475569; stroke-width: 1.4; }
      .edge.reopen path { stroke-dasharray: 6 4; stroke: #6d28d9; }
      .edge text { font-size: 11px; fill: #1e3a8a; }
      .edge rect { fill: #fff; opacity: .92; }
      h3 { margin: 0 0 .35rem; }
      .legend { margin: .35rem 0 0; }
    `,
  ];

  /** The `workflow` section of the firm config. */
  @property({ attribute: false }) workflow: WorkflowSection | undefined;

  override render() {
    const lang = this.resolvedLang;
    const g = layoutWorkflow(this.workflow, lang);
    const statuses = g.nodes.filter((n) => !n.any);
    if (!statuses.length) return html`<p class="muted">${t(this, 'empty')}</p>`;
    const moves = describeMoves(g, t(this, 'reopen'));
    const tag = (n: (typeof g.nodes)[number]) =>
      [
        n.initial ? t(this, 'start') : '',
        n.terminal ? t(this, 'end') : '',
        n.sale ? t(this, 'sale') : '',
        n.missing ? t(this, 'missing') : '',
      ]
        .filter(Boolean)
        .join(' · ');
    return html`
      <h3 id="title">${t(this, 'title')}</h3>
      <div class="scroll" part="graph" tabindex="0" role="group" aria-labelledby="title">
        <svg role="img" aria-label=${t(this, 'summary', statuses.length, moves.length)} width=${g.width}
          height=${g.height} viewBox="0 0 ${g.width} ${g.height}">
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7"
              orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#475569"></path></marker>
            <marker id="arrow-reopen" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7"
              orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#6d28d9"></path></marker>
          </defs>
          ${g.edges.map(
            (e) => svg`<g class="edge ${e.reopen ? 'reopen' : ''}">
              <path d=${e.d} marker-end=${e.reopen ? 'url(#arrow-reopen)' : 'url(#arrow)'}></path>
            </g>`,
          )}
          ${g.nodes.map((n) => {
            const lines = twoLines(n.label);
            const label = tag(n);
            // The label's lines (13 px apart) and the tag line (11 px) centred in the box.
            const block = lines.length * 13 + (label ? 11 : 0);
            const top = n.y + (nodeHeight - block) / 2 + 10;
            const kind = [n.terminal ? 'terminal' : '', n.any ? 'any' : '', n.missing ? 'missing' : ''].join(' ');
            return svg`<g class="node ${kind}">
              <rect class="box" x=${n.x} y=${n.y} width=${nodeWidth} height=${nodeHeight} rx="7"></rect>
              ${
                n.color
                  ? svg`<rect x=${n.x + 1.5} y=${n.y + 1.5} width="6" height=${nodeHeight - 3} rx="3"
                fill=${n.color}></rect>`
                  : nothing
              }
              ${
                n.initial
                  ? svg`<circle cx=${n.x + nodeWidth / 2} cy=${n.y - 5} r="4" fill="#1f2937"></circle>`
                  : nothing
              }
              ${lines.map(
                (line, i) => svg`<text x=${n.x + nodeWidth / 2} y=${top + i * 13} text-anchor="middle">${line}</text>`,
              )}
              ${
                label
                  ? svg`<text class="tag" x=${n.x + nodeWidth / 2} y=${top + lines.length * 13 - 1}
                      text-anchor="middle">${label}</text>`
                  : nothing
              }
            </g>`;
          })}
          ${g.edges
            .filter((e) => e.label)
            .map((e) => {
              const w = labelWidth(e.label);
              return svg`<g class="edge">
                <rect x=${e.lx - w / 2} y=${e.ly - 9} width=${w} height="16" rx="3"></rect>
                <text x=${e.lx} y=${e.ly + 3} text-anchor="middle">${e.label}</text>
              </g>`;
            })}
        </svg>
      </div>
      <p class="muted legend">${t(this, 'legend')}</p>
      <div class="visually-hidden" part="moves">
        <h4>${t(this, 'statuses')}</h4>
        <ul>
          ${statuses.map((n) => html`<li>${n.label}${tag(n) ? ` (${tag(n)})` : ''}</li>`)}
        </ul>
        <h4>${t(this, 'moves')}</h4>
        <ul>
          ${moves.map((m) => html`<li>${m}</li>`)}
        </ul>
      </div>
    `;
  }
}
