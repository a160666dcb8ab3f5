import { useTranslate } from 'react-admin';
import { SwitchesCard } from '../../../../web/console/src/extensions/index.ts';
import type { MessSettingsJson as MessSettings } from '../browser.ts';

/** The SMS a student without Telegram gets (issue 65), each switchable: the setting and its label. */
type SmsSetting = 'smsApproval' | 'smsPaymentVerdicts' | 'smsReminders' | 'smsRefunds' | 'smsDenials';
const SMS_SETTINGS: ReadonlyArray<[SmsSetting, string]> = [
  ['smsApproval', 'sms_approval'],
  ['smsPaymentVerdicts', 'sms_verdicts'],
  ['smsReminders', 'sms_reminders'],
  ['smsRefunds', 'sms_refunds'],
  ['smsDenials', 'sms_denials'],
];

/** The mess settings' card of SMS to students without Telegram: one switch per message, on by default. */
export function SmsSettingsCard(props: {
  settings: MessSettings | undefined;
  /** Saves a change of the settings (and says so, or shows the refusal). */
  patch: (body: Partial<MessSettings>) => Promise<void>;
}) {
  const translate = useTranslate();
  return (
    <SwitchesCard
      testId="mess-sms-settings"
      title={translate('mess.settings.sms_title')}
      hint={translate('mess.settings.sms_hint')}
      switches={SMS_SETTINGS.map(([name, label]) => ({
        name,
        label: translate(`mess.settings.${label}`),
        on: props.settings?.[name],
      }))}
      onChange={(name, on) => void props.patch({ [name]: on })}
    />
  );
}
