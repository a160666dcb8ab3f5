import { Typography } from '@mui/material';
import { useState } from 'react';
import { api } from '../../../../web/console/src/extensions/index.ts';

/**
 * A panel's button that POSTs and says how it went: `post(url, done)` shows `done` once the server
 * accepted, the server's refusal (already in the reader's language) when it did not. `headers`: an
 * `Idempotency-Key`, for a POST that sends something to a person.
 */
export function usePostNotice() {
  const [notice, setNotice] = useState('');
  const post = async (url: string, done: string, headers?: Record<string, string>) => {
    setNotice('');
    try {
      await api(url, { method: 'POST', ...(headers ? { headers } : {}) });
      setNotice(done);
    } catch (err) {
      setNotice(err instanceof Error ? err.message : String(err));
    }
  };
  return { notice, post };
}

/** How the panel's last POST went, as a status line below its buttons; nothing before the first. */
export function PostNotice({ notice }: { notice: string }) {
  if (!notice) return null;
  return (
    <Typography role="status" sx={{ mt: 1 }}>
      {notice}
    </Typography>
  );
}
