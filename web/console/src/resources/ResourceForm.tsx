import { Box } from '@mui/material';
import { useEffect } from 'react';
import {
  ArrayInput,
  AutocompleteArrayInput,
  AutocompleteInput,
  BooleanInput,
  CreateBase,
  EditBase,
  maxLength,
  maxValue,
  minValue,
  NumberInput,
  type RaRecord,
  ReferenceArrayInput,
  ReferenceInput,
  required,
  SaveButton,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  Title,
  Toolbar,
  useNotify,
  useRedirect,
  useResourceContext,
  useSimpleFormIteratorItem,
  useTranslate,
  type Validator,
} from 'react-admin';
import { useFormContext, useWatch } from 'react-hook-form';
import { type FormFieldMeta, type ResourceMeta, resourceMeta, titleWords } from '../api/resource-meta.ts';
import type { Session } from '../api/session.ts';
import { useSession } from '../api/use-session.ts';
import { fromZoneInput, toZoneInput } from '../format/format.ts';
import { labelOf } from '../i18n/labels.ts';
import { toMajor, toMinor } from './money.ts';

type Mode = 'create' | 'edit';

/** Client-side hints from the declaration; the server's problem+json `errors[]` stays the rule. */
function validatorsOf(field: FormFieldMeta, currency: string, mode: Mode): Validator[] {
  const out: Validator[] = [];
  // Editing sends only what changed: a field the list does not load stays as stored.
  if (field.required && mode === 'create') out.push(required());
  if (field.maxLength !== null && (field.type === 'text' || field.type === 'textarea'))
    out.push(maxLength(field.maxLength));
  const scale = (v: number) => (field.type === 'money' ? (toMajor(v, currency) ?? v) : v);
  if (field.min !== null && field.type !== 'list') out.push(minValue(scale(field.min)));
  if (field.max !== null && field.type !== 'list') out.push(maxValue(scale(field.max)));
  return out;
}

/** A money amount typed in major units (150.50), sent and stored in minor units (15050). */
function MoneyInput({ field, label, mode }: { field: FormFieldMeta; label: string; mode: Mode }) {
  const session = useSession();
  const translate = useTranslate();
  const fromField = field.currency && 'field' in field.currency ? field.currency.field : null;
  const watched = useWatch({ name: fromField ?? '__none__' }) as string | undefined;
  const fixed = field.currency && 'code' in field.currency ? field.currency.code : null;
  const chosen = typeof watched === 'string' && /^[A-Za-z]{3}$/.test(watched) ? watched.toUpperCase() : null;
  const currency = fixed ?? chosen ?? session?.organization.currency ?? 'USD';
  // Amounts in another field's currency (a tariff's) name it once it is typed, never the
  // organization's in the meantime: "Fee (USD)" on an RWF tariff misleads.
  const pending = fromField !== null && chosen === null && fixed === null;
  return (
    <NumberInput
      source={field.name}
      label={pending ? translate('od.resource.money_currency_pending', { label }) : `${label} (${currency})`}
      validate={validatorsOf(field, currency, mode)}
      format={(v: number | null) => toMajor(v, currency) ?? ''}
      parse={(v: string) => toMinor(v, currency)}
      step={0.01}
    />
  );
}

/**
 * An instant typed on the organization's clock (its zone named beside the label), sent as an ISO
 * instant: a closing time of 18:00 in Bogotá reads 18:00 in Bogotá whatever the browser's zone.
 */
function ZonedDateTimeInput({
  field,
  label,
  validate,
}: {
  field: FormFieldMeta;
  label: string;
  validate: Validator[];
}) {
  const timeZone = useSession()?.organization.timeZone;
  return (
    <TextInput
      type="datetime-local"
      source={field.name}
      label={timeZone ? `${label} (${timeZone})` : label}
      validate={validate}
      format={(v: unknown) => toZoneInput(v, timeZone)}
      // An empty input is "not set", never an empty string the server cannot read as a date.
      parse={(v: string) => fromZoneInput(v, timeZone)}
      slotProps={{ inputLabel: { shrink: true } }}
    />
  );
}

