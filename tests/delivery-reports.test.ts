/**
 * Issue 13 item 8's delivery reports on both engines: SMSAPI's callback (our secret in the address,
 * answered "OK") and Twilio's status callback (X-Twilio-Signature checked as Twilio documents, with
 * its own published example) record delivered, failed and expired on the meeting reminder's outbox
 * row and in the client's history; a wrong secret or signature changes nothing, a later report never
 * undoes a final one, and a gateway with no secret configured is not there at all.
 */
import { eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createItem } from '../core/calendar/index.ts';
import { createHttpApi } from '../core/http/app.ts';
import { twilioSignature } from '../core/notifications/index.ts';
import { describeEngines } from './engines.ts';
import { smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

const SECRET = 'smsapi-callback-sekret-1234567890';
const TOKEN = 'twilio-auth-token-abcdef';

describe('Twilio signature', () => {
  it("matches Twilio's documented example", () => {
    const params = {
      CallSid: 'CA1234567890ABCDE',
      Caller: '+12349013030',
      Digits: '1234',
      From: '+12349013030',
      To: '+18005551212',
    };
    expect(twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params)).toBe(
      '0/KCTR6DLpKmkAf8muzZqo1nDgQ=',
    );
  });
});

describeEngines('SMS delivery reports', (database) => {
  let f: SmallFirm;
  let app: ReturnType<typeof createHttpApi>;
  let clientId = '';
  let rows: Array<{ id: string }> = [];
  const row = async (id: string) => {
    const { db, t } = database();
    return (await db.select().from(t.outbox).where(eq(t.outbox.id, id)))[0]!;
  };
  const history = async () => {
    const { db, t } = database();
    return (await db.select().from(t.activities).where(eq(t.activities.clientId, clientId))).map((a) => a.note ?? '');
  };
  /** What the worker records when a gateway took the message (the gateways themselves are outside). */
  const sentVia = async (id: string, provider: string, providerMessageId: string) => {
    const { db, t } = database();
    await db
      .update(t.outbox)
      .set({ status: 'sent', provider, providerMessageId, providerStatus: 'ACCEPTED', sentAt: f.clock.now() })
      .where(eq(t.outbox.id, id));
  };
  const twilio = (form: Record<string, string>, reference: string, signature?: string) => {
    const url = `http://localhost/api/delivery-reports/twilio?crmReference=${reference}`;
    return Promise.resolve(
      app.request(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': signature ?? twilioSignature(TOKEN, url, form),
        },
        body: new URLSearchParams(form).toString(),
      }),
    );
  };

  beforeAll(async () => {
    f = await smallFirm(database());
    app = createHttpApi(f.crm, { log: () => {}, deliveryReports: { smsapiSecret: SECRET, twilioAuthToken: TOKEN } });
    clientId = f.clients.find((c) => c.owner === f.users.anna.id && !c.partnerId)!.id;
    const { db, t } = database();
    await db
      .update(t.clients)
      .set({ data: { firstName: 'Jan', lastName: 'Kowalski', phone: '+48600100200', smsConsent: true } })
      .where(eq(t.clients.id, clientId));
    const anna = await f.crm.asUser(f.users.anna.id);
    const { item } = await createItem(anna, {
      kind: 'meeting',
      title: 'Oferta kredytu',
      start: '2026-03-10T10:00',
      end: '2026-03-10T11:00',
      clientId,
      place: 'ul. Długa 5, Gdańsk',
    });
    rows = await db
      .select({ id: t.outbox.id })
      .from(t.outbox)
      .where(like(t.outbox.subject, `meeting:${item.id}:%`))
      .orderBy(t.outbox.subject);
    expect(rows).toHaveLength(2);
  });

  it("records SMSAPI's delivered report on the message and in the client's history, answering OK", async () => {
    await sentVia(rows[0]!.id, 'smsapi', '7001');
    const wrong = await app.request(
      `/api/delivery-reports/smsapi?secret=nie-to&MsgId=7001&status=404&idx=${rows[0]!.id}`,
    );
    expect(wrong.status).toBe(403);
    expect((await row(rows[0]!.id)).deliveryStatus).toBeNull();
    const ok = await app.request(
      `/api/delivery-reports/smsapi?secret=${SECRET}&MsgId=7001&status=404&idx=${rows[0]!.id}&donedate=1772440200`,
    );
    expect([ok.status, await ok.text()]).toEqual([200, 'OK']);
    expect(await row(rows[0]!.id)).toMatchObject({
      deliveryStatus: 'delivered',
      providerStatus: '404',
      deliveryAt: new Date(1772440200 * 1000),
    });
    expect(await history()).toEqual([expect.stringContaining('SMS przypomnienie o spotkaniu (24h) doręczone')]);
    // A late "undelivered" for a delivered message changes nothing.
    await app.request(`/api/delivery-reports/smsapi?secret=${SECRET}&MsgId=7001&status=405&idx=${rows[0]!.id}`);
    expect((await row(rows[0]!.id)).deliveryStatus).toBe('delivered');
    expect(await history()).toHaveLength(1);
  });

  it("records Twilio's signed report, and refuses a forged one", async () => {
    await sentVia(rows[1]!.id, 'twilio', 'SM0001');
    const form = { MessageSid: 'SM0001', MessageStatus: 'undelivered', ErrorCode: '30003' };
    const forged = await twilio(form, rows[1]!.id, twilioSignature('not-the-token', 'http://localhost/x', form));
    expect(forged.status).toBe(403);
    const other = await twilio({ ...form, MessageSid: 'SM9999' }, rows[1]!.id);
    expect(other.status).toBe(204); // another message's report: nothing of ours changes
    expect((await row(rows[1]!.id)).deliveryStatus).toBeNull();
    const res = await twilio(form, rows[1]!.id);
    expect(res.status).toBe(204);
    expect(await row(rows[1]!.id)).toMatchObject({ deliveryStatus: 'failed', providerStatus: 'undelivered' });
    expect(await history()).toEqual(
      expect.arrayContaining([expect.stringContaining('SMS przypomnienie o spotkaniu (2h) nie doręczone')]),
    );
  });

  it('maps SMSAPI EXPIRED to expired, and is absent without a configured secret', async () => {
    const { db, t } = database();
    await db.update(t.outbox).set({ deliveryStatus: null, deliveryAt: null }).where(eq(t.outbox.id, rows[0]!.id));
    await app.request(`/api/delivery-reports/smsapi?secret=${SECRET}&MsgId=7001&status=402&idx=${rows[0]!.id}`);
    expect((await row(rows[0]!.id)).deliveryStatus).toBe('expired');
    const bare = createHttpApi(f.crm, { log: () => {}, deliveryReports: { smsapiSecret: '', twilioAuthToken: '' } });
    expect((await bare.request(`/api/delivery-reports/smsapi?secret=&MsgId=1&status=404&idx=x`)).status).toBe(404);
  });
});
