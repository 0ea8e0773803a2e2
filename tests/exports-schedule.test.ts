/**
 * Scheduled reports on both engines: a branch manager subscribes to a report (weekly PDF by
 * e-mail), the sweep queues exactly one e-mail with the PDF for the last complete week however often
 * it runs, to the subscriber's own address; an advisor without reports:export is refused (403 and an
 * audit entry); unknown reports and parameters are 422 naming the field; a disabled subscriber's
 * subscription is switched off instead of sent.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { setUserDisabled } from '../core/org/index.ts';
import {
  REPORT_SUBSCRIPTION_PURPOSE,
  scheduledReportList,
  sendDueReportSubscriptions,
  subscribeReport,
} from '../core/reports/index.ts';
import { describeEngines } from './engines.ts';
import { smallFirm, type SmallFirm } from './fixtures/small-firm.ts';

const pdfText = (bytes: Uint8Array): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'sub-pdf-')), 'r.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

describeEngines('scheduled reports', (database) => {
  let f: SmallFirm;

  beforeAll(async () => {
    f = await smallFirm(database());
  });

  it('a subscription is sent once per period, with the PDF, to the subscriber only', async () => {
    const manager = await f.crm.asUser(f.users.manager.id);
    expect(scheduledReportList(manager).map((r) => r.id)).toContain('advisor-activity');
    const sub = await subscribeReport(manager, { report: 'advisor-activity', frequency: 'weekly' });
    expect(sub.emails).toEqual(['kierownik.gdansk@kredyt-dom.pl']);
    // Monday 9 March 2026, 07:00 in Warsaw: the last complete week is 2–8 March.
    const now = new Date('2026-03-09T06:00:00Z');
    expect(await sendDueReportSubscriptions(f.crm.runtime, now)).toBe(1);
    expect(await sendDueReportSubscriptions(f.crm.runtime, now)).toBe(0);
    expect(await sendDueReportSubscriptions(f.crm.runtime, new Date('2026-03-11T06:00:00Z'))).toBe(0);
    const { db, t } = database();
    const rows = await db.select().from(t.outbox).where(eq(t.outbox.purpose, REPORT_SUBSCRIPTION_PURPOSE));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.recipient).toBe('kierownik.gdansk@kredyt-dom.pl');
    const payload = rows[0]!.payload as unknown as {
      subject: string;
      attachments: Array<{ filename: string; contentType: string; base64: string }>;
    };
    expect(payload.subject).toBe('Aktywność doradców 2026-03-02 – 2026-03-08');
    expect(payload.attachments[0]!.contentType).toBe('application/pdf');
    const text = pdfText(new Uint8Array(Buffer.from(payload.attachments[0]!.base64, 'base64')));
    expect(text).toContain('Aktywność doradców');
    expect(text).toContain('Zmiany statusu');
    // The next week is due the Monday after.
    expect(await sendDueReportSubscriptions(f.crm.runtime, new Date('2026-03-16T06:00:00Z'))).toBe(1);
  });

  it('an advisor without reports:export is refused and the attempt audited; bad input names the field', async () => {
    const anna = await f.crm.asUser(f.users.anna.id);
    await expect(subscribeReport(anna, { report: 'advisor-activity', frequency: 'weekly' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    const { db, t } = database();
    const refused = await db
      .select()
      .from(t.auditLog)
      .where(and(eq(t.auditLog.action, 'export.refused'), eq(t.auditLog.actorId, f.users.anna.id)));
    expect(refused.map((r) => r.entity)).toEqual(['report:advisor-activity']);
    const manager = await f.crm.asUser(f.users.manager.id);
    await expect(subscribeReport(manager, { report: 'horoscope', frequency: 'weekly' })).rejects.toMatchObject({
      code: 'invalid',
      details: { problems: [{ path: '/report' }] },
    });
    await expect(
      subscribeReport(manager, { report: 'advisor-activity', frequency: 'monthly', params: { unitId: 'nope' } }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it("a disabled person's subscription is switched off, not sent", async () => {
    const director = await f.crm.asUser(f.users.director.id);
    const sub = await subscribeReport(director, { report: 'advisor-activity', frequency: 'monthly' });
    await setUserDisabled(f.crm.system('test'), f.users.director.id, true);
    await sendDueReportSubscriptions(f.crm.runtime, new Date('2026-04-01T06:00:00Z'));
    const { db, t } = database();
    const mails = await db.select().from(t.outbox).where(eq(t.outbox.purpose, REPORT_SUBSCRIPTION_PURPOSE));
    expect(mails.map((m) => m.recipient)).not.toContain('dyrektor.polnoc@kredyt-dom.pl');
    const [row] = await db.select().from(t.reportSubscriptions).where(eq(t.reportSubscriptions.id, sub.id));
    expect(row!.active).toBe(false);
  });
});
