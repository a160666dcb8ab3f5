import { Typography } from '@mui/material';
import {
  Create,
  email,
  minLength,
  PasswordInput,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
  useTranslate,
} from 'react-admin';
import { roleChoices } from './roles.ts';

/**
 * Invite a staff member; the server's field errors show under the fields. The answer is the same
 * whether the e-mail already has an account, so the list shows the person as invited either way.
 */
export default function UserCreate() {
  const translate = useTranslate();
  return (
    <Create title={translate('od.users.add')} redirect="list">
      <SimpleForm defaultValues={{ role: 'viewer' }}>
        <Typography variant="body2" color="text.secondary">
          {translate('od.users.invite_hint')}
        </Typography>
        <TextInput source="name" label="od.users.name" validate={required()} fullWidth />
        <TextInput
          source="email"
          label="od.users.email"
          type="email"
          validate={[required(), email()]}
          fullWidth
        />
        <SelectInput source="role" label="od.users.role" choices={roleChoices} validate={required()} />
        <PasswordInput
          source="password"
          label="od.users.password"
          validate={[required(), minLength(10)]}
          fullWidth
        />
      </SimpleForm>
    </Create>
  );
}
