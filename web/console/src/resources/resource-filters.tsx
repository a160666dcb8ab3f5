import {
  DateInput,
  NullableBooleanInput,
  NumberInput,
  SearchInput,
  SelectArrayInput,
  SelectInput,
  TextInput,
  type TranslateFunction,
} from 'react-admin';
import { type ColumnMeta, optionsOf, type ResourceMeta } from '../api/resource-meta.ts';
import { labelOf } from '../i18n/labels.ts';

function rangeInputs(column: ColumnMeta, label: string, translate: TranslateFunction) {
  const from = translate('od.resource.from', { name: label });
  const to = translate('od.resource.to', { name: label });
  // A bare day on a datetime column means the whole day to the server (`_lte=2026-11-30` includes the 30th).
  const Input = column.type === 'date' || column.type === 'datetime' ? DateInput : NumberInput;
  return [
    <Input key={`${column.name}_gte`} source={`${column.name}_gte`} label={from} />,
    <Input key={`${column.name}_lte`} source={`${column.name}_lte`} label={to} />,
  ];
}

/**
 * Filters from column metadata: `eq`/`contains` → one input, `range` → from/to (dates get date
 * pickers), `enum` → multi-select sent as `<col>_in=a,b`, `boolean` → yes/no/any.
 */
export function filtersFor(meta: ResourceMeta, translate: TranslateFunction) {
  const inputs = meta.search
    ? [<SearchInput key="q" source="q" alwaysOn placeholder={translate('od.resource.search')} />]
    : [];
  for (const column of meta.columns) {
    const label = labelOf(translate, column.label);
    const choices = optionsOf(column).map((o) => ({ id: o.id, name: labelOf(translate, o.name) }));
    switch (column.filter) {
      case 'range':
        inputs.push(...rangeInputs(column, label, translate));
        break;
      case 'enum':
        inputs.push(
          <SelectArrayInput
            key={column.name}
            source={`${column.name}_in`}
            label={label}
            choices={choices}
            translateChoice={false}
          />,
        );
        break;
      case 'boolean':
        inputs.push(<NullableBooleanInput key={column.name} source={column.name} label={label} />);
        break;
      case 'eq':
        inputs.push(
          column.type === 'enum' ? (
            <SelectInput
              key={column.name}
              source={column.name}
              label={label}
              choices={choices}
              translateChoice={false}
            />
          ) : column.type === 'number' || column.type === 'money' ? (
            <NumberInput key={column.name} source={column.name} label={label} />
          ) : (
            <TextInput key={column.name} source={column.name} label={label} />
          ),
        );
        break;
      case 'contains':
        inputs.push(<TextInput key={column.name} source={column.name} label={label} />);
        break;
      default:
        break;
    }
  }
  return inputs;
}
