/**
 * @module bench/widget-sizes
 * Bench lines for the download size of each widget (min+gz, Lit included) against bare Lit
 * built in the same run. `run()` builds everything, so expect ~10–30 s on the 2-core machine.
 */
import { measureWidgetSizes, sizeLine } from '../scripts/widget-sizes.ts';

/**
 * @example
 * for (const line of await run()) console.log(line);
 * // bench size-crm-hello crm-hello min+gz: ours=8.6KB baseline=5.9KB ratio=1.46 goal=n/a
 */
export async function run(): Promise<string[]> {
  const { baseline, widgets } = await measureWidgetSizes();
  return widgets.map((w) => sizeLine(w, baseline));
}
