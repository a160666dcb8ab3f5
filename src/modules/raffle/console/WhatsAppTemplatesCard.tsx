import { Box, List, ListItem, ListItemText, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { api } from '../../../../web/console/src/extensions/index.ts';
import type { MissingTemplateJson as TemplateNeed } from '../browser.ts';

/**
 * On the dashboard: the approved WhatsApp templates the organization still lacks, by message and
 * language (docs/whatsapp-templates.md has their texts). Without one, that message cannot reach a
 * buyer who has not written for a day.
 */
export default function WhatsAppTemplatesCard() {
  const translate = useTranslate();
  const { data } = useQuery({
    queryKey: ['raffle', 'whatsapp-templates'],
    queryFn: () => api<TemplateNeed[]>('/api/raffle/whatsapp-templates'),
  });
  if (!data) return null;
  const lacking = data.filter((t) => t.missing.length > 0);
  return (
    <Box data-testid="raffle-whatsapp-templates">
      <Typography variant="body2" color="text.secondary">
        {translate('raffle.templates.hint')}
      </Typography>
      {lacking.length === 0 ? (
        <Typography sx={{ mt: 1 }}>{translate('raffle.templates.all_set')}</Typography>
      ) : (
        <List dense disablePadding>
          {lacking.map((t) => (
            <ListItem key={t.template} disableGutters data-testid="raffle-missing-template">
              <ListItemText
                primary={translate('raffle.templates.missing', {
                  message: translate(`raffle.messages.${t.template.replace(/^raffle\./, '')}`),
                  languages: t.missing.join(', '),
                })}
                secondary={
                  <>
                    {translate('raffle.templates.name_at_meta')} <code>{t.suggestedName}</code>
                  </>
                }
              />
            </ListItem>
          ))}
        </List>
      )}
    </Box>
  );
}
