import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

/** The empty state inside a table: the toolbar (filters, create, import) stays usable above it. */
export function EmptyRows() {
  const translate = useTranslate();
  return (
    <Box sx={{ p: 4, textAlign: 'center' }}>
      <Typography color="text.secondary">{translate('od.common.empty')}</Typography>
    </Box>
  );
}
