import QrCodeScannerIcon from '@mui/icons-material/QrCodeScanner';
import { Box, Button, Card, CardContent, CardHeader, Grid, Skeleton, Typography } from '@mui/material';
import { Suspense } from 'react';
import { Title, useTranslate } from 'react-admin';
import { useSession } from '../api/use-session.ts';
import { isScannerOnly } from '../registry/navigation.ts';
import { dashboardCardsFor } from '../registry/registry.ts';

function ScannerHome() {
  const translate = useTranslate();
  return (
    <Card sx={{ mt: 2, maxWidth: 520 }}>
      <CardContent>
        <Typography gutterBottom>{translate('od.dashboard.scanner_hint')}</Typography>
        <Button variant="contained" size="large" href="/scanner/" startIcon={<QrCodeScannerIcon />}>
          {translate('od.dashboard.open_scanner')}
        </Button>
      </CardContent>
    </Card>
  );
}

/** A sentence ending in a name that ends in a period ("Bean There Coffee Co.") ends with that one period. */
const oneFullStop = (sentence: string) => sentence.replace(/\.\.$/, '.');

/** Home screen: a grid of cards from the dashboard registry (platform and modules alike). */
export function Dashboard() {
  const translate = useTranslate();
  const session = useSession();
  if (!session) return null;
  const cards = dashboardCardsFor(session);
  return (
    <Box sx={{ py: 2 }}>
      <Title title={translate('od.menu.dashboard')} />
      <Typography variant="h5" component="h1">
        {translate('od.dashboard.welcome', { name: session.user.name })}
      </Typography>
      <Typography color="text.secondary">
        {oneFullStop(translate('od.dashboard.org', { org: session.organization.name }))}{' '}
        {!isScannerOnly(session) && translate('od.dashboard.shortcuts_hint')}
      </Typography>
      {isScannerOnly(session) ? (
        <ScannerHome />
      ) : (
        <Grid container spacing={2} sx={{ mt: 1 }}>
          {cards.map((card) => (
            <Grid key={card.id} size={{ xs: 12, md: card.width ?? 4 }}>
              <Card sx={{ height: '100%' }} data-card={card.id}>
                <CardHeader title={translate(card.title)} titleTypographyProps={{ variant: 'subtitle1' }} />
                <CardContent sx={{ pt: 0 }}>
                  <Suspense fallback={<Skeleton variant="rounded" height={80} />}>
                    <card.component />
                  </Suspense>
                </CardContent>
              </Card>
            </Grid>
          ))}
        </Grid>
      )}
    </Box>
  );
}
