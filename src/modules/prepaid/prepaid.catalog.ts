import type { NamespaceCatalogs } from '../../core/i18n/index.ts';
import { prepaidErrorMessages } from './prepaid.errors.catalog.ts';

/**
 * The prepaid module's words: its error codes and the buying bot's messages (flow `prepaid`),
 * English (the platform's chat languages are en/hi/es; none is the Rwandan customers' own yet).
 */
export const prepaidCatalog: NamespaceCatalogs = {
  en: {
    errors: { prepaid: prepaidErrorMessages.en },
    chat: {
      askMeter: 'Hello! Send your meter number to buy electricity (for example KGL-0001).',
      noMeter: 'We found no active meter {{number}}. Check the number on your meter and send it again.',
      askAmount: 'Meter {{number}}. How much do you want to pay? Send the amount in {{currency}}, like 1000.',
      badAmount: 'Please send the amount as a number, like 1000.',
      quote:
        'Meter {{number}}: {{total}} buys {{units}} kWh.\nEnergy {{energy}}, tax {{tax}}, fee {{fee}}.\nPay with MTN MoMo from this number?',
      pay: 'Pay {{total}}',
      cancel: 'Cancel',
      cancelled: 'Cancelled. Send a meter number whenever you want to buy.',
      askPayer: 'Which MTN MoMo number pays? Send it with the country code, like +250 788 000 111.',
      badPayer: 'That is not a phone number. Send it with the country code, like +250 788 000 111.',
      approve:
        'Approve the payment of {{total}} on your phone (MTN MoMo). Your token comes here as soon as it is paid.',
    },
  },
};
