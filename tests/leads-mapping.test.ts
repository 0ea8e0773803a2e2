import { describe, expect, it } from 'vitest';
import { applyMapping, readPointer } from '../core/leads/mapping.ts';
import { checkConsents, parseLead } from '../core/leads/lead-schema.ts';
import { createPluginRegistry } from '../core/plugin/registry.ts';
import { definePlugin } from '../core/plugin/define-plugin.ts';
import { demoConfig } from './fixtures/small-firm.ts';

/** What the comparison portal of the demo firm posts (its own shape). */
const samplePayload = {
  id: 'PRW-2026-000417',
  applicant: {
    name: { first: 'Katarzyna', last: 'Wiśniewska' },
    contact: { phone: '+48 512 345 678', email: 'k.wisniewska@poczta.example' },
    address: { city: 'GDN' },
  },
  loan: { amount: 450000, years: 25 },
  agreements: { contact: true, marketing: false },
};

describe('portal mappings', () => {
  const config = demoConfig();
  const none = createPluginRegistry([]);

  it('turns the portal payload into a valid lead by the declarative mapping', async () => {
    const body = await applyMapping(config, none, 'porownywarka', samplePayload);
    expect(body).toEqual({
      clientType: 'company-acquired',
      source: 'comparison-portal',
      data: {
        firstName: 'Katarzyna',
        lastName: 'Wiśniewska',
        phone: '+48 512 345 678',
        email: 'k.wisniewska@poczta.example',
        city: 'Gdańsk',
      },
      consents: [{ purpose: 'contact', version: '2026-01' }],
    });
    const lead = parseLead(config, body);
    expect(() => checkConsents(config, lead.consents)).not.toThrow();
  });

  it('leaves out a consent the portal did not collect, so a lead without the required one is refused', async () => {
    const body = await applyMapping(config, none, 'porownywarka', { ...samplePayload, agreements: { contact: false } });
    expect(() => checkConsents(config, parseLead(config, body).consents)).toThrow(/consent/);
  });

  it('uses a plugin mapping for shapes that need code, and names the known ones for an unknown id', async () => {
    const plugins = createPluginRegistry([
      definePlugin({
        name: 'otodom-leads',
        leadMappings: {
          otodom: (p: unknown) => ({
            source: 'comparison-portal',
            clientType: 'company-acquired',
            data: { lastName: String(readPointer(p, '/who')) },
            consents: [{ purpose: 'contact', version: '2026-01' }],
          }),
        },
      }),
    ]);
    expect(await applyMapping(config, plugins, 'otodom', { who: 'Nowak' })).toMatchObject({
      data: { lastName: 'Nowak' },
    });
    await expect(applyMapping(config, plugins, 'nieznany', {})).rejects.toMatchObject({
      code: 'bad_request',
      details: { known: ['porownywarka', 'otodom'] },
    });
  });

  it('reads RFC 6901 pointers with escapes and array indexes', () => {
    expect(readPointer({ 'a/b': { '~c': [10, 20] } }, '/a~1b/~0c/1')).toBe(20);
    expect(readPointer({ a: 1 }, '/missing/x')).toBeUndefined();
  });
});
