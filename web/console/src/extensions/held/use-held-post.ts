import { useNotify, useTranslate } from 'react-admin';
import { api } from '../../api/http.ts';
import { useHeld } from './use-held.ts';

export interface HeldPostOptions<T, A> {
  /** Where the held value goes once its undo has run out (POST, under the hold's Idempotency-Key). */
  url: string;
  /** The request's body (default: the held value itself). */
  body?: (value: T) => unknown;
  /**
   * What staff read once it went, from the server's answer and what was sent (done, or waiting for
   * approval): an i18n key, or a key with its values.
   */
  said: (answer: A, value: T) => string | [string, Record<string, unknown>];
  /** The i18n key of what staff read when they undo it (nothing was sent). */
  undone: string;
  /** Runs after the request, whatever came of it: read the record again. */
  after: () => unknown;
}

/**
 * A money action staff confirmed (a refund, a pay-back): held `UNDO_MS` with an Undo, then posted once
 * under its Idempotency-Key, sent at once if the page is left; says how it went, or the server's
 * refusal in its own words (already in the reader's language).
 */
export function useHeldPost<T, A = unknown>(options: HeldPostOptions<T, A>) {
  const translate = useTranslate();
  const notify = useNotify();
  const { held, hold, undo } = useHeld<T>(async (value, key) => {
    try {
      const answer = await api<A>(options.url, {
        method: 'POST',
        body: options.body ? options.body(value) : value,
        headers: { 'idempotency-key': key },
      });
      const said = options.said(answer, value);
      const [words, values] = typeof said === 'string' ? [said] : said;
      notify(translate(words, values), { type: 'success' });
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    } finally {
      await options.after();
    }
  });
  return {
    held,
    hold,
    undo: () => {
      if (undo()) notify(translate(options.undone), { type: 'info' });
    },
  };
}
