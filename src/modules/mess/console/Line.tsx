import { Box } from '@mui/material';
import type { ReactNode } from 'react';

/** One record as a line that wraps on a phone (no table wider than the screen). */
export function Line({ children, ...data }: { children: ReactNode } & Record<`data-${string}`, string>) {
  return (
    <Box
      {...data}
      sx={{
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'center',
        columnGap: 2,
        rowGap: 0.5,
        py: 1,
        borderBottom: 1,
        borderColor: 'divider',
        '&:last-of-type': { borderBottom: 0 },
      }}
    >
      {children}
    </Box>
  );
}
