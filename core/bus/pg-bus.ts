/**
 * @module bus/pg-bus
 * The change bus over PostgreSQL `LISTEN/NOTIFY`: every instance listens on one channel on a
 * connection of its own (outside the pool, which would hand the connection to queries), and
 * announces with `pg_notify` through the pool. A message is `<bus id> <topic> <id>`; a bus skips its
 * own messages (its subscribers heard them already, synchronously).
 *
 * The listening connection may die (a restart, a failover, `pg_terminate_backend`, a pooler): the
 * bus tells its subscribers "anything may have changed" (`*`) at once, reconnects with growing
 * pauses (100 ms doubling to 5 s), and tells them `*` again once it listens again, since messages
 * sent meanwhile were lost (one log line then). It stops for good when the database is closed.
 */
import { randomBytes } from 'node:crypto';
import { describeFailure, type Database, type DedicatedConnection } from '../storage/index.ts';
import { Subscribers, topics, type ChangeBus, type Topic } from './bus.ts';

const codeOf = (e: unknown) => describeFailure(e).code ?? (e as Error)?.message?.slice(0, 60) ?? 'unknown';

/** The channel every instance of broker-crm on a database listens on. */
export const CHANNEL = 'broker_crm_changes';

/**
 * @example
 * const bus = pgBus(database);
 * await bus.ready();
 * bus.subscribe('lead-source-key', () => keys.clear());
 */
export function pgBus(database: Database, log: (line: string) => void = (l) => console.error(l)): ChangeBus {
  if (!database.dedicated) throw new Error('The PostgreSQL change bus needs a PostgreSQL database');
  const self = randomBytes(6).toString('hex');
  const subscribers = new Subscribers(log);
  let connection: DedicatedConnection | null = null;
  let closed = false;
  let pause = 100;
  let timer: NodeJS.Timeout | null = null;
  let lostWhy: string | null = null;
  let listening!: Promise<void>;
  let markListening: () => void = () => {};

  const isTopic = (t: string): t is Topic => (topics as readonly string[]).includes(t);

  const lost = (c: DedicatedConnection, why: unknown) => {
    if (closed || connection !== c) return;
    connection = null;
    lostWhy = codeOf(why); // logged when it listens again; a database being closed is no news
    subscribers.everything();
    listening = new Promise((resolve) => (markListening = resolve));
    schedule();
  };

  const schedule = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect(true);
    }, pause);
    timer.unref();
    pause = Math.min(pause * 2, 5_000);
  };

  async function connect(again: boolean): Promise<void> {
    let c: DedicatedConnection;
    try {
      c = await database.dedicated!();
    } catch (e) {
      if ((e as { code?: string }).code === 'DATABASE_CLOSED') return void (closed = true);
      if (!again) log(`change bus: cannot listen yet (${codeOf(e)}); retrying`);
      return schedule();
    }
    if (closed) return void c.end().catch(() => {});
    c.on('notification', (m) => {
      if (m.channel !== CHANNEL || !m.payload) return;
      const [from, topic, ...rest] = m.payload.split(' ');
      if (from === self || !topic || !isTopic(topic)) return;
      subscribers.deliver(topic, rest.join(' '));
    });
    c.on('error', (e) => lost(c, e));
    c.on('end', () => lost(c, new Error('Connection terminated')));
    try {
      await c.query(`LISTEN ${CHANNEL}`);
    } catch (e) {
      void c.end().catch(() => {});
      return schedule();
    }
    connection = c;
    pause = 100;
    if (again) subscribers.everything(); // messages sent while nobody listened are lost
    if (lostWhy) log(`change bus: the listening connection was lost (${lostWhy}); listening again`);
    lostWhy = null;
    markListening();
  }

  listening = new Promise((resolve) => (markListening = resolve));
  void connect(false);

  return {
    async publish(topic, id) {
      if (closed) return;
      subscribers.deliver(topic, id);
      try {
        await database.raw('SELECT pg_notify(?, ?)', [CHANNEL, `${self} ${topic} ${id}`]);
      } catch (e) {
        // The other instances keep their entries for at most their cache's lifetime.
        log(`change bus: could not announce a change of ${topic} (${codeOf(e)})`);
      }
    },
    subscribe: (topic, fn) => subscribers.add(topic, fn),
    ready: () => (closed ? Promise.resolve() : listening),
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      subscribers.clear();
      markListening();
      const c = connection;
      connection = null;
      await c?.end().catch(() => {});
    },
  };
}
