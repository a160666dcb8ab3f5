import BusinessIcon from '@mui/icons-material/Business';
import LockIcon from '@mui/icons-material/LockOutlined';
import SearchOffIcon from '@mui/icons-material/SearchOff';
import { Box, Button, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Title, useTranslate } from 'react-admin';
import { useLocation } from 'react-router-dom';
import { api } from '../api/http.ts';
import { forgetResourceMeta, loadResourceMeta } from '../api/resource-meta.ts';
import { switchOrganization } from '../api/session.ts';
import { useSession } from '../api/use-session.ts';
import { consoleExtensions } from '../registry/registry.ts';
import { organizationOfScreen, unmatchedScreen } from './screen-access.ts';

const everyPage = consoleExtensions.flatMap((e) => e.pages ?? []);

/**
 * What a signed-in person sees at an address the console did not register for them: a screen
 * their role may not see says so ("you do not have access"); a mistyped address does not exist.
 */
export function NoAccessPage() {
  const translate = useTranslate();
  const { pathname } = useLocation();
  const session = useSession();
  // The console registers no resource for a scanner-only session (App.tsx), whatever it may read.
  const readable = useQuery({
    queryKey: ['opsdesk', 'resources'],
    queryFn: () => loadResourceMeta(),
    enabled: !!session,
    staleTime: 5 * 60_000,
  });
  const declared = useQuery({
    queryKey: ['opsdesk', 'resource-names'],
    queryFn: () => api<string[]>('/api/resources/names'),
    enabled: !!session,
    staleTime: 5 * 60_000,
  });
  const elsewhere = session && organizationOfScreen(pathname, session.organization, session.organizations);
  if (elsewhere) return <OtherOrganization name={elsewhere.name} id={elsewhere.id} />;
  // Nothing until the facts are in: a wrong "no access" flashing before "not found" misleads too.
  if (!session || !declared.data || !readable.data) return null;
  const verdict = unmatchedScreen(pathname, {
    permissions: session.permissions,
    declaredResources: declared.data,
    readableResources: session.role === 'scanner' ? [] : readable.data.map((r) => r.name),
    pages: everyPage,
  });
  const title = translate(verdict === 'no_access' ? 'od.resource.no_access' : 'od.resource.not_found');
  const Icon = verdict === 'no_access' ? LockIcon : SearchOffIcon;
  return (
    <Box sx={{ p: 4, textAlign: 'center' }} role="alert">
      <Title title={title} />
      <Icon color="disabled" sx={{ fontSize: 56 }} />
      <Typography variant="h6" component="h1">
        {title}
      </Typography>
      {verdict === 'no_access' && (
        <Typography color="text.secondary" sx={{ mt: 1 }}>
          {translate('od.resource.no_access_hint')}
        </Typography>
      )}
    </Box>
  );
}

/** A page of another organization of this person: which one, and a button that goes there. */
function OtherOrganization({ id, name }: { id: string; name: string }) {
  const translate = useTranslate();
  const title = translate('od.resource.other_org', { name });
  return (
    <Box sx={{ p: 4, textAlign: 'center' }} role="alert">
      <Title title={title} />
      <BusinessIcon color="disabled" sx={{ fontSize: 56 }} />
      <Typography variant="h6" component="h1">
        {title}
      </Typography>
      <Button
        variant="contained"
        sx={{ mt: 2 }}
        onClick={async () => {
          await switchOrganization(id);
          forgetResourceMeta();
          // The same address, now in the organization it belongs to.
          window.location.reload();
        }}
      >
        {translate('od.resource.switch_org', { name })}
      </Button>
    </Box>
  );
}
