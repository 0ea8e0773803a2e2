import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './core/storage/pg/schema.ts',
  out: './core/storage/migrations/postgres',
});
