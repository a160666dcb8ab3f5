import { DataTable, FunctionField, List, SelectInput, TextInput, useTranslate } from 'react-admin';
import { EmptyRows } from '../../extensions/EmptyRows.tsx';
import { StatusChip, templateWords } from '../../extensions/messages/message-words.tsx';
import { tableScrollsInItsFrame } from '../../extensions/table-frame.ts';
import { ZonedDateField } from '../../format/ZonedDateField.tsx';
import { RecipientField } from './notification-words.tsx';

export const STATUSES = ['queued', 'sending', 'unconfirmed', 'sent', 'failed', 'undeliverable'] as const;
const CHANNELS = ['email', 'telegram', 'whatsapp', 'sms'] as const;
const filters = [
  <SelectInput
    key="status"
    source="status"
    label="od.notifications.status"
    alwaysOn
    choices={STATUSES.map((s) => ({ id: s, name: `od.notifications.statuses.${s}` }))}
  />,
  <SelectInput
    key="channel"
    source="channel"
    label="od.notifications.channel"
    choices={CHANNELS.map((c) => ({ id: c, name: `od.notifications.channels.${c}` }))}
  />,
  <TextInput key="to" source="to" label="od.notifications.to" />,
];

/** Outgoing messages (e-mail, Telegram, WhatsApp) with their delivery state. */
export default function NotificationList() {
  const translate = useTranslate();
  return (
    <List
      title={translate('od.notifications.title')}
      filters={filters}
      perPage={25}
      sort={{ field: 'createdAt', order: 'DESC' }}
      empty={false}
    >
      <DataTable rowClick="show" bulkActionButtons={false} empty={<EmptyRows />} sx={tableScrollsInItsFrame}>
        <DataTable.Col source="createdAt" label="od.notifications.created" disableSort>
          <ZonedDateField source="createdAt" showTime />
        </DataTable.Col>
        <DataTable.Col source="channel" label="od.notifications.channel" disableSort>
          <FunctionField
            render={(r) => translate(`od.notifications.channels.${r.channel}`, { _: r.channel })}
          />
        </DataTable.Col>
        <DataTable.Col source="to" label="od.notifications.to" disableSort>
          <RecipientField />
        </DataTable.Col>
        <DataTable.Col source="template" label="od.notifications.template" disableSort>
          <FunctionField render={(r) => templateWords(translate, r.template)} />
        </DataTable.Col>
        <DataTable.Col source="status" label="od.notifications.status" disableSort>
          <FunctionField render={(r) => <StatusChip status={r.status} />} />
        </DataTable.Col>
        <DataTable.Col source="attempts" label="od.notifications.attempts" disableSort />
        <DataTable.Col source="lastError" label="od.notifications.last_error" disableSort />
      </DataTable>
    </List>
  );
}
