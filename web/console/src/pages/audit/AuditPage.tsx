import SearchIcon from '@mui/icons-material/Search';
import {
  Box,
  Button,
  Card,
  Chip,
  LinearProgress,
  Link,
  MenuItem,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Title, useGetOne, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { ApiError, api, fieldHelp, toQuery } from '../../api/http.ts';
import { resourceMeta, resourceOfAuditSubject, titleWords } from '../../api/resource-meta.ts';
import { useSession } from '../../api/use-session.ts';
import { TableHeadings } from '../../extensions/TableHeadings.tsx';
import { fromZoneInput, shortReference } from '../../format/format.ts';
import { useFormat } from '../../format/useFormat.ts';
import { humanize, labelOf } from '../../i18n/labels.ts';
import { AuditChanges } from './AuditChanges.tsx';
import { actionKey, actorName, humanizeAction, type AuditPage as Page } from './audit-types.ts';

const ACTOR_TYPES = ['user', 'token', 'system', 'contact', 'device'] as const;
const EMPTY = { action: '', actorType: '', subjectType: '', subjectId: '', from: '', to: '' };
type Filters = typeof EMPTY;

/** Audit log search: filters, newest first, keyset paging (older/newer). */
export default function AuditPage() {
  const translate = useTranslate();
  const { data, isFetching, error, search, cursors, setCursors } = useAuditSearch();

  return (
    <Box sx={{ py: 2 }}>
      <Title title={translate('od.audit.title')} />
      <Card sx={{ p: 2, mb: 2 }}>
        <AuditFilters error={error} onSearch={search} />
      </Card>
      {error && !(error instanceof ApiError && error.problem.errors?.length) && (
        <Typography color="error" sx={{ mb: 2 }} role="alert">
          {(error as Error).message}
        </Typography>
      )}
      <Card>
        {isFetching && <LinearProgress />}
        <TableContainer>
          <Table size="small" data-testid="audit-table">
            <TableHeadings
              headings={[
                'od.audit.when',
                'od.audit.who',
                'od.audit.what',
                'od.audit.subject',
                'od.audit.changes',
              ]}
            />
            <TableBody>
              {data?.items.map((item) => (
                <AuditRow key={item.id} item={item} />
              ))}
              {data && !data.items.length && (
                <TableRow>
                  <TableCell colSpan={5}>
                    <Typography color="text.secondary" sx={{ py: 3, textAlign: 'center' }}>
                      {translate('od.audit.none')}
                    </Typography>
                  </TableCell>
                </TableRow>
              )}
            </TableBody>
          </Table>
        </TableContainer>
        <Box sx={{ display: 'flex', justifyContent: 'flex-end', gap: 1, p: 1 }}>
          <Button disabled={cursors.length < 2} onClick={() => setCursors([null])}>
            {translate('od.common.newest')}
          </Button>
          <Button disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
            {translate('od.common.previous')}
          </Button>
          <Button
            variant="outlined"
            disabled={!data?.nextCursor}
            onClick={() => data?.nextCursor && setCursors([...cursors, data.nextCursor])}
          >
            {translate('od.audit.load_more')}
          </Button>
        </Box>
      </Card>
    </Box>
  );
}

/** The search form: action, actor type, subject and a time window (the organization's wall clock). */
function AuditFilters({ error, onSearch }: { error: unknown; onSearch: (filters: Filters) => void }) {
  const translate = useTranslate();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch(draft);
  };
  const set = (key: keyof Filters) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: e.target.value });
  return (
    <Box
      component="form"
      onSubmit={submit}
      sx={{
        display: 'grid',
        gap: 1.5,
        gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', md: 'repeat(3, 1fr)' },
      }}
    >
      <TextField
        size="small"
        label={translate('od.audit.action')}
        value={draft.action}
        onChange={set('action')}
        name="action"
      />
      <TextField
        size="small"
        select
        label={translate('od.audit.actor_type')}
        value={draft.actorType}
        onChange={set('actorType')}
      >
        <MenuItem value="">{translate('od.common.all')}</MenuItem>
        {ACTOR_TYPES.map((t) => (
          <MenuItem key={t} value={t}>
            {translate(`od.audit.actor_types.${t}`)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        size="small"
        label={translate('od.audit.subject_type')}
        value={draft.subjectType}
        onChange={set('subjectType')}
      />
      <TextField
        size="small"
        label={translate('od.audit.subject_id')}
        value={draft.subjectId}
        onChange={set('subjectId')}
      />
      <WindowEnd end="from" value={draft.from} onChange={set('from')} error={error} />
      <WindowEnd end="to" value={draft.to} onChange={set('to')} error={error} />
      <Box sx={{ display: 'flex', gap: 1 }}>
        <Button type="submit" variant="contained" startIcon={<SearchIcon />}>
          {translate('od.audit.search')}
        </Button>
        <Button
          onClick={() => {
            setDraft(EMPTY);
            onSearch(EMPTY);
          }}
        >
          {translate('ra.action.reset')}
        </Button>
      </Box>
    </Box>
  );
}

/** One entry: when, who, what, on what, and what changed. */
function AuditRow({ item }: { item: Page['items'][number] }) {
  const translate = useTranslate();
  const format = useFormat();
  return (
    <TableRow hover>
      <TableCell sx={{ whiteSpace: 'nowrap' }}>{format.dateTime(item.at)}</TableCell>
      <TableCell>
        <Typography variant="body2">{actorName(item.actor, translate)}</Typography>
        <Typography variant="caption" color="text.secondary">
          {translate(`od.audit.actor_types.${item.actor.type}`, { _: item.actor.type })}
        </Typography>
      </TableCell>
      <TableCell>
        <Chip
          size="small"
          variant="outlined"
          label={translate(actionKey(item.action), { _: humanizeAction(item.action) })}
          title={item.action}
        />
      </TableCell>
      <TableCell sx={{ overflowWrap: 'break-word', minWidth: 120 }}>
        {item.subject ? <SubjectWords subject={item.subject} /> : '—'}
      </TableCell>
      <TableCell>
        <AuditChanges
          before={item.before}
          after={item.after}
          meta={item.subject ? resourceOfAuditSubject(item.subject.type) : undefined}
          subjectType={item.subject?.type}
        />
      </TableCell>
    </TableRow>
  );
}

/**
 * The subject as its resource's name and the record's own title ("Raffles · Rifa Navidad"), linked to
 * the record. A record with no title (or gone, or out of reach) reads by a short reference, the full
 * id on hover; a subject no resource shows reads by its type's words (`od.audit.subjects`).
 */
function SubjectWords({ subject }: { subject: { type: string; id: string } }) {
  const translate = useTranslate();
  // A list's import or export names the list itself (`raffle.orders`).
  const list = subject.type === 'resource' ? resourceMeta(subject.id) : undefined;
  if (list) return <Typography variant="body2">{labelOf(translate, list.label)}</Typography>;
  return <RecordSubject subject={subject} />;
}

/**
 * Passes are audited under their holder's id (`{ type: 'expo', id: customerId }`, see the modules'
 * `customer-pass.ts` and `meal-pass.ts`): such an entry reads "Visitor pass" and names the holder.
 */
const PASS_HOLDERS: Record<string, string> = { expo: 'exhibition_customer', mess: 'mess_student' };

function RecordSubject({ subject }: { subject: { type: string; id: string } }) {
  const translate = useTranslate();
  const holder = PASS_HOLDERS[subject.type];
  const meta = resourceOfAuditSubject(holder ?? subject.type);
  const titleColumn = meta?.titleColumn ?? undefined;
  const { data: record } = useGetOne(
    meta?.name ?? subject.type,
    { id: subject.id },
    { enabled: !!titleColumn, retry: false },
  );
  const title = meta && record ? titleWords(meta, record, translate) : undefined;
  const named = title !== undefined;
  const reference = shortReference(subject.id);
  return (
    <>
      <Typography component="span" variant="body2" title={subject.type}>
        {meta && !holder
          ? labelOf(translate, meta.label)
          : translate(`od.audit.subjects.${subject.type}`, { _: humanize(subject.type) })}
      </Typography>{' '}
      {meta && (named || !titleColumn || record) ? (
        <Link
          component={RouterLink}
          to={`/${meta.name}/${encodeURIComponent(subject.id)}/show`}
          title={subject.id}
          variant="body2"
        >
          {named ? title : reference}
        </Link>
      ) : (
        <Typography component="span" variant="caption" color="text.secondary" title={subject.id}>
          {reference}
        </Typography>
      )}
    </>
  );
}

/** The entries the filters find, 25 at a time, newest first, paged by cursor (older, back, newest). */
function useAuditSearch() {
  // The from/to inputs are the organization's wall clock, as every time the console shows.
  const timeZone = useSession()?.organization.timeZone;
  const toIso = (local: string) => fromZoneInput(local, timeZone) ?? undefined;
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const { data, isFetching, error } = useQuery({
    queryKey: ['opsdesk', 'audit', filters, cursor],
    placeholderData: keepPreviousData,
    queryFn: () =>
      api<Page>(
        `/api/audit${toQuery({ ...filters, from: toIso(filters.from), to: toIso(filters.to), limit: 25, cursor })}`,
      ),
  });
  /** New filters read from the newest entry. */
  const search = (next: Filters) => {
    setFilters(next);
    setCursors([null]);
  };
  return { data, isFetching, error, search, cursors, setCursors };
}

interface WindowEndProps {
  end: 'from' | 'to';
  value: string;
  onChange: (e: { target: { value: string } }) => void;
  error: unknown;
}

/** One end of the time window, on the organization's wall clock, with the server's word on it. */
function WindowEnd({ end, value, onChange, error }: WindowEndProps) {
  const translate = useTranslate();
  return (
    <TextField
      size="small"
      type="datetime-local"
      label={translate(`od.audit.${end}`)}
      value={value}
      onChange={onChange}
      {...fieldHelp(error, end)}
      slotProps={{ inputLabel: { shrink: true } }}
    />
  );
}
