/**
 * A list's table wider than the screen (a phone, six columns) scrolls in its own frame, never the
 * page: `<DataTable sx={tableScrollsInItsFrame}>`.
 */
export const tableScrollsInItsFrame = { '& .RaDataTable-tableWrapper': { overflowX: 'auto' } } as const;
