import { Alert, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useLocaleState, useNotify, useTranslate } from 'react-admin';
import { ApiError, api } from '../../../../web/console/src/extensions/index.ts';
import type { SheetOwnershipJson as SheetOwnership } from '../browser.ts';

/**
 * The backup spreadsheet and its proof of ownership (issue 26): the organization's code, where the
 * owner types it in the spreadsheet, and whether the spreadsheet in the settings is proven; only a
 * proven one receives the backup.
 */
export function SheetBackupCard() {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const client = useQueryClient();
  const ownership = useQuery({
    queryKey: ['mess', 'sheet-ownership'],
    queryFn: () => api<SheetOwnership>('/api/mess/settings/sheet-ownership'),
  });
  const [spreadsheetId, setSpreadsheetId] = useState('');
  const [problem, setProblem] = useState<ApiError | null>(null);
  const data = ownership.data;

  const save = (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    void (async () => {
      try {
        const settings = await api('/api/mess/settings', {
          method: 'PATCH',
          body: { sheetsSpreadsheetId: spreadsheetId.trim() || null },
        });
        client.setQueryData(['mess', 'settings'], settings);
        await client.invalidateQueries({ queryKey: ['mess', 'sheet-ownership'] });
        setSpreadsheetId('');
        notify('od.common.saved', { type: 'success' });
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        setProblem(err);
        notify(err.message, { type: 'error' });
      }
    })();
  };

  if (!data) return null;
  const fieldProblem = problem?.problem.errors?.find((i) => i.field === 'sheetsSpreadsheetId');
  return (
    <Card>
      <CardContent component="form" onSubmit={save} data-testid="mess-sheet-backup">
        <Typography variant="h6">{translate('mess.settings.sheet_title')}</Typography>
        {!data.sheetsConfigured ? (
          <Alert severity="info" sx={{ my: 1 }}>
            {translate('mess.settings.sheet_unavailable')}
          </Alert>
        ) : (
          <>
            {data.spreadsheetId && (
              <Alert
                severity={data.provenAt ? 'success' : 'warning'}
                sx={{ my: 1 }}
                data-testid="mess-sheet-state"
              >
                {data.provenAt
                  ? translate('mess.settings.sheet_proven', {
                      id: data.spreadsheetId,
                      at: new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(
                        new Date(data.provenAt),
                      ),
                    })
                  : translate('mess.settings.sheet_unproven', { id: data.spreadsheetId })}
              </Alert>
            )}
            <Typography variant="body2" color="text.secondary">
              {translate('mess.settings.sheet_steps', { sheet: data.sheet, cell: data.cell })}
            </Typography>
            <Typography variant="body1" sx={{ my: 1, fontFamily: 'monospace' }} data-testid="mess-sheet-code">
              {data.code}
            </Typography>
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
              <TextField
                label={translate('mess.settings.sheet_id')}
                name="sheetsSpreadsheetId"
                value={spreadsheetId}
                onChange={(e) => setSpreadsheetId(e.target.value)}
                error={!!fieldProblem}
                helperText={fieldProblem ? problem?.message : translate('mess.settings.sheet_id_hint')}
                size="small"
              />
              <Button type="submit" variant="outlined">
                {translate('mess.settings.sheet_check')}
              </Button>
            </Stack>
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }} data-testid="mess-sheet-tabs">
              {translate('mess.settings.sheet_tabs', {
                count: data.tabs.length,
                tabs: data.tabs.join(', '),
              })}
            </Typography>
          </>
        )}
      </CardContent>
    </Card>
  );
}
