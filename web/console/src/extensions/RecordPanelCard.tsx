import { Card, CardContent, CardHeader } from '@mui/material';
import type { ReactNode } from 'react';

/**
 * The card a module's record panel sits in, below the record's details: a subtitle-sized title, an
 * optional icon before it and action beside it, and content that scrolls sideways on a narrow screen.
 */
export function RecordPanelCard(props: {
  title: string;
  testId: string;
  avatar?: ReactNode;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card sx={{ mt: 2 }} data-testid={props.testId}>
      <CardHeader
        avatar={props.avatar}
        title={props.title}
        titleTypographyProps={{ variant: 'subtitle1' }}
        action={props.action}
      />
      <CardContent sx={{ pt: 0, overflowX: 'auto' }}>{props.children}</CardContent>
    </Card>
  );
}
