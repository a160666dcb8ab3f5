import EditIcon from '@mui/icons-material/Edit';
import { Button, Card, CardContent, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type { RecordPanelProps } from '../../../../web/console/src/extensions/index.ts';

/** A package's page: packages never change, so "edit" opens the editor on the next version from this one. */
export default function PackagePanel({ id }: RecordPanelProps) {
  const translate = useTranslate();
  const navigate = useNavigate();
  return (
    <Card variant="outlined">
      <CardContent>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <Button
            variant="contained"
            startIcon={<EditIcon />}
            onClick={() => navigate(`/coffee/recipe-editor?from=${encodeURIComponent(id)}`)}
          >
            {translate('coffee.editor.open')}
          </Button>
          <Typography variant="body2" color="text.secondary">
            {translate('coffee.editor.package_intro')}
          </Typography>
        </Stack>
      </CardContent>
    </Card>
  );
}
