/**
 * @module bus
 * What the instances on one database share besides the data: a change bus for their caches
 * (in-process on libsql, `LISTEN/NOTIFY` on PostgreSQL), hit counters for rate limits, and one run
 * at a time of scheduled sweeps.
 */
export { EVERYTHING, memoryBus, topics, type ChangeBus, type Listener, type Topic } from './bus.ts';
export { pgBus, CHANNEL } from './pg-bus.ts';
export { busFor, closeBus } from './bus-for.ts';
export { sharedCounter, type SharedCounter } from './shared-counter.ts';
export { runExclusive, type Exclusive } from './run-exclusive.ts';
