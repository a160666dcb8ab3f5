import { api } from '../../../../web/console/src/extensions/index.ts';

/**
 * Prints a sheet of meal passes (all approved students, or `ids`) through `POST /api/mess/passes.pdf`,
 * which carries the CSRF token (signing passes is audited, so it is never a plain link), and hands
 * the PDF to the browser as a download.
 */
export async function printPasses(ids?: string[]): Promise<void> {
  const blob = await api<Blob>('/api/mess/passes.pdf', {
    method: 'POST',
    body: ids ? { ids } : {},
    as: 'blob',
    headers: { accept: 'application/pdf' },
  });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = 'meal-passes.pdf';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
