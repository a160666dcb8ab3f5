import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useFormat } from '../../format/useFormat.ts';
import { humanize, labelOf } from '../../labels.ts';
import { type ColumnMeta, optionsOf, type ResourceMeta } from '../../resources/resource-meta.ts';
import { changedFields, fieldOf, show } from './audit-types.ts';

/**
 * "field: old → new" lines for an audit event's snapshots. With the record's resource, a field
 * reads as its column's label and an enum value as its words ("Status: Draft → Selling").
 */
export function AuditChanges({
  before,
  after,
  meta,
}: {
  before: unknown;
  after: unknown;
  meta?: ResourceMeta;
}) {
  const translate = useTranslate();
  const format = useFormat();
  const changes = changedFields(before, after);
  if (!changes.length)
    return (
      <Typography variant="body2" color="text.secondary">
        —
      </Typography>
    );
  const wordsOf = (field: string) => {
    const found = meta ? fieldOf(meta, field) : undefined;
    return {
      label: found ? labelOf(translate, found.label) : humanize(field),
      value: (v: unknown) =>
        valueWords(translate, format, found?.column as ColumnMeta | undefined, v, currencyIn(before, after)),
    };
  };
  return (
    <Box component="ul" sx={{ m: 0, pl: 2 }}>
      {changes.slice(0, 8).map((c) => {
        const words = wordsOf(c.field);
        return (
          <Typography
            component="li"
            variant="body2"
            key={c.field}
            title={c.field}
            sx={{ wordBreak: 'break-word' }}
          >
            <b>{words.label}</b>: {before === null || before === undefined ? '' : `${words.value(c.from)} → `}
            {words.value(c.to)}
          </Typography>
        );
      })}
      {changes.length > 8 && (
        <Typography component="li" variant="caption" sx={{ listStyle: 'none' }}>
          +{changes.length - 8}
        </Typography>
      )}
    </Box>
  );
}

/** An enum value as its option's words, a time in the console's one format; anything else as stored. */
function valueWords(
  translate: ReturnType<typeof useTranslate>,
  format: ReturnType<typeof useFormat>,
  column: ColumnMeta | undefined,
  v: unknown,
  currencyOf: (column: ColumnMeta) => string | undefined,
) {
  if (v === null || v === undefined) return show(v);
  // Minor units as money: the column's currency, the snapshot's, else the organization's.
  if (column?.type === 'money' && (typeof v === 'number' || typeof v === 'string') && v !== '')
    return format.money(v, currencyOf(column));
  if (column?.type === 'enum' && typeof v === 'string') {
    const option = optionsOf(column).find((o) => o.id === v);
    if (option) return labelOf(translate, option.name);
  }
  if (column?.type === 'datetime') return format.dateTime(v);
  if (column?.type === 'date') return format.date(v);
  return show(v);
}

/** A money column's currency as the snapshots hold it: fixed, or the column the row keeps it in. */
const currencyIn =
  (before: unknown, after: unknown) =>
  (column: ColumnMeta): string | undefined => {
    const declared = column.currency;
    if (declared && 'code' in declared) return declared.code;
    if (!declared) return undefined;
    for (const snap of [after, before]) {
      const value = (snap as Record<string, unknown> | null | undefined)?.[declared.column];
      if (typeof value === 'string') return value;
    }
    return undefined;
  };
