/**
 * @module access/mask
 * Field masking, in one place: fields annotated `x-crm-pii` or `x-crm-financial` in the client
 * JSON Schema are removed (not blanked) unless the actor holds `pii:read` / `financial:read` for
 * that record. What is removed is never sent, so no UI can leak it.
 */
import type { Actor } from './actor.ts';
import type { Permission } from './permissions.ts';
import { canAccess, type RecordOwnership } from './scope.ts';

export type FieldClass = 'pii' | 'financial';

/** Field name → its classes, read from a JSON Schema's `properties`. */
export function fieldClasses(schema: { properties?: Record<string, unknown> }): Map<string, FieldClass[]> {
  const out = new Map<string, FieldClass[]>();
  for (const [name, s] of Object.entries(schema.properties ?? {})) {
    const p = s as Record<string, unknown>;
    const classes: FieldClass[] = [];
    if (p['x-crm-pii']) classes.push('pii');
    if (p['x-crm-financial']) classes.push('financial');
    if (classes.length) out.set(name, classes);
  }
  return out;
}

/**
 * An identifier shown by its last 4 characters only.
 * @example
 * maskValue('44051401359') // '*******1359'
 */
export function maskValue(v: string): string {
  return '*'.repeat(Math.max(0, v.length - 4)) + v.slice(-4);
}

/**
 * A copy of `data` without the fields the actor may not read for this record. Identifiers named
 * in `maskable` (PESEL, phone, e-mail…; personal only, not financial) that the actor may not read
 * in full are shown masked (`*******1359`) instead when it holds `pii:masked` for the record.
 * @example
 * maskFields(actor, client, client.data, fieldClasses(personSchema))
 */
export function maskFields<T extends Record<string, unknown>>(
  actor: Actor,
  record: RecordOwnership,
  data: T,
  classes: Map<string, FieldClass[]>,
  maskable: ReadonlySet<string> = new Set(),
): Partial<T> {
  const may = { pii: canAccess(actor, 'pii:read', record), financial: canAccess(actor, 'financial:read', record) };
  const masked = !may.pii && maskable.size > 0 && canAccess(actor, 'pii:masked', record);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    const cls = classes.get(k);
    if (!cls || cls.every((c) => may[c])) out[k] = v;
    else if (masked && maskable.has(k) && typeof v === 'string' && v.length > 4 && cls.every((c) => c === 'pii'))
      out[k] = maskValue(v);
  }
  return out as Partial<T>;
}

/**
 * Whether the actor reaches this record only as its referring partner (scope `referred`), not
 * through any other scope. Such a caller gets the partner view: statuses and dates, never personal,
 * financial or internal data (a partner's own commission amount is its own, not the client's).
 * @example
 * if (referrerOnly(ctx.actor, 'clients:read', client)) data = {};
 */
export function referrerOnly(actor: Actor, permission: Permission, record: RecordOwnership): boolean {
  const scopes = actor.permissions.get(permission) ?? [];
  if (!scopes.includes('referred')) return false;
  const others = scopes.filter((s) => s !== 'referred');
  if (!others.length) return true;
  const narrowed: Actor = { ...actor, permissions: new Map([[permission, others]]) };
  return !canAccess(narrowed, permission, record);
}
