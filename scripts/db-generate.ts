/**
 * Regenerates the migrations of both dialects with drizzle-kit, with the same migration name so the
 * two folders stay in step. Usage: `npm run db:generate -- <name>`.
 */
import { execFileSync } from 'node:child_process';

const name = process.argv[2] ?? 'change';
for (const config of ['drizzle.sqlite.config.ts', 'drizzle.pg.config.ts']) {
  execFileSync('npx', ['drizzle-kit', 'generate', '--config', config, '--name', name], { stdio: 'inherit' });
}
