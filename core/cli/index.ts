/**
 * @module cli
 * The `broker-crm` command line (`bin/broker-crm.js` runs `main`). The only part of `core/` that
 * reads argv and prints to a terminal.
 */
export { main } from './main.ts';
