import { useTheme } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useLocaleState, useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, toQuery } from '../../api/http.ts';

const DAYS = 14;

/**
 * Events per day of the organization (its time zone, as the rest of the page counts days), from the
 * server's count: not the browser's days, and not cut off at the events a page of the trail holds.
 */
async function activityByDay(): Promise<{ day: string; events: number }[]> {
  return (
    await api<{ days: { day: string; events: number }[] }>(`/api/audit/activity${toQuery({ days: DAYS })}`)
  ).days;
}

export default function ActivityChart() {
  const translate = useTranslate();
  const theme = useTheme();
  const [locale] = useLocaleState();
  const { data } = useQuery({ queryKey: ['opsdesk', 'activity'], queryFn: activityByDay });
  // A calendar day (YYYY-MM-DD) named as that day wherever the browser is: formatted at noon UTC.
  const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const rows = (data ?? []).map((r) => ({ ...r, label: format.format(new Date(`${r.day}T12:00:00Z`)) }));
  const empty = data && rows.every((r) => r.events === 0);
  return (
    <figure
      style={{ width: '100%', height: 220, margin: 0 }}
      aria-label={translate('od.dashboard.activity_hint')}
    >
      {empty ? (
        <p style={{ color: theme.palette.text.secondary }}>{translate('od.dashboard.no_activity')}</p>
      ) : (
        <ResponsiveContainer>
          <BarChart data={rows} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} vertical={false} />
            <XAxis
              dataKey="label"
              tick={{ fill: theme.palette.text.secondary, fontSize: 12 }}
              interval="preserveStartEnd"
            />
            <YAxis allowDecimals={false} tick={{ fill: theme.palette.text.secondary, fontSize: 12 }} />
            <Tooltip
              contentStyle={{
                background: theme.palette.background.paper,
                border: `1px solid ${theme.palette.divider}`,
              }}
              cursor={{ fill: theme.palette.action.hover }}
            />
            <Bar
              dataKey="events"
              name={translate('od.dashboard.activity_hint')}
              fill={theme.palette.primary.main}
              radius={[4, 4, 0, 0]}
            />
          </BarChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}
