import { Button, Chip, Stack } from '@mui/material';
import { useState } from 'react';
import {
  Confirm,
  DataTable,
  FunctionField,
  List,
  TopToolbar,
  useDelete,
  useNotify,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { EmptyRows } from '../../extensions/EmptyRows.tsx';
import { tableScrollsInItsFrame } from '../../extensions/table-frame.ts';
import { ZonedDateField } from '../../format/ZonedDateField.tsx';
import { CreateTokenDialog } from './CreateTokenDialog.tsx';

function RevokeButton() {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [remove, { isPending }] = useDelete();
  if (!record || record.revokedAt) return null;
  return (
    <>
      <Button
        size="small"
        color="error"
        onClick={(e) => {
          e.stopPropagation();
          setOpen(true);
        }}
      >
        {translate('od.tokens.revoke')}
      </Button>
      <Confirm
        isOpen={open}
        loading={isPending}
        title={translate('od.tokens.revoke')}
        content={translate('od.tokens.revoke_confirm', { name: record.name })}
        onConfirm={() =>
          remove(
            'tokens',
            { id: record.id, previousData: record },
            {
              mutationMode: 'pessimistic',
              onSuccess: () => notify('od.tokens.revoked_done', { type: 'success' }),
              onError: (err) => notify((err as Error).message, { type: 'error' }),
              onSettled: () => setOpen(false),
            },
          )
        }
        onClose={() => setOpen(false)}
      />
    </>
  );
}

/** API tokens: create (secret shown once), see usage, revoke. */
export default function TokenList() {
  const translate = useTranslate();
  return (
    <List
      title={translate('od.menu.tokens')}
      sort={{ field: 'createdAt', order: 'DESC' }}
      empty={false}
      actions={
        <TopToolbar>
          <CreateTokenDialog />
        </TopToolbar>
      }
    >
      <DataTable bulkActionButtons={false} rowClick={false} empty={<EmptyRows />} sx={tableScrollsInItsFrame}>
        <DataTable.Col source="name" label="od.tokens.name" />
        <DataTable.Col source="prefix" label="od.tokens.prefix" />
        <DataTable.Col source="scopes" label="od.tokens.scopes" disableSort>
          <FunctionField
            render={(r) => (
              <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5 }}>
                {(r.scopes as string[]).map((s) => (
                  <Chip key={s} size="small" label={s} variant="outlined" />
                ))}
              </Stack>
            )}
          />
        </DataTable.Col>
        <DataTable.Col source="lastUsedAt" label="od.tokens.last_used">
          <ZonedDateField source="lastUsedAt" showTime emptyText={translate('od.common.never')} />
        </DataTable.Col>
        <DataTable.Col source="expiresAt" label="od.tokens.expires">
          <ZonedDateField source="expiresAt" emptyText={translate('od.common.never')} />
        </DataTable.Col>
        <DataTable.Col source="revokedAt" label="od.tokens.revoked">
          <ZonedDateField source="revokedAt" showTime emptyText="—" />
        </DataTable.Col>
        <DataTable.Col label=" " disableSort>
          <RevokeButton />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
