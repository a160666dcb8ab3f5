import { Box, Link, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { ProofFile } from './review-types.ts';

/** A proof as large as the space allows: the picture, or the PDF in the browser's own viewer. */
export function ProofView({ proof, height = 560 }: { proof: ProofFile | null; height?: number }) {
  const translate = useTranslate();
  if (!proof)
    return (
      <Typography color="text.secondary" sx={{ p: 4, textAlign: 'center' }}>
        {translate('od.review.no_proof')}
      </Typography>
    );
  const frame = {
    display: 'block',
    width: '100%',
    height,
    border: 1,
    borderColor: 'divider',
    borderRadius: 1,
    bgcolor: 'background.default',
  };
  return (
    <Box>
      {proof.contentType === 'application/pdf' ? (
        <Box
          component="object"
          data={proof.url}
          type="application/pdf"
          sx={frame}
          aria-label={proof.originalName}
        >
          <Link href={proof.url}>{proof.originalName}</Link>
        </Box>
      ) : (
        <Box
          component="img"
          src={proof.url}
          alt={proof.originalName}
          sx={{ ...frame, objectFit: 'contain' }}
        />
      )}
      <Link href={proof.url} target="_blank" rel="noopener" variant="body2">
        {translate('od.resource.open_file')}
      </Link>
    </Box>
  );
}
