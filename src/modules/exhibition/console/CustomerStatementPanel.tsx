import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import { Button, Stack } from '@mui/material';
import { useTranslate } from 'react-admin';
import { RecordPanelCard, type RecordPanelProps } from '../../../../web/console/src/extensions/index.ts';
import { PostNotice, usePostNotice } from './use-post-notice.tsx';

/** On a customer's page: their statement (every bill and the total) as a PDF, or e-mailed to them. */
export default function CustomerStatementPanel({ id, record }: RecordPanelProps) {
  const translate = useTranslate();
  const { notice, post } = usePostNotice();
  const code = typeof record.code === 'string' ? record.code : '';
  const email = () =>
    post(
      `/api/exhibition/customers/${encodeURIComponent(id)}/statement/email`,
      translate('exhibition.statement.emailed', { email: String(record.email ?? '') }),
    );
  return (
    <RecordPanelCard testId="exhibition-statement" title={translate('exhibition.statement.title')}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Button
          variant="contained"
          startIcon={<PictureAsPdfIcon />}
          href={`/api/exhibition/customers/${encodeURIComponent(id)}/statement.pdf`}
          download={`statement-${code}.pdf`}
        >
          {translate('exhibition.statement.download')}
        </Button>
        {/* No e-mail address (a customer of the original system may have none): the PDF is to print. */}
        <Button variant="outlined" disabled={!record.email} onClick={() => void email()}>
          {translate('exhibition.statement.email')}
        </Button>
      </Stack>
      <PostNotice notice={notice} />
    </RecordPanelCard>
  );
}
