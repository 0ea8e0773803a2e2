/**
 * @module tests/browser/axe
 * axe-core in a Chromium page: the serious and critical accessibility violations, shadow roots
 * included, as "rule: target" lines a failing assertion prints.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * @example
 * expect(await axeProblems(page)).toEqual([]);
 */
export async function axeProblems(page: Page): Promise<string[]> {
  await page.evaluate(axeSource); // evaluated by the DevTools protocol: the page's strict CSP does not apply
  return page.evaluate(async () => {
    // any: axe is a global the evaluated script defined
    const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return (r.violations as { id: string; impact: string; nodes: { target: unknown }[] }[])
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}