/**
 * One entry of a list field, named by its place ("Prize 1", from the field's `<label>_item` key):
 * an input without a name is a blank box to a screen reader and to whoever fills the form.
 */
function ListEntryInput({ field, label }: { field: FormFieldMeta; label: string }) {
  const translate = useTranslate();
  const n = useSimpleFormIteratorItem().index + 1;
  const name = translate(`${field.label}_item`, { n, _: `${label} ${n}` });
  return <TextInput source="" label={name} helperText={false} sx={{ minWidth: 280 }} />;
}

interface FieldInputProps {
  field: FormFieldMeta;
  label: string;
  validate: ReturnType<typeof validatorsOf>;
}

/** A calendar day or a time of day, kept as typed (`2026-12-24`, `18:30`): no zone shifts it. */
function DayOrTimeInput({ type, field, label, validate }: FieldInputProps & { type: 'date' | 'time' }) {
  return (
    <TextInput
      type={type}
      source={field.name}
      label={label}
      validate={validate}
      parse={(v: string) => v || null}
      slotProps={{ inputLabel: { shrink: true } }}
    />
  );
}

/** Another record (or several), picked by its title among the referenced resource's records. */
function ReferenceFieldInput({ field, label, validate }: FieldInputProps) {
  const target = field.reference ? resourceMeta(field.reference) : undefined;
  if (field.multiple)
    return (
      <ReferenceArrayInput source={field.name} reference={field.reference ?? ''}>
        <AutocompleteArrayInput
          label={label}
          validate={validate}
          optionText={target?.titleColumn ?? target?.idField ?? 'id'}
          // Nothing picked is "none", which the declaration reads as its default.
          parse={(v: string[] | null) => (v?.length ? v : null)}
        />
      </ReferenceArrayInput>
    );
  return (
    <ReferenceInput source={field.name} reference={field.reference ?? ''}>
      <AutocompleteInput
        label={label}
        validate={validate}
        optionText={target?.titleColumn ?? target?.idField ?? 'id'}
      />
    </ReferenceInput>
  );
}

function FieldInput({ field, mode }: { field: FormFieldMeta; mode: Mode }) {
  const translate = useTranslate();
  const label = labelOf(translate, field.label);
  const validate = validatorsOf(field, 'USD', mode);
  // A field's helper text, where its module words one (`<label>_hint`: "the first ticket number on sale").
  const hint = translate(`${field.label}_hint`, { _: '' }) || undefined;
  switch (field.type) {
    case 'textarea':
      return (
        <TextInput
          source={field.name}
          label={label}
          validate={validate}
          multiline
          minRows={3}
          helperText={hint}
        />
      );
    case 'number':
      return <NumberInput source={field.name} label={label} validate={validate} helperText={hint} />;
    case 'money':
      return <MoneyInput field={field} label={label} mode={mode} />;
    case 'date':
    case 'time':
      return <DayOrTimeInput type={field.type} field={field} label={label} validate={validate} />;
    case 'datetime':
      return <ZonedDateTimeInput field={field} label={label} validate={validate} />;
    case 'boolean':
      return <BooleanInput source={field.name} label={label} />;
    case 'enum': {
      const area = field.label.split('.')[0];
      const choices = (field.options ?? []).map((o) => ({
        id: o,
        name: labelOf(translate, `${area}.options.${o}`),
      }));
      return <SelectInput source={field.name} label={label} validate={validate} choices={choices} />;
    }
    case 'reference':
      return <ReferenceFieldInput field={field} label={label} validate={validate} />;
    case 'list':
      return (
        <ArrayInput source={field.name} label={label} validate={validate}>
          <SimpleFormIterator inline disableReordering>
            <ListEntryInput field={field} label={label} />
          </SimpleFormIterator>
        </ArrayInput>
      );
    default:
      return <TextInput source={field.name} label={label} validate={validate} helperText={hint} />;
  }
}

