import { Chip, type Theme, useMediaQuery } from '@mui/material';
import {
  CreateButton,
  DataTable,
  FunctionField,
  List,
  SearchInput,
  SelectInput,
  SimpleList,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { can } from '../../api/session.ts';
import { useSession } from '../../api/use-session.ts';
import { tableScrollsInItsFrame } from '../../extensions/table-frame.ts';
import { ZonedDateField } from '../../format/ZonedDateField.tsx';
import { roleChoices } from './roles.ts';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" label="od.users.role" choices={roleChoices} />,
];

function RoleChip({ role }: { role: string }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      label={translate(`od.roles.${role}`)}
      color={role === 'owner' ? 'primary' : 'default'}
    />
  );
}

/** A membership's state here: invited (pending, grants nothing yet), active, or disabled. */
function StateChip({ state }: { state: 'invited' | 'active' | 'disabled' }) {
  const translate = useTranslate();
  if (state === 'disabled')
    return <Chip size="small" color="warning" label={translate('od.users.disabled')} />;
  if (state === 'invited')
    return <Chip size="small" color="info" variant="outlined" label={translate('od.users.invited')} />;
  return <Chip size="small" variant="outlined" color="success" label={translate('od.users.active')} />;
}

/** Staff of the organization: search, filter by role, and (for managers) add or edit. */
export default function UserList() {
  const session = useSession();
  const translate = useTranslate();
  const manage = can(session, 'platform.user.manage');
  const small = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  return (
    <List
      title={translate('od.menu.users')}
      filters={filters}
      sort={{ field: 'name', order: 'ASC' }}
      perPage={25}
      empty={false}
      actions={<TopToolbar>{manage && <CreateButton label="od.users.add" />}</TopToolbar>}
    >
      {small ? (
        <SimpleList
          primaryText={(r) => r.name}
          secondaryText={(r) => r.email}
          tertiaryText={(r) =>
            `${translate(`od.roles.${r.role}`)} · ${translate(`od.users.${r.state === 'disabled' ? 'disabled' : r.state}`)}`
          }
          linkType={manage ? 'edit' : false}
        />
      ) : (
        <DataTable rowClick={manage ? 'edit' : false} bulkActionButtons={false} sx={tableScrollsInItsFrame}>
          <DataTable.Col source="name" label="od.users.name" />
          <DataTable.Col source="email" label="od.users.email" />
          <DataTable.Col source="role" label="od.users.role">
            <FunctionField render={(r) => <RoleChip role={r.role} />} />
          </DataTable.Col>
          <DataTable.Col source="state" label="od.users.state">
            <FunctionField render={(r) => <StateChip state={r.state} />} />
          </DataTable.Col>
          <DataTable.Col source="createdAt" label="od.users.created">
            <ZonedDateField source="createdAt" />
          </DataTable.Col>
        </DataTable>
      )}
    </List>
  );
}
