import LockIcon from '@mui/icons-material/LockOutlined';
import { Box, Typography } from '@mui/material';
import { Title, useTranslate } from 'react-admin';
import { useLocation } from 'react-router-dom';

/** Screens that exist for some role: a module resource (`raffle.orders`) or a platform page. */
const PLATFORM_PAGES = new Set(['users', 'tokens', 'jobs', 'notifications', 'audit', 'settings']);

export function isKnownScreen(pathname: string): boolean {
  const first = pathname.replace(/^\/+/, '').split('/')[0] ?? '';
  // Module pages (`/raffle/grid`) are two segments under the module's name.
  const modulePage = /^\/?[a-z][a-z0-9]*\/[a-z][a-z0-9-]*\/?$/.test(pathname);
  return /^[a-z][a-z0-9]*\.[a-z][a-z0-9_]*$/.test(first) || PLATFORM_PAGES.has(first) || modulePage;
}

/**
 * What a signed-in person sees at an address the console did not register for them: a screen
 * their role may not see says so ("you do not have access"), instead of react-admin's "Not Found".
 */
export function NoAccessPage() {
  const translate = useTranslate();
  const { pathname } = useLocation();
  const known = isKnownScreen(pathname);
  const title = translate(known ? 'od.resource.no_access' : 'od.resource.not_found');
  return (
    <Box sx={{ p: 4, textAlign: 'center' }} role="alert">
      <Title title={title} />
      <LockIcon color="disabled" sx={{ fontSize: 56 }} />
      <Typography variant="h6" component="h1">
        {title}
      </Typography>
      {known && (
        <Typography color="text.secondary" sx={{ mt: 1 }}>
          {translate('od.resource.no_access_hint')}
        </Typography>
      )}
    </Box>
  );
}
