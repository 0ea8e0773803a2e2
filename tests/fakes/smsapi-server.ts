/**
 * @module fakes/smsapi-server
 * A local stand-in for SMSAPI.pl's `POST /sms.do`, speaking what its official JavaScript client
 * sends and reads: Bearer token, fields `to`, `message`, `from`, `format=json`, `encoding`, `idx`,
 * `check_idx`; success `{ count, list: [{ id, points, number, date_sent, submitted_number, status,
 * error, idx, parts }] }`; failure `{ error: <code>, message }` (code 53 for an idx already used
 * when `check_idx=1`). It counts accepted messages per idx: the gateway's own count that crash
 * tests compare against.
 */
import { smsSegments } from '../../core/notifications/sms-text.ts';
import { FaultQueue, listen, readParams, sendJson, type Fault } from './http-fake.ts';

export interface SmsapiFakeMessage {
  id: string;
  idx: string | undefined;
  /** The number as SMSAPI normalises it: digits with the country code (`48600100200`). */
  number: string;
  message: string;
  from: string | undefined;
  parts: number;
  points: number;
}

export interface SmsapiFake {
  url: string;
  token: string;
  /** Messages accepted for delivery, in order. */
  readonly messages: readonly SmsapiFakeMessage[];
  /** Accepted messages carrying this idx: exactly once is the goal. */
  sentCount(idx: string): number;
  /** Every request that reached `/sms.do`, accepted or not. */
  readonly requests: number;
  /** Resolves when the next message is accepted (to act at the moment the gateway has it). */
  nextAccepted(): Promise<SmsapiFakeMessage>;
  /** Make the next `times` requests (after authentication) misbehave. */
  failNext(fault: Fault, times?: number): void;
  close(): Promise<void>;
}

const MESSAGES: Record<number, string> = {
  8: 'Error in request',
  11: 'Message too long or there is no message or parameter nounicode is set and special characters are used',
  13: 'Lack of valid phone numbers (invalid or blacklisted numbers)',
  14: 'Wrong sender name',
  27: 'Too long IDX parameter. Maximum 255 chars.',
  53: 'Not unique idx parameter, message with the same idx has been already sent and &check_idx=1.',
  101: 'Authorization failed',
  201: 'System internal error',
};

/**
 * @example
 * const smsapi = await startSmsapiFake({ token: 't' });
 * smsapi.failNext({ kind: 'status', status: 500 }, 2);
 * // ... point the provider's baseUrl at smsapi.url ...
 * await smsapi.close();
 */
export async function startSmsapiFake(options: { token?: string; pointsPerPart?: number } = {}): Promise<SmsapiFake> {
  const token = options.token ?? 'smsapi-test-token';
  const pointsPerPart = options.pointsPerPart ?? 0.16;
  const faults = new FaultQueue();
  const messages: SmsapiFakeMessage[] = [];
  let requests = 0;
  const waiters: Array<(m: SmsapiFakeMessage) => void> = [];

  const error = (code: number, message = MESSAGES[code] ?? 'Error') => ({ error: code, message });

  const running = await listen(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    if (path !== '/sms.do') return sendJson(res, 404, { error: 8, message: 'Not found' });
    requests += 1;
    const params = await readParams(req);
    if (req.headers.authorization !== `Bearer ${token}`) return sendJson(res, 401, error(101));

    const fault = faults.take();
    if (fault?.kind === 'hang') return; // the response is never written
    if (fault?.kind === 'status') return sendJson(res, fault.status, error(201));
    if (fault?.kind === 'malformed-json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{"count":1,"list":[{"id":');
    }
    if (fault?.kind === 'rate-limit')
      return sendJson(
        res,
        429,
        { error: 429, message: 'Too many requests' },
        { 'retry-after': String(fault.retryAfterSeconds ?? 1) },
      );
    if (fault?.kind === 'error') return sendJson(res, fault.status ?? 200, error(fault.code, fault.message));

    const to = params.get('to') ?? '';
    const text = params.get('message') ?? '';
    const idx = params.get('idx') ?? undefined;
    const from = params.get('from') ?? undefined;
    if (params.get('format') !== 'json') return sendJson(res, 200, error(8));
    if (!text) return sendJson(res, 200, error(11));
    const number = to.replace(/^\+/, '');
    if (!/^\d{9,15}$/.test(number)) return sendJson(res, 200, error(13));
    if (from !== undefined && !/^[A-Za-z0-9 .-]{1,11}$/.test(from)) return sendJson(res, 200, error(14));
    if (idx !== undefined && idx.length > 255) return sendJson(res, 200, error(27));
    if (idx !== undefined && params.get('check_idx') === '1' && messages.some((m) => m.idx === idx))
      return sendJson(res, 200, error(53));

    const { segments, length } = smsSegments(text);
    const points = Math.round(segments * pointsPerPart * 10_000) / 10_000;
    const message: SmsapiFakeMessage = {
      id: `${Date.now()}${String(messages.length).padStart(6, '0')}`,
      idx,
      number,
      message: text,
      from,
      parts: segments,
      points,
    };
    messages.push(message);
    for (const resolve of waiters.splice(0)) resolve(message);
    if (fault?.kind === 'accept-then-hang') return;
    sendJson(res, 200, {
      count: 1,
      list: [
        {
          id: message.id,
          points,
          number,
          date_sent: Math.floor(Date.now() / 1000),
          submitted_number: to,
          status: 'QUEUE',
          error: null,
          idx: idx ?? null,
          parts: segments,
        },
      ],
      message: text,
      length,
      parts: segments,
    });
  });

  return {
    url: running.url,
    token,
    messages,
    sentCount: (idx) => messages.filter((m) => m.idx === idx).length,
    get requests() {
      return requests;
    },
    nextAccepted: () => new Promise((resolve) => waiters.push(resolve)),
    failNext: (fault, times) => faults.push(fault, times),
    close: running.close,
  };
}
