import { Box, Link, Skeleton, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router-dom';

/** A big number with a hint, linking to where the number comes from. */
export function StatNumber(props: { value: number | undefined; hint: string; to: string; tone?: 'error' }) {
  return (
    <Box>
      {props.value === undefined ? (
        <Skeleton width={60} height={48} />
      ) : (
        <Link
          component={RouterLink}
          to={props.to}
          underline="hover"
          color={props.tone === 'error' && props.value > 0 ? 'error' : 'inherit'}
        >
          <Typography variant="h3" component="span" data-testid="stat-number">
            {props.value}
          </Typography>
        </Link>
      )}
      <Typography variant="body2" color="text.secondary">
        {props.hint}
      </Typography>
    </Box>
  );
}

/** A figure with what it counts below it, where it links nowhere: a sum on a card, a count on a record's page. */
export function StatValue(props: { value: ReactNode; hint: string; testId?: string; size?: 'h4' | 'h5' }) {
  return (
    <Box>
      <Typography variant={props.size ?? 'h5'} component="p" data-testid={props.testId}>
        {props.value}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {props.hint}
      </Typography>
    </Box>
  );
}
