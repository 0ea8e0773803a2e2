#!/usr/bin/env node
// The `broker-crm` command. The npm package runs the built JavaScript in dist/ on plain Node. In a
// checkout of the repository (the TypeScript sources are there) it runs the sources through tsx, a
// devDependency, so the command never needs a build while the code is being worked on.
import { existsSync } from 'node:fs';
import { register } from 'node:module';

process.env.BROKER_CRM_BIN = '1';
const sources = new URL('../core/cli/main.ts', import.meta.url);
if (existsSync(sources) && !process.env.BROKER_CRM_BUILT) {
  // Resolve the package's own name (plugins import 'broker-crm/plugin') to the sources, not to dist/.
  register(
    'data:text/javascript,export const resolve = (s, c, next) => ' +
      'next(s, { ...c, conditions: [...c.conditions, "broker-crm-source"] });',
  );
  const { register: registerTsx } = await import('tsx/esm/api');
  registerTsx();
  await import(sources.href);
} else {
  await import('../dist/core/cli/main.js');
}
