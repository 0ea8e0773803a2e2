/**
 * @module email-smtp/message-id
 * Our outbox reference as the Message-ID, so a message sent again after a crash carries the same
 * id and mail systems (and people searching the archive) can see it is the same message.
 */

/**
 * Characters outside `[A-Za-z0-9_-]` become `=XX` (UTF-8 bytes in hex), which keeps any reference
 * a valid Message-ID local part and keeps distinct references distinct.
 *
 * @example
 * messageIdFor('0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b', 'biuro.example.pl');
 * // '<0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b@biuro.example.pl>'
 * messageIdFor('a.b', 'x.pl');                                              // '<a=2Eb@x.pl>'
 */
export function messageIdFor(reference: string, domain: string): string {
  const local = reference.replace(/[^A-Za-z0-9_-]/gu, (ch) =>
    [...Buffer.from(ch, 'utf8')].map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
  return `<${local}@${domain}>`;
}

/**
 * @example
 * domainOf('Biuro Kredytowe <biuro@kredyty.example.pl>'); // 'kredyty.example.pl'
 */
export function domainOf(address: string): string | undefined {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(address)?.[1];
}
