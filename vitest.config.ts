import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The package's own name ('broker-crm/plugin', used by plugins) resolves to the sources, not to dist/.
  resolve: { conditions: ['broker-crm-source'] },
  ssr: { resolve: { conditions: ['broker-crm-source'] } },
  test: {
    include: [
      'core/**/*.test.ts',
      'plugins/**/*.test.ts',
      'widgets/**/*.test.ts',
      'examples/**/*.test.ts',
      'tests/**/*.test.ts',
      'scripts/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    // Random keys per test process (no built-in default secret exists): tests/setup-keys.ts.
    setupFiles: ['tests/setup-keys.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
