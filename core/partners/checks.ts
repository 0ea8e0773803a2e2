/**
 * @module partners/checks
 * Config rules for the `partners` section: the login role exists and is a partner role.
 */
import type { ConfigCheck } from '../config/index.ts';

export const checkPartners: ConfigCheck = (config, report) => {
  const c = config as unknown as { partners?: { loginRole?: unknown }; roles?: Record<string, { partner?: unknown }> };
  const role = c.partners?.loginRole;
  if (typeof role !== 'string' || !c.roles || typeof c.roles !== 'object') return;
  // The default ("partner") may be missing in a firm without partner logins; creating one then fails clearly.
  if (!c.roles[role]) {
    if (role !== 'partner')
      report('/partners/loginRole', `unknown role "${role}" (known: ${Object.keys(c.roles).join(', ')})`);
  } else if (c.roles[role]!.partner !== true)
    report('/partners/loginRole', `the role "${role}" is not a partner role (set "partner": true on it)`);
};
