import { Alert } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useSandbox } from './use-sandbox.ts';

/** Says plainly, on every screen, that this console runs in the sandbox and what it plays. */
export function SandboxBanner() {
  const translate = useTranslate();
  const services = useSandbox();
  if (!services) return null;
  return (
    <Alert severity="warning" variant="filled" data-testid="sandbox-banner" sx={{ borderRadius: 0, py: 0 }}>
      {translate('od.sandbox.banner', {
        services: services.map((s) => translate(`od.sandbox.services.${s}`)).join(', '),
      })}
    </Alert>
  );
}
