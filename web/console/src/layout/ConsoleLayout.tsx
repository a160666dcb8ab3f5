import { Box, Button, Paper, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Layout, useTranslate } from 'react-admin';
import { SandboxBanner } from '../pages/sandbox/SandboxBanner.tsx';
import { GlobalShortcuts } from '../shortcuts/GlobalShortcuts.tsx';
import { ChannelAlertBanner } from './ChannelAlertBanner.tsx';
import { ConsoleAppBar } from './ConsoleAppBar.tsx';
import { ConsoleMenu } from './ConsoleMenu.tsx';

/** What a crashed screen shows instead of a blank page; the menu stays usable. */
export function ScreenError({
  error,
  resetErrorBoundary,
}: {
  error?: Error;
  resetErrorBoundary?: () => void;
}) {
  const translate = useTranslate();
  return (
    <Paper sx={{ p: 3, m: 2, maxWidth: 640 }} role="alert" data-testid="screen-error">
      <Typography variant="h6" gutterBottom>
        {translate('od.common.error_title')}
      </Typography>
      <Typography color="text.secondary" gutterBottom>
        {translate('od.common.error_hint')}
      </Typography>
      {error?.message && (
        <Typography component="pre" sx={{ fontSize: 12, whiteSpace: 'pre-wrap', color: 'error.main' }}>
          {error.message}
        </Typography>
      )}
      <Box sx={{ display: 'flex', gap: 1, mt: 2 }}>
        <Button
          variant="contained"
          onClick={() => (resetErrorBoundary ? resetErrorBoundary() : window.location.reload())}
        >
          {translate('od.common.retry')}
        </Button>
        <Button href={import.meta.env.BASE_URL}>{translate('od.common.back_home')}</Button>
      </Box>
    </Paper>
  );
}

/** react-admin's layout with our menu, top bar, error screen and keyboard layer. */
export function ConsoleLayout({ children }: { children: ReactNode }) {
  return (
    <Layout
      appBar={ConsoleAppBar}
      menu={ConsoleMenu}
      error={ScreenError}
      // The content may be narrower than its widest table: a wide list scrolls in its own frame, and
      // the page never sideways (the scan log was 1,406 px wide in a 1,366 px window). react-admin's
      // frame is as wide as its content (fit-content) and each flex box in it as its widest child.
      sx={{
        minWidth: 0,
        '& .RaLayout-appFrame, & .RaLayout-contentWithSidebar, & .RaLayout-content, & .RaList-main': {
          minWidth: 0,
        },
      }}
    >
      <SandboxBanner />
      <ChannelAlertBanner />
      {children}
      <GlobalShortcuts />
    </Layout>
  );
}
