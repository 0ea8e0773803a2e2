/**
 * @module http/routes/delivery-reports
 * The SMS gateways' delivery reports: `/api/delivery-reports/smsapi` (SMSAPI's callback, GET or POST
 * with `MsgId`, `status`, `idx`, `donedate`; several reports comma-separated; answered `OK`) and
 * `/api/delivery-reports/twilio` (Twilio's status callback, a signed form POST). Each is checked as
 * its provider documents (see `core/notifications/delivery-reports.ts`): SMSAPI's callback address
 * must carry our secret (`?secret=`, `CRM_SMSAPI_CALLBACK_SECRET`), Twilio's `X-Twilio-Signature`
 * must match the Auth Token (`TWILIO_AUTH_TOKEN`). A route with no secret configured answers 404.
 * A final report (delivered, failed, expired) is recorded on the message and, for a meeting
 * reminder, in the client's history.
 */
import type { Context } from 'hono';
import { recordReminderDelivery } from '../../calendar/index.ts';
import type { Crm } from '../../crm.ts';
import { CrmError } from '../../errors.ts';
import {
  recordDeliveryReport,
  sameSecret,
  smsapiDeliveryStatus,
  twilioDeliveryStatus,
  twilioSignature,
  type DeliveryReport,
} from '../../notifications/index.ts';
import type { HttpEnv } from '../env.ts';
import { defineRoute, type AnyRoute } from '../route.ts';

export interface DeliveryReportSecrets {
  /** The secret SMSAPI's callback address carries as `?secret=`; default `CRM_SMSAPI_CALLBACK_SECRET`. */
  smsapiSecret?: string;
  /** Twilio's Auth Token, the key of its signatures; default `TWILIO_AUTH_TOKEN`. */
  twilioAuthToken?: string;
  /**
   * The callback address as Twilio calls it (what `statusCallbackUrl` says), when a proxy in front
   * changes what this server sees; the request's own query string is appended.
   */
  twilioCallbackUrl?: string;
}

const refused = () => new CrmError('forbidden', 'This delivery report is not signed by the gateway');
const off = () => new CrmError('not_found', 'Delivery reports from this gateway are not configured');

async function formOf(c: Context<HttpEnv>): Promise<Record<string, string>> {
  const type = c.req.header('content-type') ?? '';
  if (c.req.method !== 'POST' || !type.includes('application/x-www-form-urlencoded')) return {};
  return Object.fromEntries(new URLSearchParams(await c.req.text()));
}

export function deliveryReportRoutes(crm: Crm, secrets: DeliveryReportSecrets = {}): AnyRoute[] {
  const smsapiSecret = secrets.smsapiSecret ?? process.env.CRM_SMSAPI_CALLBACK_SECRET;
  const twilioToken = secrets.twilioAuthToken ?? process.env.TWILIO_AUTH_TOKEN;
  const record = async (report: DeliveryReport) => {
    const ctx = crm.system('sms-delivery');
    const row = await recordDeliveryReport(ctx, report);
    if (row?.deliveryStatus) await recordReminderDelivery(ctx, row);
  };
  const smsapi = async ({ c }: { c: Context<HttpEnv> }) => {
    if (!smsapiSecret) throw off();
    const url = new URL(c.req.url);
    if (!sameSecret(url.searchParams.get('secret'), smsapiSecret)) throw refused();
    const p = { ...Object.fromEntries(url.searchParams), ...(await formOf(c)) };
    const list = (k: string) => (p[k] ?? '').split(',');
    const ids = list('MsgId');
    const statuses = list('status');
    const refs = list('idx');
    const done = list('donedate');
    for (let i = 0; i < ids.length; i++) {
      if (!ids[i] || !refs[i] || !statuses[i]) continue;
      const seconds = Number(done[i]);
      await record({
        provider: 'smsapi',
        reference: refs[i]!,
        providerMessageId: ids[i]!,
        providerStatus: statuses[i]!,
        status: smsapiDeliveryStatus(statuses[i]!),
        ...(Number.isFinite(seconds) && seconds > 0 ? { at: new Date(seconds * 1000) } : {}),
      });
    }
    return c.text('OK'); // SMSAPI repeats a callback that is not answered "OK"
  };
  const common = {
    tag: 'notifications',
    auth: 'public',
    query: { type: 'object', additionalProperties: { type: 'string', maxLength: 2000 } },
    errors: {
      403: 'Not signed by the gateway (a wrong secret or signature)',
      404: 'Delivery reports from this gateway are not configured',
    },
  } as const;
  return [
    defineRoute({
      ...common,
      method: 'get',
      path: '/api/delivery-reports/smsapi',
      summary: "SMSAPI's delivery report callback (our secret in ?secret=); answers OK",
      produces: ['text/plain'],
      handler: smsapi,
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: '/api/delivery-reports/smsapi',
      requestMedia: ['application/x-www-form-urlencoded'],
      summary: "SMSAPI's delivery report callback as a form POST (our secret in ?secret=); answers OK",
      produces: ['text/plain'],
      handler: smsapi,
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: '/api/delivery-reports/twilio',
      requestMedia: ['application/x-www-form-urlencoded'],
      status: 204,
      summary: "Twilio's message status callback, checked against X-Twilio-Signature",
      async handler({ c }) {
        if (!twilioToken) throw off();
        const form = await formOf(c);
        const seen = new URL(c.req.url);
        const url = secrets.twilioCallbackUrl
          ? `${secrets.twilioCallbackUrl.split('?')[0]}${seen.search}`
          : seen.toString();
        if (!sameSecret(c.req.header('x-twilio-signature'), twilioSignature(twilioToken, url, form))) throw refused();
        const reference = seen.searchParams.get('crmReference');
        if (reference && form.MessageSid && form.MessageStatus)
          await record({
            provider: 'twilio',
            reference,
            providerMessageId: form.MessageSid,
            providerStatus: form.MessageStatus,
            status: twilioDeliveryStatus(form.MessageStatus),
          });
        return c.body(null, 204);
      },
    }),
  ];
}
