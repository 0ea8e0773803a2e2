/**
 * @module fakes/twilio-server
 * A local stand-in for Twilio's Messages resource as twilio-node calls it: form-encoded
 * `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, HTTP Basic auth (AccountSid:AuthToken),
 * fields `To`, `From` or `MessagingServiceSid`, `Body`, `StatusCallback`; 201 with the snake_case
 * Message resource; errors as `{ code, message, more_info, status }`. Twilio has no idempotency key,
 * so this fake, like Twilio, accepts the same message twice. It reads our reference from the
 * `crmReference` query parameter of `StatusCallback`, the only place the plugin puts it.
 */
import { randomBytes } from 'node:crypto';
import { FaultQueue, listen, readParams, sendJson, type Fault } from './http-fake.ts';
import { smsSegments } from '../../core/notifications/sms-text.ts';

export interface TwilioFakeMessage {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  statusCallback: string | null;
  /** `crmReference` from the StatusCallback URL, if any. */
  reference: string | null;
}

export interface TwilioFake {
  url: string;
  accountSid: string;
  authToken: string;
  readonly messages: readonly TwilioFakeMessage[];
  /** Accepted messages whose StatusCallback carries this reference. */
  sentCount(reference: string): number;
  nextAccepted(): Promise<TwilioFakeMessage>;
  failNext(fault: Fault, times?: number): void;
  close(): Promise<void>;
}

const twilioError = (code: number, status: number, message: string) => ({
  code,
  message,
  more_info: `https://www.twilio.com/docs/errors/${code}`,
  status,
});

/**
 * @example
 * const twilio = await startTwilioFake();
 * // createTwilioProvider({ accountSid: twilio.accountSid, authToken: twilio.authToken, from: '+48732100100',
 * //   baseUrl: twilio.url })
 */
export async function startTwilioFake(): Promise<TwilioFake> {
  const accountSid = `AC${randomBytes(16).toString('hex')}`;
  const authToken = randomBytes(16).toString('hex');
  const faults = new FaultQueue();
  const messages: TwilioFakeMessage[] = [];
  const waiters: Array<(m: TwilioFakeMessage) => void> = [];

  const running = await listen(async (req, res) => {
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(
      new URL(req.url ?? '/', 'http://fake').pathname,
    );
    if (!match || req.method !== 'POST')
      return sendJson(res, 404, twilioError(20404, 404, 'The requested resource was not found'));
    const params = await readParams(req);
    const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
    if (req.headers.authorization !== expected || match[1] !== accountSid)
      return sendJson(res, 401, twilioError(20003, 401, 'Authenticate'));

    const fault = faults.take();
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'status')
      return sendJson(res, fault.status, twilioError(20500, fault.status, 'Internal Server Error'));
    if (fault?.kind === 'malformed-json') {
      res.writeHead(201, { 'content-type': 'application/json' });
      return res.end('<html>502 Bad Gateway');
    }
    if (fault?.kind === 'rate-limit')
      return sendJson(res, 429, twilioError(20429, 429, 'Too Many Requests'), {
        'retry-after': String(fault.retryAfterSeconds ?? 1),
      });
    if (fault?.kind === 'error')
      return sendJson(
        res,
        fault.status ?? 400,
        twilioError(fault.code, fault.status ?? 400, fault.message ?? `Error ${fault.code}`),
      );

    const to = params.get('To') ?? '';
    const from = params.get('From');
    const messagingServiceSid = params.get('MessagingServiceSid');
    const body = params.get('Body') ?? '';
    if (!to) return sendJson(res, 400, twilioError(21604, 400, "A 'To' phone number is required."));
    if (!/^\+[1-9]\d{7,14}$/.test(to))
      return sendJson(res, 400, twilioError(21211, 400, `Invalid 'To' Phone Number: ${to}`));
    if (!from && !messagingServiceSid)
      return sendJson(res, 400, twilioError(21603, 400, "A 'From' phone number is required."));
    if (!body) return sendJson(res, 400, twilioError(21602, 400, 'Message body is required.'));
    if (body.length > 1600)
      return sendJson(
        res,
        400,
        twilioError(21617, 400, 'The concatenated message body exceeds the 1600 character limit.'),
      );

    const statusCallback = params.get('StatusCallback');
    const reference = statusCallback ? new URL(statusCallback).searchParams.get('crmReference') : null;
    const message: TwilioFakeMessage = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      to,
      from,
      messagingServiceSid,
      body,
      statusCallback,
      reference,
    };
    messages.push(message);
    for (const resolve of waiters.splice(0)) resolve(message);
    if (fault?.kind === 'accept-then-hang') return;

    const now = new Date().toUTCString().replace('GMT', '+0000');
    sendJson(res, 201, {
      account_sid: accountSid,
      api_version: '2010-04-01',
      body,
      date_created: now,
      date_updated: now,
      date_sent: null,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from,
      messaging_service_sid: messagingServiceSid,
      num_media: '0',
      num_segments: String(smsSegments(body).segments),
      price: null,
      price_unit: 'USD',
      sid: message.sid,
      status: from ? 'queued' : 'accepted',
      subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}/Media.json` },
      to,
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}.json`,
    });
  });

  return {
    url: running.url,
    accountSid,
    authToken,
    messages,
    sentCount: (reference) => messages.filter((m) => m.reference === reference).length,
    nextAccepted: () => new Promise((resolve) => waiters.push(resolve)),
    failNext: (fault, times) => faults.push(fault, times),
    close: running.close,
  };
}
