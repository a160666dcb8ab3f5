import type { AreaDeps, ModuleCommand } from '../../core/modules/index.ts';
import type { SmsConfig } from './sms.config.ts';
import { deploymentSmsCallbackUrls } from './sms-callbacks.ts';

/**
 * `opsdesk sms callback-urls`: the callback URLs of the deployment's own Africa's Talking account
 * (AFRICASTALKING_USERNAME), for its operator to paste in that account's dashboard. No organization
 * is shown them: they reach the texts of every organization without an account of its own.
 */
export const smsCommands: ReadonlyArray<ModuleCommand<{ deps: AreaDeps; config: SmsConfig }>> = [
  {
    name: 'sms',
    description: 'SMS (Africa’s Talking) tools for the deployment’s operator',
    commands: [
      {
        name: 'callback-urls',
        description:
          'Print the delivery-report and incoming-message URLs of the deployment’s SMS account (they change with OPSDESK_SECRET_KEY)',
        run: async ({ runtime, print }) => {
          const { deps, config } = await runtime();
          if (!config.AFRICASTALKING_USERNAME || !config.AFRICASTALKING_API_KEY)
            throw new Error(
              'the deployment has no SMS account: set AFRICASTALKING_USERNAME and AFRICASTALKING_API_KEY',
            );
          if (!deps.config.OPSDESK_PUBLIC_URL)
            print('OPSDESK_PUBLIC_URL is not set: prefix the paths with the public address');
          const urls = deploymentSmsCallbackUrls({
            publicUrl: deps.config.OPSDESK_PUBLIC_URL,
            secretKey: deps.config.OPSDESK_SECRET_KEY,
            provider: config.SMS_PROVIDER,
            username: config.AFRICASTALKING_USERNAME,
          });
          print(`Delivery reports:  ${urls.deliveryReportsUrl}`);
          print(`Incoming messages: ${urls.incomingMessagesUrl}`);
        },
      },
    ],
  },
];
