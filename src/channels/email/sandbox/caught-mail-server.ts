import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createLoopbackApp, listenOnLoopback } from '../../../platform/loopback/index.ts';

/** One message the server accepted, parsed (postal-mime). */
export interface CaughtMail {
  id: string;
  envelope: { from: string | null; to: string[] };
  from: string | null;
  to: string[];
  subject: string | null;
  text: string | null;
  /** The HTML alternative, when the message has one. */
  html: string | null;
  messageId: string | null;
  headers: Record<string, string>;
  /**
   * `base64`: the attachment's bytes, so a reader can show or decode what was sent (a QR, a PDF).
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

async function parseMail(raw: Buffer, envelope: CaughtMail['envelope']): Promise<CaughtMail> {
  // Loaded with the first caught message, not at start.
  const { default: PostalMime } = await import('postal-mime');
  const mail = await PostalMime.parse(raw);
  return {
    id: randomUUID(),
    envelope,
    from: mail.from?.address ?? null,
    to: (mail.to ?? []).map((a) => a.address ?? '').filter(Boolean),
    subject: mail.subject ?? null,
    text: mail.text ?? null,
    html: mail.html ?? null,
    messageId: mail.messageId ?? null,
    headers: Object.fromEntries(mail.headers.map((h) => [h.key, h.value])),
    attachments: mail.attachments.map((a) => {
      const bytes =
        typeof a.content === 'string' ? Buffer.from(a.content) : Buffer.from(a.content as ArrayBuffer);
      return {
        filename: a.filename,
        mimeType: a.mimeType,
        size: bytes.byteLength,
        base64: bytes.toString('base64'),
        contentId: a.contentId ? a.contentId.replace(/^<|>$/g, '') : null,
        disposition: a.disposition ?? null,
        related: a.related ?? false,
      };
    }),
    receivedAt: new Date().toISOString(),
  };
}

/**
 * A real SMTP server on 127.0.0.1 that accepts every message and keeps it (the newest `keep`), as
 * Mailpit does: the demo's sandbox points `SMTP_URL` at it so the real nodemailer transport sends,
 * and the console's caught-mail inbox reads what arrived. A small HTTP API on 127.0.0.1 lists the
 * messages (`GET /messages`, `GET /messages/:id`) and arms refusals (`POST /fail?count&code`: the
 * next transactions are refused at MAIL FROM with that reply, 4xx transient, 5xx permanent), for
 * tests that run it in a process of its own. No authentication, no TLS.
 */
export async function startCaughtMailServer(options: { smtpPort?: number; keep?: number } = {}) {
  const keep = options.keep ?? 500;
  const caught: CaughtMail[] = [];
  let refusals = { count: 0, code: 451, message: 'Try again later' };

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onMailFrom(_address, _session, callback) {
      if (refusals.count <= 0) return callback();
      refusals.count--;
      callback(Object.assign(new Error(refusals.message), { responseCode: refusals.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        parseMail(Buffer.concat(chunks), envelope)
          .then((mail) => {
            caught.push(mail);
            if (caught.length > keep) caught.splice(0, caught.length - keep);
            callback(null, `queued as ${mail.id}`);
          })
          .catch((err: Error) => callback(err));
      });
    },
  });
  smtp.on('error', () => {
    // a client that hangs up mid-transaction: nothing to keep
  });
  await new Promise<void>((resolve, reject) => {
    smtp.server.once('error', reject);
    smtp.listen(options.smtpPort ?? 0, '127.0.0.1', () => resolve());
  });
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const { app } = createLoopbackApp();
  const find = (id: string) => caught.find((m) => m.id === id);
  app.get('/messages', async () => caught);
  app.get('/messages/:id', async (req, reply) => {
    const mail = find((req.params as { id: string }).id);
    return mail ?? reply.code(404).send({ error: 'not found' });
  });
  app.post('/fail', async (req, reply) => {
    const q = req.query as { count?: string; code?: string; message?: string };
    refusals = {
      count: Number(q.count ?? 1),
      code: Number(q.code ?? 451),
      message: q.message ?? 'Try again later',
    };
    return reply.code(204).send();
  });
  const apiUrl = await listenOnLoopback(app);

  return {
    smtpPort,
    /** For `SMTP_URL`. */
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    apiUrl,
    /** Everything caught, oldest first. */
    messages: (): ReadonlyArray<CaughtMail> => caught,
    message: find,
    async close(): Promise<void> {
      await app.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    },
  };
}

export type CaughtMailServer = Awaited<ReturnType<typeof startCaughtMailServer>>;
