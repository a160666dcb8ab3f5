/**
 * A real SMTP server in its own process, for tests of e-mail delivery: accepts every message on
 * 127.0.0.1, parses it (postal-mime) and keeps it; a small HTTP endpoint on 127.0.0.1 lists what
 * arrived and arms rejections. Run: `node --import tsx test/standins/smtp-server-process.ts`.
 * Env: SMTP_PORT (0 = any). Prints one JSON line `{"smtpPort":…,"controlPort":…}` when ready.
 *
 * Control: GET /messages → received messages; POST /fail?count=N&code=451 → the next N
 * transactions are refused at MAIL FROM with that reply code (4xx transient, 5xx permanent).
 */
import { createServer } from 'node:http';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelope: { from: string | null; to: string[] };
  from: string | null;
  to: string[];
  subject: string | null;
  text: string | null;
  messageId: string | null;
  headers: Record<string, string>;
  /** `base64`: the attachment's bytes, so a test can decode what was sent (a QR, a PDF). */
  /** The HTML alternative, when the message has one. */
  html: string | null;
  /**
   * `contentId` (without the angle brackets) and `related` mark an image the HTML shows inline
   * (`cid:`); `disposition` is the part's Content-Disposition.
   */
  attachments: {
    filename: string | null;
    mimeType: string;
    size: number;
    base64: string;
    contentId: string | null;
    disposition: string | null;
    related: boolean;
  }[];
  receivedAt: string;
}

const received: ReceivedMail[] = [];
let rejections = { count: 0, code: 451, message: 'Try again later' };

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  size: 10 * 1024 * 1024,
  onMailFrom(_address, _session, callback) {
    if (rejections.count > 0) {
      rejections.count--;
      const err = Object.assign(new Error(rejections.message), { responseCode: rejections.code });
      callback(err);
      return;
    }
    callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      PostalMime.parse(Buffer.concat(chunks))
        .then((mail) => {
          received.push({
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            from: mail.from?.address ?? null,
            to: (mail.to ?? []).map((a) => a.address ?? '').filter(Boolean),
            subject: mail.subject ?? null,
            text: mail.text ?? null,
            html: mail.html ?? null,
            messageId: mail.messageId ?? null,
            headers: Object.fromEntries(mail.headers.map((h) => [h.key, h.value])),
            attachments: mail.attachments.map((a) => ({
              filename: a.filename,
              mimeType: a.mimeType,
              size: typeof a.content === 'string' ? a.content.length : a.content.byteLength,
              base64:
                typeof a.content === 'string'
                  ? Buffer.from(a.content).toString('base64')
                  : Buffer.from(a.content as ArrayBuffer).toString('base64'),
              contentId: a.contentId ? a.contentId.replace(/^<|>$/g, '') : null,
              disposition: a.disposition ?? null,
              related: a.related ?? false,
            })),
            receivedAt: new Date().toISOString(),
          });
          callback(null, `queued as ${received.length}`);
        })
        .catch((err: Error) => callback(err));
    });
  },
});

const control = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (req.method === 'GET' && url.pathname === '/messages') {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(received));
    return;
  }
  if (req.method === 'POST' && url.pathname === '/fail') {
    rejections = {
      count: Number(url.searchParams.get('count') ?? 1),
      code: Number(url.searchParams.get('code') ?? 451),
      message: url.searchParams.get('message') ?? 'Try again later',
    };
    res.statusCode = 204;
    res.end();
    return;
  }
  res.statusCode = 404;
  res.end();
});

smtp.on('error', (err) => {
  process.stderr.write(`smtp error: ${err.message}\n`);
});

smtp.listen(Number(process.env.SMTP_PORT ?? 0), '127.0.0.1', () => {
  control.listen(0, '127.0.0.1', () => {
    const smtpPort = (smtp.server.address() as { port: number }).port;
    const controlPort = (control.address() as { port: number }).port;
    process.stdout.write(`${JSON.stringify({ smtpPort, controlPort })}\n`);
  });
});

const shutdown = () => {
  control.close();
  smtp.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
