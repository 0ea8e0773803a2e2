#!/usr/bin/env node
// The CLI runs from TypeScript sources through tsx's loader (no build step for the server side).
import { register } from 'tsx/esm/api';

register();
process.env.BROKER_CRM_BIN = '1';
await import('../core/cli/main.ts');
