import { describe, expect, it } from 'vitest';
import { passwordProblem, resetTokenOf } from './reset-link.ts';

describe('password reset link and new password', () => {
  it('reads the token of a #reset= fragment and nothing else', () => {
    const token = 'Qm9vb29vb29vb29vb29vb29vb29vb29vb29vb29v_-x';
    expect(resetTokenOf(`#reset=${token}`)).toBe(token);
    expect(resetTokenOf('#client=01930000-0000-7000-8000-000000000000')).toBeNull();
    expect(resetTokenOf('#reset=short')).toBeNull();
    expect(resetTokenOf(`#reset=${token}&x=<script>`)).toBeNull();
    expect(resetTokenOf('')).toBeNull();
  });

  it('asks for the minimum length first, then for the same password twice', () => {
    expect(passwordProblem('krótkie', 'krótkie', 10)).toBe('short');
    expect(passwordProblem('dość-długie-hasło', 'dosc-dlugie-haslo', 10)).toBe('mismatch');
    expect(passwordProblem('dość-długie-hasło', 'dość-długie-hasło', 10)).toBeNull();
  });
});
