import { TextField } from '@mui/material';

/** The days a report covers, both included (`YYYY-MM-DD`). */
export interface Days {
  from: string;
  to: string;
}

/**
 * A report's first and last day, side by side, each typed or picked with its label always above;
 * the labels are the screen's own words.
 */
export function DayRange(props: Days & { labels: Days; onChange: (days: Days) => void }) {
  const { from, to } = props;
  return (['from', 'to'] as const).map((end) => (
    <TextField
      key={end}
      type="date"
      size="small"
      label={props.labels[end]}
      value={props[end]}
      onChange={(e) => props.onChange({ from, to, [end]: e.target.value })}
      sx={{ width: { sm: 180 } }}
      slotProps={{ inputLabel: { shrink: true } }}
    />
  ));
}
