import { useTheme } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export type Method = 'momo' | 'airtel' | 'cash';
export interface DaySales {
  day: string;
  method: Method;
  currency: string;
  paid: number;
  paidAmountMinor: number;
  /** What went back that day, and what was paid less it (issue 62). */
  refundedAmountMinor: number;
  netAmountMinor: number;
  unitsTenths: number;
}

const METHODS: Method[] = ['momo', 'airtel', 'cash'];
const DAY = 86_400_000;

/** `YYYY-MM-DD` of an instant in the organization's zone (the sales report counts days there). */
export const dayIn = (at: Date, timeZone: string | undefined) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );

/** The `days` days up to today in the organization's zone, as the sales report's `from` and `to`. */
export function lastDays(days: number, timeZone: string | undefined, now = new Date()) {
  return { from: dayIn(new Date(now.getTime() - (days - 1) * DAY), timeZone), to: dayIn(now, timeZone) };
}

/** The currency of a report's sales, and how many minor units its major unit has. */
function currencyOf(sales: ReadonlyArray<DaySales>, fallback: string) {
  const currency = sales[0]?.currency ?? fallback;
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return { currency, digits };
}

/** Paid sales per day of `from`..`to`, stacked by provider; a day without sales shows as a gap. */
export function SalesChart({
  from,
  to,
  sales,
  currency,
  height = 280,
}: {
  from: string;
  to: string;
  sales: ReadonlyArray<DaySales>;
  currency: string;
  height?: number;
}) {
  const translate = useTranslate();
  const theme = useTheme();
  const { digits } = currencyOf(sales, currency);
  const byDay = new Map<string, Record<string, number | string>>();
  for (let t = Date.parse(from); t <= Date.parse(to) && byDay.size < 92; t += DAY) {
    const day = new Date(t).toISOString().slice(0, 10);
    byDay.set(day, { day: day.slice(5), momo: 0, airtel: 0, cash: 0 });
  }
  for (const r of sales) {
    const row = byDay.get(r.day) ?? { day: r.day.slice(5), momo: 0, airtel: 0, cash: 0 };
    row[r.method] = Number(row[r.method]) + r.paidAmountMinor / 10 ** digits;
    byDay.set(r.day, row);
  }
  const colours: Record<Method, string> = {
    momo: '#f9a825',
    airtel: theme.palette.error.main,
    cash: theme.palette.success.main,
  };
  return (
    <figure
      style={{ width: '100%', height, margin: 0 }}
      aria-label={translate('prepaid.report.chart', { currency })}
      data-testid="prepaid-sales-chart"
    >
      <ResponsiveContainer>
        <BarChart data={[...byDay.values()]} margin={{ top: 8, right: 8, left: 8, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} vertical={false} />
          <XAxis dataKey="day" tick={{ fill: theme.palette.text.secondary, fontSize: 12 }} />
          <YAxis tick={{ fill: theme.palette.text.secondary, fontSize: 12 }} />
          <Tooltip />
          <Legend />
          {METHODS.map((m) => (
            <Bar
              key={m}
              dataKey={m}
              name={translate(`prepaid.options.${m}`)}
              fill={colours[m]}
              stackId="a"
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
