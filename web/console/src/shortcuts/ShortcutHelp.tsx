import {
  Box,
  Dialog,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableRow,
} from '@mui/material';
import { useTranslate } from 'react-admin';

export const SHORTCUTS: { keys: string[]; label: string }[] = [
  { keys: ['Ctrl', 'K'], label: 'od.shortcuts.palette' },
  { keys: ['?'], label: 'od.shortcuts.help' },
  { keys: ['/'], label: 'od.shortcuts.search' },
  { keys: ['g', 'd'], label: 'od.shortcuts.go_dashboard' },
  { keys: ['g', 'u'], label: 'od.shortcuts.go_users' },
  { keys: ['g', 'j'], label: 'od.shortcuts.go_jobs' },
  { keys: ['g', 'a'], label: 'od.shortcuts.go_audit' },
  { keys: ['g', 's'], label: 'od.shortcuts.go_settings' },
  { keys: ['t'], label: 'od.shortcuts.toggle_theme' },
];

const Key = ({ children }: { children: string }) => (
  <Box
    component="kbd"
    sx={{
      px: 0.75,
      py: 0.25,
      mr: 0.5,
      border: 1,
      borderColor: 'divider',
      borderRadius: 1,
      fontFamily: 'monospace',
      fontSize: 13,
      bgcolor: 'action.hover',
    }}
  >
    {children}
  </Box>
);

/** The `?` cheat-sheet. */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const translate = useTranslate();
  return (
    <Dialog open={open} onClose={onClose} maxWidth="xs" fullWidth>
      <DialogTitle>{translate('od.shortcuts.title')}</DialogTitle>
      <DialogContent>
        <Table size="small">
          <TableBody>
            {SHORTCUTS.map((s) => (
              <TableRow key={s.label}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {s.keys.map((k) => (
                    <Key key={k}>{k}</Key>
                  ))}
                </TableCell>
                <TableCell>{translate(s.label)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </DialogContent>
    </Dialog>
  );
}
