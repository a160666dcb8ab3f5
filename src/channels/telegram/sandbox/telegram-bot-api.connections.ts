import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * The connections clients keep open to a stand-in, so a test can close the idle ones as Telegram's
 * servers do when a kept-alive connection stayed idle past their keep-alive time: on demand rather
 * than after a wait, so the close lands exactly between two calls of a client.
 */
export function trackConnections(server: Server) {
  const open = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  return {
    /**
     * Closes every connection that carries no call now; resolves once they are closed on this side
     * (the close is then on its way to the client, which has not read it yet). Answers how many.
     */
    async closeIdle(): Promise<number> {
      const before = [...open];
      server.closeIdleConnections();
      const closing = before.filter((socket) => socket.destroyed);
      await Promise.all(closing.map((socket) => new Promise((resolve) => socket.once('close', resolve))));
      return closing.length;
    },
  };
}
