/**
 * @module cli/progress
 * A one-line progress bar for long CLI steps; plain lines when output is not a terminal.
 */
export function progressBar(out: NodeJS.WriteStream = process.stderr) {
  let lastStep = '';
  let lastPct = -1;
  return (step: string, done: number, total: number) => {
    const pct = total ? Math.floor((done / total) * 100) : 100;
    if (out.isTTY) {
      const width = 30;
      const fill = Math.round((pct / 100) * width);
      out.write(
        `\r  ${step.padEnd(12)} [${'#'.repeat(fill)}${' '.repeat(width - fill)}] ${String(pct).padStart(3)}% ` +
          `(${done}/${total})`,
      );
      if (done >= total) out.write('\n');
    } else if (step !== lastStep || pct >= lastPct + 25 || done >= total) {
      out.write(`  ${step}: ${done}/${total}\n`);
      lastPct = pct;
    }
    lastStep = step;
  };
}
