import type { FastifyReply } from 'fastify';

/**
 * Replies a stand-in holds open to play a service whose answer never comes: each is let go when
 * the client gives up (its connection closes) or when the stand-in closes (`releaseAll`).
 */
export function createHeldReplies() {
  const held = new Set<() => void>();
  return {
    /** Sends nothing on `reply`; resolves once the client closes the connection or `releaseAll` runs. */
    hold(reply: FastifyReply): Promise<undefined> {
      return new Promise((resolve) => {
        const release = () => {
          held.delete(release);
          resolve(undefined);
        };
        held.add(release);
        reply.raw.on('close', release);
      });
    },
    releaseAll(): void {
      for (const release of [...held]) release();
    },
  };
}
