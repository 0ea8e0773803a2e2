/**
 * @module bus/bus
 * The change bus: "this thing changed" announcements between the caches of every process that
 * shares one database. A publisher names a topic and an id; every subscriber of that topic, in this
 * process and in the others, hears it and forgets what it cached. The bus carries no data, only
 * names, so a lost message costs at most a cache's own lifetime (a few seconds), never a wrong write.
 *
 * Two implementations behind one type: in-process (libsql: one process writes the database, so the
 * process's own subscribers are everyone), and PostgreSQL `LISTEN/NOTIFY` (`pg-bus.ts`).
 */

/**
 * What changed. Subscribers of a topic get the id of the changed thing, or `*` for "anything".
 * `session` (signed out: the token's digest), `user` (disabled, password changed), `org` (units,
 * memberships, supervisors), `lead-source-key` (revoked), `config` (a new version of the firm
 * configuration was saved; the id is its number: `core/config-versions` reloads it, sessions forget actors).
 */
export type Topic = 'session' | 'user' | 'org' | 'config' | 'lead-source-key';

export const topics: readonly Topic[] = ['session', 'user', 'org', 'config', 'lead-source-key'];

/** `*`: everything of the topic may have changed (a reconnect, after which messages may have been missed). */
export const EVERYTHING = '*';

export type Listener = (id: string) => void;

export interface ChangeBus {
  /**
   * Announce a change. This process's subscribers hear it before `publish` returns; other processes
   * within milliseconds. Call it after the change is committed. The promise settles once the
   * announcement has left the process (it never rejects: a failure is logged).
   */
  publish(topic: Topic, id: string): Promise<void>;
  /** Hear the changes of a topic; returns the unsubscribe function. */
  subscribe(topic: Topic, fn: Listener): () => void;
  /** Resolves once the bus hears other processes (at once in-process). */
  ready(): Promise<void>;
  /** Stop hearing and announcing. */
  close(): Promise<void>;
}

/** Subscribers by topic, delivered to one by one (a throwing subscriber does not stop the others). */
export class Subscribers {
  private readonly byTopic = new Map<Topic, Set<Listener>>();

  constructor(private readonly log: (line: string) => void) {}

  add(topic: Topic, fn: Listener): () => void {
    let set = this.byTopic.get(topic);
    if (!set) this.byTopic.set(topic, (set = new Set()));
    set.add(fn);
    return () => void set.delete(fn);
  }

  deliver(topic: Topic, id: string): void {
    for (const fn of this.byTopic.get(topic) ?? []) {
      try {
        fn(id);
      } catch (e) {
        this.log(`change bus: a subscriber of "${topic}" failed (${(e as Error)?.message ?? String(e)})`);
      }
    }
  }

  /** Tell every subscriber that anything may have changed. */
  everything(): void {
    for (const topic of this.byTopic.keys()) this.deliver(topic, EVERYTHING);
  }

  clear(): void {
    this.byTopic.clear();
  }
}

/** Buses of one process that share a database (by its label): what one publishes, all hear. */
const hubs = new Map<string, Set<Subscribers>>();

/**
 * The in-process bus: every bus made for the same database label in this process hears the others.
 *
 * @example
 * const bus = memoryBus('file:./crm.db');
 * bus.subscribe('org', () => places.clear());
 * void bus.publish('org', unitId);
 */
export function memoryBus(label: string, log: (line: string) => void = (l) => console.error(l)): ChangeBus {
  const own = new Subscribers(log);
  let hub = hubs.get(label);
  if (!hub) hubs.set(label, (hub = new Set()));
  hub.add(own);
  let closed = false;
  return {
    publish(topic, id) {
      if (!closed) for (const s of hubs.get(label) ?? []) s.deliver(topic, id);
      return Promise.resolve();
    },
    subscribe: (topic, fn) => own.add(topic, fn),
    ready: () => Promise.resolve(),
    async close() {
      closed = true;
      own.clear();
      const h = hubs.get(label);
      h?.delete(own);
      if (h && !h.size) hubs.delete(label);
    },
  };
}
