/**
 * @module cursor/seal.test
 * Sealed page cursors: what is sealed comes back for the same list and secret; the sealed text shows
 * nothing of its contents; another list, another secret, one changed character or junk is the same
 * 400 naming `cursor`.
 */
import { describe, expect, it } from 'vitest';
import { isCursorId, isCursorInstant, openCursor, sealCursor } from './seal.ts';

const secret = 'test-secret-0123456789abcdef';
const payload = ['displayName', 'asc', 'Kowalska Anna', '0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b'];
const refused = { code: 'bad_request', details: expect.objectContaining({ field: 'cursor' }) };

describe('cursor/seal', () => {
  const sealed = sealCursor(secret, 'clients', payload);

  it('opens what it sealed for the same list, and hides it', () => {
    expect(openCursor(secret, 'clients', sealed)).toEqual(payload);
    expect(sealed).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('Kowalska');
    expect(sealCursor(secret, 'clients', payload)).not.toBe(sealed); // a fresh IV each time
  });

  it('refuses a cursor of another list or under another secret', () => {
    expect(() => openCursor(secret, 'timeline', sealed)).toThrow(expect.objectContaining(refused));
    expect(() => openCursor('another-secret-0123456789abc', 'clients', sealed)).toThrow(
      expect.objectContaining(refused),
    );
  });

  it('refuses any changed character, a truncated cursor, and junk alike', () => {
    for (let i = 0; i < sealed.length; i += 7) {
      const flipped = sealed.slice(0, i) + (sealed[i] === 'A' ? 'B' : 'A') + sealed.slice(i + 1);
      expect(() => openCursor(secret, 'clients', flipped)).toThrow(expect.objectContaining(refused));
    }
    for (const junk of [sealed.slice(0, 20), '', 'not a cursor!', 'x'.repeat(2001), '["displayName"]']) {
      expect(() => openCursor(secret, 'clients', junk)).toThrow(expect.objectContaining(refused));
    }
  });

  it('tells ids and instants a cursor may carry from anything else', () => {
    expect(isCursorId('0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b')).toBe(true);
    expect(isCursorId("x' or 1=1")).toBe(false);
    expect(isCursorId('')).toBe(false);
    expect(isCursorInstant(Date.parse('2026-03-02T09:00:00Z'))).toBe(true);
    expect(isCursorInstant(1.5)).toBe(false);
    expect(isCursorInstant(9e15)).toBe(false);
  });
});
