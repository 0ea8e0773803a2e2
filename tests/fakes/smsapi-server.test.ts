import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSmsapiFake, type SmsapiFake } from './smsapi-server.ts';

let fake: SmsapiFake;
beforeEach(async () => {
  fake = await startSmsapiFake();
});
afterEach(async () => {
  await fake.close();
});

const post = (body: string, contentType: string) =>
  fetch(`${fake.url}/sms.do`, {
    method: 'POST',
    headers: { authorization: `Bearer ${fake.token}`, 'content-type': contentType },
    body,
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

describe('local SMSAPI server', () => {
  it('accepts the JSON body the official JS client sends, as well as a form', async () => {
    const json = await post(
      JSON.stringify({ to: '48600100200', message: 'Łódź', format: 'json', encoding: 'utf-8', details: true }),
      'application/json',
    );
    const form = await post('to=48600100201&message=x&format=json', 'application/x-www-form-urlencoded');
    expect(json).toMatchObject({
      status: 200,
      body: { count: 1, list: [{ number: '48600100200', status: 'QUEUE', parts: 1 }] },
    });
    expect(form.body).toMatchObject({ count: 1 });
    expect(fake.messages.map((m) => m.message)).toEqual(['Łódź', 'x']);
  });

  it('counts a reused idx twice without check_idx, and refuses it (error 53) with check_idx=1', async () => {
    await post('to=48600100200&message=x&format=json&idx=a', 'application/x-www-form-urlencoded');
    await post('to=48600100200&message=x&format=json&idx=a', 'application/x-www-form-urlencoded');
    expect(fake.sentCount('a')).toBe(2);
    await post('to=48600100200&message=x&format=json&idx=b&check_idx=1', 'application/x-www-form-urlencoded');
    const again = await post(
      'to=48600100200&message=x&format=json&idx=b&check_idx=1',
      'application/x-www-form-urlencoded',
    );
    expect(again.body).toMatchObject({ error: 53 });
    expect(fake.sentCount('b')).toBe(1);
    expect(fake.requests).toBe(4);
  });

  it('refuses a wrong token with 401 and error 101', async () => {
    const r = await fetch(`${fake.url}/sms.do`, {
      method: 'POST',
      headers: { authorization: 'Bearer nope' },
      body: 'to=1&message=x&format=json',
    });
    expect(r.status).toBe(401);
    expect(await r.json()).toMatchObject({ error: 101 });
  });
});
