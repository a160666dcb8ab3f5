import CheckIcon from '@mui/icons-material/Check';
import RemoveIcon from '@mui/icons-material/Remove';
import { Box, Chip, Link, Typography } from '@mui/material';
import { useState } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { type ColumnMeta, optionsOf, resourceMeta } from '../api/resource-meta.ts';
import { useFormat } from '../format/useFormat.ts';
import { isMessage, labelOf, type Message, wordMessage } from '../i18n/labels.ts';
import { systemActorKey } from '../i18n/system-actors.ts';

type Money = { amount: string | number; currency?: string };

function isMoney(v: unknown): v is Money {
  return !!v && typeof v === 'object' && 'amount' in v;
}

/** The currency of a money cell: the column's own, the row's currency column, or the value's. */
function currencyOf(
  column: ColumnMeta,
  value: unknown,
  record?: Record<string, unknown>,
): string | undefined {
  const declared = column.currency;
  if (declared && 'code' in declared) return declared.code;
  if (declared && typeof record?.[declared.column] === 'string') return record[declared.column] as string;
  return isMoney(value) ? value.currency : undefined;
}

/**
 * Formats one value by its column type, in the console's language. `record` is the row the value
 * belongs to: a money column may take its currency from another column of it.
 */
export function CellValue({
  column,
  value,
  record,
}: {
  column: ColumnMeta;
  value: unknown;
  record?: Record<string, unknown>;
}) {
  const [locale] = useLocaleState();
  const translate = useTranslate();
  const format = useFormat();
  if (value === null || value === undefined || value === '') {
    return (
      <Typography component="span" color="text.disabled">
        —
      </Typography>
    );
  }
  switch (column.type) {
    case 'number':
      return <>{new Intl.NumberFormat(locale).format(Number(value))}</>;
    case 'money': {
      // The API sends money as integer minor units (cents, paise); the currency's exponent scales it.
      const minor = isMoney(value) ? Number(value.amount) : Number(value);
      return <>{format.money(minor, currencyOf(column, value, record))}</>;
    }
    case 'date':
      return <>{format.date(value)}</>;
    case 'datetime':
      return <>{format.dateTime(value)}</>;
    case 'boolean':
      return value === true || value === 'true' ? (
        <CheckIcon fontSize="small" color="success" titleAccess={translate('ra.boolean.true')} />
      ) : (
        <RemoveIcon fontSize="small" color="disabled" titleAccess={translate('ra.boolean.false')} />
      );
    case 'enum': {
      const option = optionsOf(column).find((o) => o.id === String(value));
      return (
        <Chip
          size="small"
          color={column.optionColors?.[String(value)] ?? 'default'}
          data-option={String(value)}
          label={option ? labelOf(translate, option.name) : String(value)}
        />
      );
    }
    case 'file':
      return <FilePreview url={String(value)} />;
    case 'message':
      return isMessage(value) ? <MessageWords message={value} /> : String(value);
    case 'id':
      return (
        <Typography component="span" sx={{ fontFamily: 'monospace', fontSize: 13 }}>
          {String(value)}
        </Typography>
      );
    default:
      // Who took or decided it (`createdBy`, `decidedBy`): background work by its words, not its code.
      if (typeof value === 'string' && /(?:By|_by)$/.test(column.name))
        return <>{translate(systemActorKey(value), { _: value })}</>;
      return <>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</>;
  }
}

/**
 * A server's sentence in the reader's language; one that names a record the reader may open (a
 * refund's raffle order) links to that record's page.
 */
function MessageWords({ message }: { message: Message }) {
  const translate = useTranslate();
  const words = wordMessage(translate, message);
  const record = message.record;
  if (!record || !resourceMeta(record.resource)) return <>{words}</>;
  return (
    <Link
      component={RouterLink}
      to={`/${record.resource}/${encodeURIComponent(record.id)}/show`}
      // In a list the row opens its own record: the link opens the named one.
      onClick={(e) => e.stopPropagation()}
    >
      {words}
    </Link>
  );
}

/**
 * A stored file (a payment proof): the picture itself, small in lists and large on a record's
 * page, opening the original on click; a PDF or anything the browser cannot draw as a link.
 */
export function FilePreview({ url, large = false }: { url: string; large?: boolean }) {
  const translate = useTranslate();
  const [failed, setFailed] = useState(false);
  // Only the API's own file addresses are drawn; anything else stays text.
  if (!/^\/api\/files\/[^/?#]+\/content$/.test(url)) return <>{url}</>;
  return (
    <Link href={url} target="_blank" rel="noopener" onClick={(e) => e.stopPropagation()}>
      {failed ? (
        translate('od.resource.open_file')
      ) : (
        <Box
          component="img"
          src={url}
          alt={translate('od.resource.open_file')}
          onError={() => setFailed(true)}
          sx={{
            display: 'block',
            maxHeight: large ? 480 : 48,
            maxWidth: large ? '100%' : 96,
            borderRadius: 1,
            border: 1,
            borderColor: 'divider',
            objectFit: 'contain',
          }}
        />
      )}
    </Link>
  );
}
