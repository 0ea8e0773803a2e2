/**
 * @module widgets/base/badge
 * A status colour as the `--badge` custom property, always written through the CSSOM
 * (`style.setProperty`). Neither a `style="…"` binding nor Lit's `styleMap` will do: both write a
 * style *attribute* on first render, which a page with a strict CSP (`style-src 'self'`) blocks,
 * while CSSOM writes are allowed. The text colour (`--badge-text`) is black or white, whichever reads
 * better on the configured colour (WCAG contrast, see `contrast.ts`).
 */
import { nothing } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';
import { readableTextOn } from './contrast.ts';

class BadgeColor extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('badgeColor() belongs on an element: <span ${badgeColor(c)}>');
  }

  render(_color: string | undefined) {
    return nothing;
  }

  override update(part: ElementPart, [color]: [string | undefined]) {
    const style = (part.element as HTMLElement).style;
    const text = color ? readableTextOn(color) : null;
    if (color) style.setProperty('--badge', color);
    else style.removeProperty('--badge');
    if (text) style.setProperty('--badge-text', text);
    else style.removeProperty('--badge-text');
    return nothing;
  }
}

/**
 * @example
 * html`<span class="badge" ${badgeColor('#22c55e')}>Nowy</span>`
 */
export const badgeColor = directive(BadgeColor);
