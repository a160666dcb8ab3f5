import { Button, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { RecordPanelCard, type RecordPanelProps } from '../../../../web/console/src/extensions/index.ts';
import { codeOf } from './desk-model.ts';
import { PostNotice, usePostNotice } from './use-post-notice.tsx';

/**
 * On a customer's page: the QR of their pass, for the clerk to show the visitor (every booth scans
 * it), and the welcome e-mail with it sent again.
 */
export default function CustomerPassPanel({ id, record }: RecordPanelProps) {
  const translate = useTranslate();
  const { notice, post } = usePostNotice();
  const name = String(record.name ?? '');
  const code = typeof record.code === 'string' ? codeOf(record.code) : '';
  // Without an e-mail the welcome goes by SMS: the code and the badge link (issue 65).
  const bySms = !record.email && Boolean(record.phone);
  const resend = () =>
    post(
      `/api/exhibition/customers/${encodeURIComponent(id)}/resend`,
      bySms
        ? translate('exhibition.pass.resentSms', { phone: String(record.phone) })
        : translate('exhibition.pass.resent', { email: String(record.email ?? '') }),
    );
  return (
    <RecordPanelCard testId="exhibition-pass" title={translate('exhibition.pass.title')}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <img
          src={`/api/exhibition/customers/${encodeURIComponent(id)}/pass.png`}
          alt={translate('exhibition.pass.alt', { name, code })}
          width={220}
          height={220}
        />
        <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
          <Typography color="text.secondary">{translate('exhibition.pass.help')}</Typography>
          {/* A customer of the original system may have no e-mail address: the QR above is theirs to show. */}
          <Button variant="outlined" disabled={!record.email && !record.phone} onClick={() => void resend()}>
            {translate(bySms ? 'exhibition.pass.resendAgain' : 'exhibition.pass.resend')}
          </Button>
        </Stack>
      </Stack>
      <PostNotice notice={notice} />
    </RecordPanelCard>
  );
}
