import { describe, expect, it } from 'vitest';
import { parsePhone } from './phone.ts';

describe('parsePhone', () => {
  it('normalises the ways Polish numbers are written to E.164', () => {
    for (const form of [
      '600 100 200',
      '+48 600-100-200',
      '0048600100200',
      '+48600100200',
      '(+48) 600 100 200',
      '48600100200',
      '600-100-200',
      '+48 (60) 010 02 00',
    ]) {
      expect(parsePhone(form), form).toEqual({ ok: true, value: '+48600100200' });
    }
    expect(parsePhone('22 123 45 67')).toEqual({ ok: true, value: '+48221234567' });
  });

  it('keeps foreign numbers given with + or 00', () => {
    expect(parsePhone('+49 30 1234567')).toEqual({ ok: true, value: '+49301234567' });
    expect(parsePhone('0044 20 7946 0958')).toEqual({ ok: true, value: '+442079460958' });
    expect(parsePhone('+1234567')).toMatchObject({ ok: false, reason: 'length' });
    expect(parsePhone('+1234567890123456')).toMatchObject({ ok: false, reason: 'length' });
  });

  it('rejects the rest with a reason', () => {
    expect(parsePhone('600 100 20')).toEqual({
      ok: false,
      reason: 'length',
      messageKey: 'phone.length',
      message: expect.stringContaining('9 digits'),
    });
    expect(parsePhone('+48 600 100 2000')).toMatchObject({ reason: 'length' });
    expect(parsePhone('')).toMatchObject({ reason: 'length' });
    expect(parsePhone('600 100 200 wew. 12')).toMatchObject({ reason: 'characters' });
    expect(parsePhone('060 010 020')).toMatchObject({ reason: 'format' });
    expect(parsePhone('+0 123 456 789')).toMatchObject({ reason: 'format' });
  });
});
