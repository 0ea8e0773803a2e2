/**
 * @module cli/register-command
 * `broker-crm register [--pdf FILE] [--lang en]`: the record of processing activities (GDPR Art. 30)
 * generated from the firm's config and catalogue — as JSON on the screen, or as a PDF file.
 */
import { writeFileSync } from 'node:fs';
import type { Crm } from '../crm.ts';
import { buildRegister, registerPdf } from '../processing-register/index.ts';

/**
 * @example
 * process.exitCode = await registerCommand(crm, { pdf: 'rejestr.pdf' }, console.log);
 */
export async function registerCommand(
  crm: Crm,
  options: { pdf?: string; lang?: string },
  out: (line: string) => void,
): Promise<number> {
  const register = await buildRegister(crm.system('cli register'));
  if (!options.pdf) {
    out(JSON.stringify(register, null, 2));
    return 0;
  }
  const lang = options.lang === 'en' ? 'en' : 'pl';
  writeFileSync(options.pdf, await registerPdf(register, lang));
  const retention = register.retention.configured ? '' : ', retention not configured';
  out(
    `${options.pdf}: the register of ${register.controller.name} (${register.purposes.length} purposes, ` +
      `${register.encryptedFields.length} encrypted fields${retention})`,
  );
  return 0;
}
