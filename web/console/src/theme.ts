import type { Theme } from '@mui/material/styles';
import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin';

const shared: RaThemeOptions = {
  shape: { borderRadius: 8 },
  typography: {
    fontFamily:
      // "Noto Sans Devanagari" is the bundled @fontsource face, devanagari subset only (its
      // unicode-range covers Hindi alone, so Latin text keeps the system face).
      '"Noto Sans Devanagari", system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  },
  sidebar: { width: 232, closedWidth: 56 },
  components: {
    MuiCssBaseline: {
      styleOverrides: (theme: Theme) => ({
        // The palette as CSS variables, named as MUI's own CSS-variables mode names them: the module
        // screens drawn with plain elements (the booth dashboard's cards, the desk's matches) read
        // their paper, text and lines from the theme, not a light-only hex (issue 54 item 21).
        ':root': {
          '--mui-palette-background-paper': theme.palette.background.paper,
          '--mui-palette-text-primary': theme.palette.text.primary,
          '--mui-palette-text-secondary': theme.palette.text.secondary,
          '--mui-palette-divider': theme.palette.divider,
          '--mui-palette-action-selected': theme.palette.action.selected,
          '--mui-palette-error-main': theme.palette.error.main,
        },
        // Recharts' default tooltip (every chart of the modules) is white, inline, with each series'
        // name written in the series' colour: in dark mode light text on white (1.5:1), and even in
        // light mode an orange series read 2.7:1 (issue 54 item 21). It takes the theme's paper and text.
        '.recharts-default-tooltip': {
          backgroundColor: `${theme.palette.background.paper} !important`,
          borderColor: `${theme.palette.divider} !important`,
          color: theme.palette.text.primary,
        },
        '.recharts-default-tooltip .recharts-tooltip-item': {
          color: `${theme.palette.text.primary} !important`,
        },
      }),
    },
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiPaper: { defaultProps: { elevation: 0 } },
    MuiCard: { styleOverrides: { root: { border: '1px solid rgba(127,127,127,0.22)' } } },
    MuiAppBar: { defaultProps: { elevation: 0, color: 'default' } },
  },
};

/** Calm, high-contrast themes; the choice persists in react-admin's store. */
export const lightTheme: RaThemeOptions = {
  ...defaultLightTheme,
  ...shared,
  palette: {
    mode: 'light',
    // Text on a filled colour (chips, contained buttons) is white only where white reads at WCAG AA's
    // 4.5:1, else dark (MUI's default asks 3:1): info's #0288d1 under white read 3.9:1 (issue 54 item 21).
    contrastThreshold: 4.5,
    primary: { main: '#2f5bea' },
    secondary: { main: '#0f766e' },
    // MUI's orange (#ed6c02) under white text reads at 3.1:1, short of WCAG AA's 4.5 (axe, issue 28):
    // the sandbox banner, warning chips and warning text take a darker amber (5.0:1 on white).
    warning: { main: '#b45309' },
    background: { default: '#f6f7fb', paper: '#ffffff' },
  },
  components: {
    ...defaultLightTheme.components,
    ...shared.components,
    // The bulk actions bar of a list with rows selected: react-admin's tint (#dde4fb) under the
    // primary buttons reads at 4.35:1, short of AA's 4.5 (axe, issue 28); a lighter one reads at 4.67.
    RaBulkActionsToolbar: {
      styleOverrides: { root: { '& .RaBulkActionsToolbar-toolbar': { backgroundColor: '#e6ecfc' } } },
    },
  },
};

export const darkTheme: RaThemeOptions = {
  ...defaultDarkTheme,
  ...shared,
  palette: {
    mode: 'dark',
    // As in light: the dark palette's fills are light, so their text turns dark where white is short of
    // 4.5:1. The alarms' Critical and the scans' Denied chips read white on #f44336 at 3.68:1 (issue 54 item 21).
    contrastThreshold: 4.5,
    primary: { main: '#8ea8ff' },
    secondary: { main: '#5eead4' },
    background: { default: '#0f1218', paper: '#171b24' },
  },
  components: { ...defaultDarkTheme.components, ...shared.components },
};
