import { useTheme } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { type MessSummary, useMessSummary } from './MessCards.tsx';

/** Meals served and denied per day (windows of one day added up), as stacked bars. */
export function ServedDeniedChart({ meals }: { meals: MessSummary['meals'] }) {
  const translate = useTranslate();
  const theme = useTheme();
  const byDay = new Map<string, { day: string; served: number; denied: number }>();
  for (const m of meals) {
    const row = byDay.get(m.date) ?? { day: m.date.slice(5), served: 0, denied: 0 };
    row.served += m.allowed;
    row.denied += m.denied;
    byDay.set(m.date, row);
  }
  return (
    <figure style={{ width: '100%', height: 240, margin: 0 }} aria-label={translate('mess.dashboard.chart')}>
      <ResponsiveContainer>
        <BarChart data={[...byDay.values()]} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} vertical={false} />
          <XAxis dataKey="day" tick={{ fill: theme.palette.text.secondary, fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fill: theme.palette.text.secondary, fontSize: 12 }} />
          <Tooltip />
          <Legend />
          {(['served', 'denied'] as const).map((key) => (
            <Bar
              key={key}
              dataKey={key}
              name={translate(`mess.dashboard.${key}`)}
              fill={key === 'served' ? theme.palette.success.main : theme.palette.error.main}
              stackId="a"
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** The dashboard card's chart: the last two weeks of the mess summary. */
export default function MessChart() {
  const { data } = useMessSummary();
  return <ServedDeniedChart meals={data?.meals ?? []} />;
}
