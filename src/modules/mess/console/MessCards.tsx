import { Alert, Box, Button, List, ListItem, ListItemText, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { api, StatNumber } from '../../../../web/console/src/extensions/index.ts';
import type { HeadcountForecastJson, MessSummaryJson } from '../browser.ts';
import { useLocalWords } from './use-local-words.ts';

/** `GET /api/mess/reports/summary`: meals per day and window, and how approvals stand. */
export type MessSummary = MessSummaryJson;

export const useMessSummary = () =>
  useQuery({ queryKey: ['mess', 'summary'], queryFn: () => api<MessSummary>('/api/mess/reports/summary') });

export function TodayCard() {
  const translate = useTranslate();
  const { data } = useMessSummary();
  const today = data?.meals.filter((m) => m.date === data.to) ?? [];
  const served = today.reduce((n, m) => n + m.allowed, 0);
  const denied = today.reduce((n, m) => n + m.denied, 0);
  return (
    <StatNumber
      value={data ? served : undefined}
      hint={`${translate('mess.dashboard.today_hint')}: ${served} · ${denied}`}
      to="/mess.scans"
    />
  );
}

/**
 * The students list filtered to the registrations waiting for a decision, through the list's own
 * Status filter and shown as it (issue 54 item 3): a bare `status` had no input, so the list kept it
 * hidden, and the menu's Mess students then counted 2 of 9 with nothing saying why.
 */
export const PENDING_STUDENTS = `/mess.students?${new URLSearchParams({
  filter: JSON.stringify({ status_in: ['pending'] }),
  displayedFilters: JSON.stringify({ status_in: true }),
})}`;

/** Registrations to approve: the number and a link both open the waiting ones, not every student. */
export function PendingCard() {
  const translate = useTranslate();
  const { data } = useMessSummary();
  return (
    <Box>
      <StatNumber
        value={data?.approvals.pending}
        hint={translate('mess.dashboard.pending_hint')}
        to={PENDING_STUDENTS}
      />
      <Button component={Link} to={PENDING_STUDENTS} size="small" data-testid="mess-pending-link">
        {translate('mess.dashboard.pending_open')}
      </Button>
    </Box>
  );
}

type ForecastRow = HeadcountForecastJson[number];

export function ForecastCard() {
  const words = useLocalWords();
  const { data } = useQuery({
    queryKey: ['mess', 'forecast'],
    queryFn: () => api<ForecastRow[]>('/api/mess/reports/forecast?count=4'),
  });
  return (
    <List dense disablePadding>
      {(data ?? []).map((r) => (
        <ListItem key={r.windowKey} disableGutters>
          <ListItemText
            primary={`${words.meal(r.mealName)} · ${r.date}`}
            secondary={`${r.eligible} → ${r.expected}`}
          />
          <Typography variant="h6">{r.expected}</Typography>
        </ListItem>
      ))}
    </List>
  );
}

/**
 * The mess's time zone beside its cut-off, on the dashboard: a first run still on UTC is told to
 * set it (cut-offs and meal windows are local times) and taken to the settings.
 */
export function SetupCard() {
  const translate = useTranslate();
  const words = useLocalWords();
  const org = useQuery({
    queryKey: ['opsdesk', 'org'],
    queryFn: () => api<{ timeZone: string }>('/api/org'),
  });
  const settings = useQuery({
    queryKey: ['mess', 'settings'],
    queryFn: () => api<{ cutoffTime: string }>('/api/mess/settings'),
  });
  if (!org.data || !settings.data) return null;
  const utc = org.data.timeZone === 'UTC';
  return (
    <Box data-testid="mess-setup-card">
      <Typography variant="h6">
        {translate('mess.dashboard.cutoff', {
          cutoff: words.time(settings.data.cutoffTime),
          zone: words.zone(org.data.timeZone),
        })}
      </Typography>
      {utc && (
        <Alert severity="warning" sx={{ my: 1 }}>
          {translate('mess.settings.zone_utc')}
        </Alert>
      )}
      <Button component={Link} to="/mess/settings" size="small">
        {translate(utc ? 'mess.dashboard.set_zone' : 'mess.menu.settings')}
      </Button>
    </Box>
  );
}
