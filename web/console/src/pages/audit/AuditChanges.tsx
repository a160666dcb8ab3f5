import { Box, Link, Typography } from '@mui/material';
import { Fragment, type ReactNode } from 'react';
import { useGetOne, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { isUuid } from '../../../../../src/platform/ids/browser.ts';
import {
  type ColumnMeta,
  optionsOf,
  type ResourceMeta,
  resourceOfAuditSubject,
  titleWords,
} from '../../api/resource-meta.ts';
import { useFormat } from '../../format/useFormat.ts';
import { humanize, labelOf } from '../../i18n/labels.ts';
import { systemActorKey } from '../../i18n/system-actors.ts';
import {
  auditPartOf,
  entryLines,
  fieldOf,
  isMoneyValue,
  referencedSubjects,
  show,
  weekdayWords,
} from './audit-types.ts';

/**
 * "field: old → new" lines for an audit event's snapshots. With the record's resource, a field
 * reads as its column's label and an enum value as its words ("Status: Draft → Selling"). An entry
 * about a part of the record (a refund in a payment's history) reads in the part's resource's words:
 * its status is the refund's ("Sent, checking"), its id the refund itself ("Refund of $30.00 to …").
 */
export function AuditChanges({
  before,
  after,
  meta,
  subjectType,
  recordId,
}: {
  before: unknown;
  after: unknown;
  meta?: ResourceMeta;
  /** The audit subject's type, for the records its id fields name (`deviceId` of a `coffee_alarm`). */
  subjectType?: string;
  /** The record whose history this is: a field naming it says nothing there. */
  recordId?: string;
}) {
  const translate = useTranslate();
  const format = useFormat();
  const changes = entryLines(before, after, recordId);
  if (!changes.length)
    return (
      <Typography variant="body2" color="text.secondary">
        —
      </Typography>
    );
  const part = auditPartOf(after);
  const partMeta = part ? resourceOfAuditSubject(part.subjectType) : undefined;
  const words = partMeta ?? meta;
  const subject = partMeta ? part?.subjectType : (subjectType ?? meta?.auditSubject);
  // The area whose catalog words a code: the resource's (`payments.payments` → payments), else the subject's.
  const area = words?.name.split('.')[0] ?? subject?.split('_')[0];
  const wordsOf = (field: string) =>
    fieldWords(field, { translate, format, words, subject, area, currency: currencyIn(before, after) });
  return (
    <Box component="ul" sx={{ m: 0, pl: 2 }}>
      {changes.slice(0, 8).map((c) => {
        const line = wordsOf(c.field);
        return (
          <Typography
            component="li"
            variant="body2"
            key={c.field}
            title={c.field}
            sx={{ wordBreak: 'break-word' }}
          >
            <b>{line.label}</b>:{' '}
            {before === null || before === undefined || c.lead ? null : (
              <>
                {line.value(c.from)}
                {' → '}
              </>
            )}
            {line.value(c.to)}
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

interface FieldWordsContext {
  translate: ReturnType<typeof useTranslate>;
  format: ReturnType<typeof useFormat>;
  /** The resource whose words the entry reads in (the part's, else the record's). */
  words: ResourceMeta | undefined;
  subject: string | undefined;
  /** The area whose catalog words a code. */
  area: string | undefined;
  /** A money column's currency, read from the entry's snapshots (`currencyIn`). */
  currency: ReturnType<typeof currencyIn>;
}

/**
 * A changed field's label and how its values read: a field naming another record reads as that
 * record's kind and its title; any other value in its column's words.
 */
function fieldWords(field: string, c: FieldWordsContext) {
  const { translate, format, words, subject, area } = c;
  const found = words ? fieldOf(words, field) : undefined;
  const target = referencedSubjects(subject, field)
    .map(resourceOfAuditSubject)
    .find((r) => r !== undefined);
  return {
    // A field naming another record reads as that record's kind ("Exhibition: Winter Makers
    // Market"), not as its column's "Exhibition id", where the history has words for it.
    label:
      found && !(target && translate(`od.audit.fields.${field}`, { _: '' }))
        ? labelOf(translate, found.label)
        : field
            .split('.')
            .map((part) => translate(`od.audit.fields.${part}`, { _: humanize(part) }))
            .join(' › '),
    value: (v: unknown): ReactNode => {
      const ids = Array.isArray(v) && v.length > 0 && v.every(isUuid) ? v : isUuid(v) ? [v] : null;
      if (ids)
        return ids.map((id, i) => (
          <Fragment key={id}>
            {i > 0 && ', '}
            <RecordName target={target} id={id} />
          </Fragment>
        ));
      return valueWords(
        translate,
        format,
        { name: field, column: found?.column as ColumnMeta | undefined, area },
        v,
        c.currency,
      );
    },
  };
}

/**
 * A record an id names, by its title (the resource's title column); the id itself only on hover.
 * Where no resource the reader sees holds it, the words "another record".
 */
function RecordName({ target, id }: { target: ResourceMeta | undefined; id: string }) {
  const translate = useTranslate();
  const titleColumn = target?.titleColumn ?? undefined;
  const { data } = useGetOne(target?.name ?? '', { id }, { enabled: !!titleColumn, retry: false });
  const title = target && data ? titleWords(target, data, translate) : undefined;
  return (
    <span title={id}>
      {title !== undefined && target ? (
        // Its name, opening its page (the refund a payment's history names).
        <Link component={RouterLink} to={`/${target.name}/${encodeURIComponent(id)}/show`}>
          {title}
        </Link>
      ) : target ? (
        // A record without a name of its own (a payment): a link to it, not its list's name.
        <Link component={RouterLink} to={`/${target.name}/${encodeURIComponent(id)}/show`}>
          {translate('od.audit.view_record')}
        </Link>
      ) : (
        translate('od.audit.other_record')
      )}
    </span>
  );
}

/**
 * An enum value as its option's words, a time in the console's one format (the organization's zone,
 * written out), money with its currency; anything else as stored. A field no column describes is
 * read by its shape: an ISO time, a `…Minor` amount (with the snapshot's `currency`); a code the
 * subject's area words under `<area>.options.<code>` (`timed_out` of a coffee command) reads so in
 * any field that is not an enum; a language code by the language's name, background work that
 * decided something by its words.
 */
function valueWords(
  translate: ReturnType<typeof useTranslate>,
  format: ReturnType<typeof useFormat>,
  field: { name: string; column: ColumnMeta | undefined; area: string | undefined },
  v: unknown,
  currencyOf: (column: ColumnMeta | undefined) => string | undefined,
) {
  const { column } = field;
  if (v === null || v === undefined) return show(v);
  // An amount kept with its currency (a refund's `amount`).
  if (isMoneyValue(v)) return format.money(v.amountMinor, v.currency);
  // Minor units as money: the column's currency, the snapshot's, else the organization's.
  const money = column ? column.type === 'money' : /Minor$/.test(field.name);
  if (money && (typeof v === 'number' || typeof v === 'string') && v !== '')
    return format.money(v, currencyOf(column));
  if (column?.type === 'enum' && typeof v === 'string') {
    const option = optionsOf(column).find((o) => o.id === v);
    if (option) return labelOf(translate, option.name);
  }
  if (column?.type === 'datetime') return format.dateTime(v);
  if (column?.type === 'date') return format.date(v);
  if (!column && typeof v === 'string' && ISO_TIME.test(v)) return format.dateTime(v);
  if (!column && typeof v === 'string' && ISO_DATE.test(v)) return format.date(v);
  // Who decided, created or uploaded it (`decidedBy`, `uploadedBy.label`): background work by its
  // words, not its code.
  if (typeof v === 'string' && /(?:By|_by)(?:\.label)?$/.test(field.name))
    return translate(systemActorKey(v), { _: v });
  // A language (a contact's `preferredLanguage`, the organization's `languages`) by its name.
  if (/language/i.test(field.name) && (typeof v === 'string' || (Array.isArray(v) && v.length > 0)))
    return [v]
      .flat()
      .map((code) => translate(`od.language_names.${code}`, { _: String(code) }))
      .join(', ');
  // What a mobile-money provider answered (`SUCCESSFUL`, Airtel's `TS`), and where a refund stands
  // in a module's entry (`refundStatus`), in the payments' words.
  if (typeof v === 'string' && /providerStatus$/.test(field.name))
    return translate(`payments.providerStatus.${v}`, { _: v });
  if (typeof v === 'string' && /refundStatus$/.test(field.name))
    return translate(`payments.refundStatus.${v}`, { _: v });
  // A code stored by a core area (`payment_proof`) reads from the history's own catalog.
  if (typeof v === 'string' && CODE.test(v))
    return translate(`${field.area}.options.${v}`, { _: translate(`od.audit.values.${v}`, { _: v }) });
  // What a payment is for, as its module words it (`raffle.order` → raffle.purposeType.order).
  const purpose = typeof v === 'string' ? PURPOSE.exec(v) : null;
  if (purpose && field.name.startsWith('purpose.'))
    return translate(`${purpose[1]}.purposeType.${purpose[2]}`, { _: v });
  if (typeof v === 'boolean') return translate(v ? 'od.common.yes' : 'od.common.no');
  // The days a meal is served (`weekdays: [1, 2, 3]`) by their names.
  if (/weekdays$/i.test(field.name))
    return weekdayWords(v, format.locale, translate('od.audit.every_day')) ?? show(v);
  return show(v);
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
const PURPOSE = /^([a-z]+)\.([a-z_]+)$/;

/** A money column's currency as the snapshots hold it: fixed, or the column the row keeps it in. */
const currencyIn =
  (before: unknown, after: unknown) =>
  (column: ColumnMeta | undefined): string | undefined => {
    const declared = column ? column.currency : { column: 'currency' };
    if (declared && 'code' in declared) return declared.code;
    if (!declared) return undefined;
    for (const snap of [after, before]) {
      const value = (snap as Record<string, unknown> | null | undefined)?.[declared.column];
      if (typeof value === 'string') return value;
    }
    return undefined;
  };
