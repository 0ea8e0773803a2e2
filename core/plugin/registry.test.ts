/**
 * Regression (issue 11, item 12): a plugin hook's CrmError (a 422 naming a field) reaches every
 * caller as itself, with its code, message and details; any other error is wrapped with the
 * plugin's and the hook's names.
 */
import { describe, expect, it } from 'vitest';
import { CrmError, invalid } from '../errors.ts';
import { definePlugin } from './define-plugin.ts';
import { createPluginRegistry } from './registry.ts';

describe('plugin registry: hook errors', () => {
  const refusing = definePlugin({
    name: 'refuser',
    hooks: {
      beforeTransition: () => {
        throw invalid('Bank code unknown', [{ path: '/fields/provider', message: 'not a bank we work with' }]);
      },
    },
  });
  const crashing = definePlugin({
    name: 'crasher',
    hooks: {
      beforeTransition: () => {
        throw new TypeError('x is undefined');
      },
    },
  });

  it("keeps a plugin's CrmError: the same 422 with its problems", async () => {
    const error = await createPluginRegistry([refusing])
      .run('beforeTransition', {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmError);
    expect((error as CrmError).status).toBe(422);
    expect((error as CrmError).details).toEqual({
      problems: [{ path: '/fields/provider', message: 'not a bank we work with' }],
    });
  });

  it('wraps any other error with the plugin and hook names (a 500 for HTTP callers)', async () => {
    const error = await createPluginRegistry([crashing])
      .run('beforeTransition', {})
      .catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(CrmError);
    expect((error as Error).message).toBe('Plugin "crasher" failed in hook beforeTransition: x is undefined');
  });
});
