import { Chip } from '@mui/material';
import { useTranslate } from 'react-admin';

/**
 * An alarm's severity as a chip a reader tells apart at a glance (issue 41, item 17): critical red,
 * a warning amber, information grey; each with text at WCAG AA contrast on its fill.
 */
const LOOK = {
  // The palette's contrast text is reckoned on `main`, not `dark`: on the dark theme's #d32f2f it read 3:1.
  critical: { bgcolor: 'error.main', color: 'error.contrastText' },
  warn: { bgcolor: 'warning.light', color: 'common.black' },
  info: {},
} as const;

export function SeverityChip({ severity }: { severity: keyof typeof LOOK }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      data-severity={severity}
      label={translate(`coffee.options.${severity}`)}
      sx={{ fontWeight: severity === 'critical' ? 600 : undefined, ...LOOK[severity] }}
    />
  );
}
