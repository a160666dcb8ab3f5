import { Box, Card, CardContent, CardHeader } from '@mui/material';
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
      <CardContent sx={{ pt: 0 }}>
        {/* Zero wide to the layout, as wide as the card to the eye: a wide table (a person's messages)
            scrolls inside the card instead of widening the page a phone then scrolls sideways. */}
        <Box sx={{ overflowX: 'auto', width: 0, minWidth: '100%' }}>{props.children}</Box>
      </CardContent>
    </Card>
  );
}
