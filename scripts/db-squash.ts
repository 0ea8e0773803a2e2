/**
 * Before the first release, migrations are squashed: this deletes both migration folders and
 * regenerates one `0000_init` per dialect from the current schema. After the first release this
 * script must not be used: add migrations with `npm run db:generate -- <name>` instead.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

for (const [dialect, config] of [
  ['sqlite', 'drizzle.sqlite.config.ts'],
  ['postgres', 'drizzle.pg.config.ts'],
] as const) {
  rmSync(new URL(`../core/storage/migrations/${dialect}`, import.meta.url), { recursive: true, force: true });
  execFileSync('npx', ['drizzle-kit', 'generate', '--config', config, '--name', 'init'], { stdio: 'inherit' });
}
