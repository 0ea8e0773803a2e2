import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { token, tokenDefaults } from './theme.ts';

describe('theme tokens', () => {
  it('tokens.css lists exactly the defaults the widgets fall back to', () => {
    const cssText = readFileSync(new URL('./tokens.css', import.meta.url), 'utf8');
    const declared = Object.fromEntries(
      [...cssText.matchAll(/--crm-([a-z-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2]?.trim()]),
    );
    expect(declared).toEqual(tokenDefaults);
  });

  it('gives components a var() with the default as fallback', () => {
    expect(token.colorPrimary.cssText).toBe('var(--crm-color-primary, #1d4ed8)');
    expect(token.spaceM.cssText).toBe('var(--crm-space-m, 1rem)');
  });
});
