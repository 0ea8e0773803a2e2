/**
 * @module fakes/smtp-server
 * A real SMTP server (smtp-server) on 127.0.0.1 for tests, with mailparser reading what arrived
 * as a mail client would. It can refuse chosen recipients for good (550), refuse the next message
 * for now (451), and require a login.
 */
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedEmail {
  messageId: string | undefined;
  from: string | undefined;
  to: string[];
  subject: string | undefined;
  text: string | undefined;
  html: string | undefined;
  attachments: Array<{ filename: string | undefined; contentType: string; content: Uint8Array }>;
}

export interface TestSmtpServer {
  host: string;
  port: number;
  /** Every message that arrived, parsed, in order. */
  received(): Promise<ReceivedEmail[]>;
  /** Raw RFC 5322 sources, in order. */
  readonly raw: readonly Buffer[];
  /** Answer the next MAIL FROM with 451 (a transient refusal). */
  failNext(): void;
  close(): Promise<void>;
}

/** Turns what mailparser found into plain data a test can compare. */
export async function parseEmail(source: Buffer): Promise<ReceivedEmail> {
  const mail = await simpleParser(source);
  const to = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) =>
    a.value.map((v) => v.address ?? ''),
  );
  return {
    messageId: mail.messageId,
    from: mail.from?.value[0]?.address,
    to,
    subject: mail.subject,
    text: mail.text,
    html: typeof mail.html === 'string' ? mail.html : undefined,
    attachments: mail.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: new Uint8Array(a.content),
    })),
  };
}

/**
 * @example
 * const smtp = await startTestSmtpServer({ refuse: ['nobody@example.test'] });
 * // nodemailer → { host: smtp.host, port: smtp.port, secure: false }
 * (await smtp.received())[0]?.subject;
 */
export async function startTestSmtpServer(
  options: { refuse?: string[]; auth?: { user: string; pass: string } } = {},
): Promise<TestSmtpServer> {
  const raw: Buffer[] = [];
  const refuse = new Set((options.refuse ?? []).map((a) => a.toLowerCase()));
  let failNext = false;
  const smtpError = (message: string, responseCode: number) => Object.assign(new Error(message), { responseCode });

  const server = new SMTPServer({
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.auth?.user && auth.password === options.auth?.pass)
        return callback(null, { user: auth.username });
      callback(smtpError('Authentication credentials invalid', 535));
    },
    onMailFrom(_address, _session, callback) {
      if (failNext) {
        failNext = false;
        return callback(smtpError('Try again later', 451));
      }
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (refuse.has(address.address.toLowerCase()))
        return callback(smtpError(`Mailbox ${address.address} unavailable`, 550));
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        raw.push(Buffer.concat(chunks));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;

  return {
    host: '127.0.0.1',
    port,
    raw,
    received: () => Promise.all(raw.map(parseEmail)),
    failNext: () => {
      failNext = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
