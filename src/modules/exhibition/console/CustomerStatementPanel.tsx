import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import { Button, Stack } from '@mui/material';
import { useRef } from 'react';
import { useTranslate } from 'react-admin';
import { RecordPanelCard, type RecordPanelProps } from '../../../../web/console/src/extensions/index.ts';
import { PostNotice, usePostNotice } from './use-post-notice.tsx';

/**
 * On a customer's page: their statement (every bill and the total) as a PDF, e-mailed to them, or
 * texted to their phone with a link to the PDF (issue 65: a customer without e-mail).
 */
export default function CustomerStatementPanel({ id, record }: RecordPanelProps) {
  const translate = useTranslate();
  const { notice, post } = usePostNotice();
  // One key per press until the server answers: a second click meanwhile sends one text, not two.
  const smsKey = useRef<string | null>(null);
  const code = typeof record.code === 'string' ? record.code : '';
  const base = `/api/exhibition/customers/${encodeURIComponent(id)}/statement`;
  const email = () =>
    post(`${base}/email`, translate('exhibition.statement.emailed', { email: String(record.email ?? '') }));
  const text = async () => {
    smsKey.current ??= crypto.randomUUID();
    await post(
      `${base}/sms`,
      translate('exhibition.statement.texted', { phone: String(record.phone ?? '') }),
      {
        'idempotency-key': smsKey.current,
      },
    );
    smsKey.current = null;
  };
  return (
    <RecordPanelCard testId="exhibition-statement" title={translate('exhibition.statement.title')}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Button
          variant="contained"
          startIcon={<PictureAsPdfIcon />}
          href={`${base}.pdf`}
          download={`statement-${code}.pdf`}
        >
          {translate('exhibition.statement.download')}
        </Button>
        {/* No e-mail address (a customer of the original system may have none): the PDF is to print. */}
        <Button variant="outlined" disabled={!record.email} onClick={() => void email()}>
          {translate('exhibition.statement.email')}
        </Button>
        {/* No phone: nothing to text; a phone-only customer gets the statement this way. */}
        <Button
          variant="outlined"
          disabled={!record.phone}
          onClick={() => void text()}
          data-testid="exhibition-statement-sms"
        >
          {translate('exhibition.statement.sms')}
        </Button>
      </Stack>
      <PostNotice notice={notice} />
    </RecordPanelCard>
  );
}
