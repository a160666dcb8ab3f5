import { Box, Typography } from '@mui/material';
import { changedFields, show } from './audit-types.ts';

/** "field: old → new" lines for an audit event's snapshots. */
export function AuditChanges({ before, after }: { before: unknown; after: unknown }) {
  const changes = changedFields(before, after);
  if (!changes.length)
    return (
      <Typography variant="body2" color="text.secondary">
        —
      </Typography>
    );
  return (
    <Box component="ul" sx={{ m: 0, pl: 2 }}>
      {changes.slice(0, 8).map((c) => (
        <Typography component="li" variant="body2" key={c.field} sx={{ wordBreak: 'break-word' }}>
          <b>{c.field}</b>: {before === null || before === undefined ? '' : `${show(c.from)} → `}
          {show(c.to)}
        </Typography>
      ))}
      {changes.length > 8 && <Typography variant="caption">+{changes.length - 8}</Typography>}
    </Box>
  );
}
