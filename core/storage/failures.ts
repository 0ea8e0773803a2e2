/**
 * @module storage/failures
 * What a database failure means to the rest of the code, and what may be written about it in a log.
 *
 * `isDatabaseUnavailable(err)` is true when the database could not be reached or dropped the
 * connection (PostgreSQL restarting, failing over, an administrator ending sessions, the network
 * gone; a libsql file locked by another process or not openable): the request may succeed when
 * tried again, so the HTTP layer answers 503 instead of 500.
 *
 * `describeFailure(err)` turns any error into a summary that is safe to log: the error's code, the
 * statement's shape (SQL with placeholders, string literals blanked), the constraint/table/column
 * names the driver reports, the ids (UUIDs) among the parameters, and the stack frames. Never the
 * other parameter values, the driver's `detail` (PostgreSQL puts the offending key value there), nor
 * the message of drizzle's query error (it carries every parameter: e-mails, texts, whole documents).
 */

/** SQLSTATE codes that mean "the server went away or will not take us now", not "your statement is wrong". */
const UNAVAILABLE_SQLSTATE = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, fast shutdown, DROP DATABASE … WITH (FORCE)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '53300', // too_many_connections
  '3D000', // invalid_catalog_name: the database is gone
]);
const UNAVAILABLE_NODE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const UNAVAILABLE_SQLITE = /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|PROTOCOL)/;
const UNAVAILABLE_MESSAGE = new RegExp(
  '^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|' +
    'Cannot use a pool after calling end|Client was closed and is not queryable)',
);

interface DriverError {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  query?: unknown;
  params?: unknown;
  stack?: unknown;
}

/** The error and the errors it wraps (`cause`), outermost first. */
function chain(err: unknown): DriverError[] {
  const out: DriverError[] = [];
  for (let e = err; e && typeof e === 'object' && out.length < 8; e = (e as DriverError).cause) {
    out.push(e as DriverError);
  }
  return out;
}

/**
 * True when the failure is the database being unreachable, not the statement being wrong.
 * @example
 * try { await db.select().from(t.users); } catch (e) { if (isDatabaseUnavailable(e)) retryLater(); }
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  return chain(err).some((e) => {
    const code = typeof e.code === 'string' ? e.code : '';
    if (UNAVAILABLE_SQLSTATE.has(code) || code.startsWith('08') || UNAVAILABLE_NODE.has(code)) return true;
    if (UNAVAILABLE_SQLITE.test(code)) return true;
    return typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message);
  });
}

/** What may be logged about a failure. */
export interface FailureSummary {
  /** The outermost error's class name (`DrizzleQueryError`, `TypeError`…). */
  name: string;
  /** The innermost driver code found: SQLSTATE (`23505`), `SQLITE_BUSY`, `ECONNREFUSED`… */
  code?: string;
  /** A message without data: driver messages keep only the quoted names the driver reported. */
  message: string;
  /** The statement's shape: SQL with placeholders, string literals blanked, at most 300 characters. */
  statement?: string;
  constraint?: string;
  table?: string;
  column?: string;
  /** The parameters that are ids (UUIDs), by position (`$3`); other values are never kept. */
  ids?: Record<string, string>;
  /** Stack frames only (the first line of a stack repeats the message). */
  stack?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

function statementShape(query: string): string {
  const blanked = query.replace(/'(?:[^']|'')*'/g, "'…'").replace(/\s+/g, ' ');
  return blanked.length > 300 ? `${blanked.slice(0, 300)}…` : blanked;
}

/** Keep quoted text only when it is a name the driver reported; `"…"` for anything else (values). */
function scrubMessage(message: string, names: Array<string | undefined>): string {
  const keep = new Set(names.filter(Boolean));
  const scrubbed = message
    .replace(/"([^"]*)"/g, (m, inner: string) => (keep.has(inner) ? m : '"…"'))
    .replace(/'([^']*)'/g, (m, inner: string) => (keep.has(inner) ? m : "'…'"));
  return scrubbed.length > 300 ? `${scrubbed.slice(0, 300)}…` : scrubbed;
}

/**
 * A summary of any error that is safe to write to a log (see the module comment).
 * @example
 * catch (e) { console.error('import failed', describeFailure(e)); }
 */
export function describeFailure(err: unknown): FailureSummary {
  const all = chain(err);
  const outer = all[0];
  if (!outer) return { name: typeof err, message: String(err).slice(0, 300) };
  const isQueryError = (e: DriverError) => typeof e.query === 'string' && 'params' in e;
  const query = all.find(isQueryError);
  // The driver's own error: the innermost one that carries a code, else the innermost one.
  const driver = [...all].reverse().find((e) => typeof e.code === 'string') ?? all[all.length - 1]!;
  const constraint = str(driver.constraint);
  const table = str(driver.table);
  const column = str(driver.column);
  const name = (outer as Error).constructor?.name ?? 'Error';
  const summary: FailureSummary = {
    name,
    message:
      query || typeof driver.code === 'string'
        ? scrubMessage(String(query === driver ? 'query failed' : (driver.message ?? '')), [constraint, table, column])
        : String(outer.message ?? '')
            // A wrapped drizzle message ("Failed query: … params: …") keeps its statement, never its values.
            .replace(/params: [\s\S]*$/, 'params: (not logged)')
            .slice(0, 300),
  };
  if (typeof driver.code === 'string') summary.code = driver.code;
  if (query) summary.statement = statementShape(String(query.query));
  if (constraint) summary.constraint = constraint;
  if (table) summary.table = table;
  if (column) summary.column = column;
  if (query && Array.isArray(query.params)) {
    const ids: Record<string, string> = {};
    query.params.forEach((p, i) => {
      if (typeof p === 'string' && UUID.test(p)) ids[`$${i + 1}`] = p;
    });
    if (Object.keys(ids).length) summary.ids = ids;
  }
  if (typeof outer.stack === 'string') {
    const frames = outer.stack
      .split('\n')
      .filter((l) => /^\s+at /.test(l))
      .slice(0, 12)
      .join('\n');
    if (frames) summary.stack = frames;
  }
  return summary;
}

/**
 * One log line for a failure: `<context>: <name> | code=… | <message> | statement: … | ids: …`,
 * then the stack frames.
 * @example
 * console.error(failureLine('outbox worker: a run failed', e));
 */
export function failureLine(context: string, err: unknown): string {
  return formatFailure(context, describeFailure(err));
}

/** The same line from a summary already made. */
export function formatFailure(context: string, s: FailureSummary): string {
  const parts = [`${context}: ${s.name}`];
  if (s.code) parts.push(`code=${s.code}`);
  if (s.message) parts.push(s.message);
  if (s.constraint) parts.push(`constraint=${s.constraint}`);
  if (s.table) parts.push(`table=${s.table}`);
  if (s.column) parts.push(`column=${s.column}`);
  if (s.statement) parts.push(`statement: ${s.statement}`);
  if (s.ids) parts.push(`ids: ${JSON.stringify(s.ids)}`);
  return parts.join(' | ') + (s.stack ? `\n${s.stack}` : '');
}
