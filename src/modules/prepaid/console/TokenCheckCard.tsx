import { Alert, Button, Card, CardContent, CardHeader, Stack, TextField, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { api, useFormat } from '../../../../web/console/src/extensions/index.ts';
import type { TokenCheckJson as TokenCheck } from '../browser.ts';
import { kwh } from './counter.types.ts';

const SEVERITY = { valid: 'success', already_used: 'warning', invalid: 'error', expired: 'warning' } as const;

/** The moment a reason names: the end of validity of an expired token, else when it was keyed in or issued. */
const whenOf = (r: TokenCheck) => (r.reason === 'expired' ? r.expiresAt : (r.keyedInAt ?? r.issuedAt));

/** What the meter would do with a token the customer typed (changes nothing). */
export function TokenCheckCard({ meterId }: { meterId: string }) {
  const translate = useTranslate();
  const format = useFormat();
  const [token, setToken] = useState('');
  const check = useMutation({
    mutationFn: () =>
      api<TokenCheck>(`/api/prepaid/meters/${encodeURIComponent(meterId)}/check-token`, {
        method: 'POST',
        body: { token: token.replace(/\s+/g, '') },
      }),
  });
  const r = check.data;
  return (
    <Card variant="outlined" data-testid="counter-check">
      <CardHeader title={translate('prepaid.counter.check')} />
      <CardContent>
        <Stack spacing={2}>
          <Stack
            component="form"
            direction="row"
            spacing={1}
            onSubmit={(e) => {
              e.preventDefault();
              if (token.trim()) check.mutate();
            }}
          >
            <TextField
              size="small"
              label={translate('prepaid.counter.typedToken')}
              value={token}
              onChange={(e) => {
                setToken(e.target.value);
                check.reset();
              }}
              slotProps={{ htmlInput: { inputMode: 'numeric', style: { fontFamily: 'monospace' } } }}
            />
            <Button type="submit" variant="outlined" disabled={!token.trim() || check.isPending}>
              {translate('prepaid.counter.checkButton')}
            </Button>
          </Stack>
          {check.error && <Alert severity="error">{check.error.message}</Alert>}
          {r && (
            <Alert severity={SEVERITY[r.status]} data-testid="counter-check-result">
              <Typography>
                {translate(
                  `prepaid.counter.checkResult.${r.reason === 'before_import' ? r.reason : r.status}`,
                  {
                    kwh: kwh(r.unitsTenths ?? 0, format.locale),
                    count: r.count ?? '',
                  },
                )}
              </Typography>
              {r.status === 'valid' && r.expiresAt && (
                <Typography variant="body2" data-testid="counter-check-valid-until">
                  {translate('prepaid.counter.validUntil', { at: format.dateTime(r.expiresAt) })}
                </Typography>
              )}
              {r.reason && (
                <Typography variant="body2">
                  {translate(`prepaid.counter.checkReason.${r.reason}`, {
                    at: whenOf(r) ? format.dateTime(whenOf(r)!) : '',
                    later: r.laterTokensIssued ?? '',
                  })}
                </Typography>
              )}
            </Alert>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}
