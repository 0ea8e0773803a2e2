/**
 * @module console-sms-plugin
 * A plugin written by the firm: an SMS provider named `console` that prints messages instead of
 * sending them. It imports only `broker-crm/plugin`, the public plugin API.
 */
import { definePlugin } from 'broker-crm/plugin';

/** @returns {import('broker-crm/plugin').CrmPlugin} */
export default function consoleSms() {
  return definePlugin({
    name: 'console-sms',
    smsProviders: {
      console: () => ({
        name: 'console',
        async send(message) {
          console.log(`SMS to ${message.to}: ${message.text}`);
          return { status: 'sent', providerMessageId: `console-${Date.now()}` };
        },
      }),
    },
  });
}