/** A field asked only while another holds one of some values; hidden, its value is emptied. */
function ShownWhen({
  field,
  when,
  children,
}: {
  field: string;
  when: { field: string; values: string[] };
  children: React.ReactElement;
}) {
  const { setValue } = useFormContext();
  const shown = when.values.includes(useWatch({ name: when.field }));
  useEffect(() => {
    if (!shown) setValue(field, null);
  }, [shown, field, setValue]);
  return shown ? children : null;
}

/** What a new record starts from: the organization's own currency and time zone, where the form asks. */
function createDefaults(fields: FormFieldMeta[], organization: Session['organization'] | undefined) {
  const has = (name: string) => fields.some((f) => f.name === name && f.type === 'text');
  return {
    ...(organization && has('currency') ? { currency: organization.currency } : {}),
    ...(organization && has('timeZone') ? { timeZone: organization.timeZone } : {}),
  };
}

function Fields({ meta, mode }: { meta: ResourceMeta; mode: Mode }) {
  const organization = useSession()?.organization;
  const fields = (meta.form?.fields ?? []).filter((f) => f.on === null || f.on === mode);
  return (
    // Save only: the generated routes have no delete, so the form offers none.
    <SimpleForm
      defaultValues={mode === 'create' ? createDefaults(fields, organization) : undefined}
      warnWhenUnsavedChanges
      toolbar={
        <Toolbar>
          <SaveButton />
        </Toolbar>
      }
    >
      <Box
        sx={{
          display: 'grid',
          gap: 1,
          width: '100%',
          gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' },
          '& > .wide': { gridColumn: '1 / -1' },
        }}
      >
        {fields.map((field) => {
          const box = (
            <Box
              key={field.name}
              className={field.type === 'textarea' || field.type === 'list' ? 'wide' : undefined}
            >
              <FieldInput field={field} mode={mode} />
            </Box>
          );
          return field.shownWhen ? (
            <ShownWhen key={field.name} field={field.name} when={field.shownWhen}>
              {box}
            </ShownWhen>
          ) : (
            box
          );
        })}
      </Box>
    </SimpleForm>
  );
}

/**
 * What a saved form says, in the reader's words and about the record ("Added to Exhibitions: Winter
 * Makers Market"), instead of react-admin's "Element created"; then the record's page opens.
 */
function useSavedNotice(meta: ResourceMeta | undefined, kind: 'created' | 'updated') {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  return {
    onSuccess: (record: RaRecord) => {
      if (!meta) return;
      const name = titleWords(meta, record, translate);
      const list = labelOf(translate, meta.label);
      notify(
        name === undefined
          ? translate(`od.resource.${kind}_untitled`, { list })
          : translate(`od.resource.${kind}`, { list, name }),
        { type: 'info' },
      );
      redirect('show', meta.name, record.id);
    },
  };
}

/** Create page of a resource that declares a form: fields from `GET /api/resources`. */
export function ResourceCreate() {
  const name = useResourceContext()!;
  const translate = useTranslate();
  const meta = resourceMeta(name);
  const saved = useSavedNotice(meta, 'created');
  if (!meta?.form) return null;
  return (
    <CreateBase redirect="show" mutationOptions={saved}>
      <Title title={`${translate('ra.action.create')} · ${labelOf(translate, meta.label)}`} />
      <Fields meta={meta} mode="create" />
    </CreateBase>
  );
}

/** Edit page: the same fields; only what changed is sent (`PATCH`), the server keeps the rest. */
export function ResourceEdit() {
  const name = useResourceContext()!;
  const translate = useTranslate();
  const meta = resourceMeta(name);
  const saved = useSavedNotice(meta, 'updated');
  if (!meta?.form) return null;
  return (
    <EditBase redirect="show" mutationMode="pessimistic" mutationOptions={saved}>
      <Title title={`${translate('ra.action.edit')} · ${labelOf(translate, meta.label)}`} />
      <Fields meta={meta} mode="edit" />
    </EditBase>
  );
}
