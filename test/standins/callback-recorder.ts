import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCallback {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
}

/** A plain node:http receiver for stand-in tests: records each request and answers `status` (default 200). */
export async function startCallbackRecorder(answer: (call: RecordedCallback) => number = () => 200) {
  const calls: RecordedCallback[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const call = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        rawBody: Buffer.concat(chunks).toString(),
      };
      calls.push(call);
      res.statusCode = answer(call);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
