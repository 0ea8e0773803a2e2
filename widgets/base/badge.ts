/**
 * @module widgets/base/badge
 * A status colour as the `--badge` custom property, set through the CSSOM (`styleMap`) rather
 * than a `style` attribute, so widgets keep their colours on pages with a strict CSP
 * (`style-src 'self'` blocks style attributes but not CSSOM writes).
 */
import { styleMap } from 'lit/directives/style-map.js';

/**
 * @example
 * html`<span class="badge" style=${badgeColor('#22c55e')}>Nowy</span>`
 */
export const badgeColor = (color: string | undefined) => styleMap(color ? { '--badge': color } : {});
