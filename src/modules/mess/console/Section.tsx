import { Card, CardContent, CardHeader } from '@mui/material';
import type { ReactNode } from 'react';

/** A titled card of a mess screen (the student's page, the reports) whose content scrolls sideways on a phone. */
export function Section({
  title,
  children,
  testId,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Card sx={{ minWidth: 0, flex: 1 }} data-testid={testId}>
      <CardHeader title={title} titleTypographyProps={{ variant: 'subtitle1' }} sx={{ pb: 0 }} />
      <CardContent sx={{ overflowX: 'auto' }}>{children}</CardContent>
    </Card>
  );
}
