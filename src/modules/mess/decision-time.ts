/** When a decision was taken, in the mess's time zone and the reader's language. */
export const decisionTime = (d: Date | null, timeZone: string, language: string) =>
  d
    ? new Intl.DateTimeFormat(language === 'hi' ? 'hi-IN' : 'en-IN', {
        timeZone,
        dateStyle: 'medium',
        timeStyle: 'short',
      }).format(d)
    : '?';
