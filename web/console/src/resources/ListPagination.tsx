import { Pagination, useListContext, useLocaleState, useTranslate } from 'react-admin';

/** "1.2 million" in the console's language (Hindi counts in lakh and crore). */
export function aboutCount(count: number, locale: string): string {
  return new Intl.NumberFormat(locale, {
    notation: 'compact',
    compactDisplay: 'long',
    maximumFractionDigits: 1,
  }).format(count);
}

/**
 * The list's pagination. Past 10,000 records the server estimates the total instead of counting
 * it; the range then reads "1-25 of about 1.2 million" rather than a precise-looking number.
 */
export function ListPagination() {
  const { meta } = useListContext();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const estimated = (meta as { totalExact?: boolean } | undefined)?.totalExact === false;
  const labelDisplayedRows = ({ from, to, count }: { from: number; to: number; count: number }) =>
    translate('od.resource.range_about', { from, to, total: aboutCount(count, locale) });
  return (
    <Pagination
      rowsPerPageOptions={[10, 25, 50, 100]}
      {...(estimated ? { labelDisplayedRows } : {})}
      data-testid={estimated ? 'estimated-total' : undefined}
    />
  );
}
