/**
 * @module org/unique
 * Uniqueness is the database's job: two requests creating the same e-mail or unit code at once both
 * pass any check made before inserting, and the unique index stops the second. This turns that
 * index's error into the same 409 the check gives, instead of a 500.
 */
import { conflict, type CrmError } from '../errors.ts';

function chain(err: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (let e = err, i = 0; e && typeof e === 'object' && i < 8; e = (e as { cause?: unknown }).cause, i++)
    out.push(e as Record<string, unknown>);
  return out;
}

/**
 * Whether `err` is a unique-index violation of the index `name` (PostgreSQL reports the index name,
 * SQLite the `table.column`; give both).
 * @example
 * isUniqueViolation(e, ['users_email_uq', 'users.email'])
 */
export function isUniqueViolation(err: unknown, names: readonly string[]): boolean {
  return chain(err).some((e) => {
    const code = String(e.code ?? '') + ' ' + String(e.extendedCode ?? '');
    const text = `${String(e.constraint ?? '')} ${String(e.message ?? '')}`;
    const unique = code.includes('23505') || /SQLITE_CONSTRAINT/.test(code) || /UNIQUE constraint failed/.test(text);
    return unique && names.some((n) => text.includes(n));
  });
}

/**
 * Run `fn`; a violation of the named unique index becomes `error()` (a 409).
 * @example
 * await uniqueOr409(() => insertUser(), ['users_email_uq', 'users.email'], () => conflict('E-mail taken'));
 */
export async function uniqueOr409<T>(
  fn: () => Promise<T>,
  names: readonly string[],
  error: () => CrmError,
): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isUniqueViolation(e, names)) throw error();
    throw e;
  }
}

export { conflict };
