/**
 * @module widgets/base/badge
 * A status colour as the `--badge` custom property, always written through the CSSOM
 * (`style.setProperty`). Neither a `style="…"` binding nor Lit's `styleMap` will do: both write a
 * style *attribute* on first render, which a page with a strict CSP (`style-src 'self'`) blocks,
 * while CSSOM writes are allowed.
 */
import { nothing } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

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
    if (color) style.setProperty('--badge', color);
    else style.removeProperty('--badge');
    return nothing;
  }
}

/**
 * @example
 * html`<span class="badge" ${badgeColor('#22c55e')}>Nowy</span>`
 */
export const badgeColor = directive(BadgeColor);
