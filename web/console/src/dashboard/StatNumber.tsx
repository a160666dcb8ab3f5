import { Box, Link, Skeleton, Typography } from '@mui/material';
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
