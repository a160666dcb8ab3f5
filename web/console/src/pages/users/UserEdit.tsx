import { useQuery } from '@tanstack/react-query';
import {
  AutocompleteArrayInput,
  BooleanInput,
  Edit,
  SaveButton,
  SelectInput,
  SimpleForm,
  Toolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { api } from '../../api/http.ts';
import { roleChoices } from './roles.ts';

function EditTitle() {
  const record = useRecordContext();
  const translate = useTranslate();
  return <span>{translate('od.users.edit', { name: record?.name ?? '' })}</span>;
}

/** Change a member's role or extra permissions here, or disable them in this organization only. */
export default function UserEdit() {
  const { data: permissions = [] } = useQuery({
    queryKey: ['opsdesk', 'permissions'],
    queryFn: () => api<{ key: string; description: string }[]>('/api/permissions'),
  });
  return (
    <Edit title={<EditTitle />} mutationMode="pessimistic" redirect="list">
      <SimpleForm
        toolbar={
          <Toolbar>
            <SaveButton />
          </Toolbar>
        }
      >
        <SelectInput source="role" label="od.users.role" choices={roleChoices} />
        <AutocompleteArrayInput
          source="extraPermissions"
          label="od.users.extra_permissions"
          choices={permissions.map((p) => ({ id: p.key, name: `${p.key} — ${p.description}` }))}
          fullWidth
          translateChoice={false}
        />
        <BooleanInput source="disabled" label="od.users.disabled" />
      </SimpleForm>
    </Edit>
  );
}
