import { useState } from 'react';
import { api } from '../../../../web/console/src/extensions/index.ts';

/**
 * A panel's button that POSTs and says how it went: `post(url, done)` shows `done` once the server
 * accepted, the server's refusal (already in the reader's language) when it did not.
 */
export function usePostNotice() {
  const [notice, setNotice] = useState('');
  const post = async (url: string, done: string) => {
    setNotice('');
    try {
      await api(url, { method: 'POST' });
      setNotice(done);
    } catch (err) {
      setNotice(err instanceof Error ? err.message : String(err));
    }
  };
  return { notice, post };
}
