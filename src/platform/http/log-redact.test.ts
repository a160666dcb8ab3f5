import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { LOG_REDACT_PATHS } from './log-redact.ts';

describe('log redaction', () => {
  it('keeps credentials and secret fields out of log lines, keeping the rest', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = Fastify({ logger: { level: 'info', redact: LOG_REDACT_PATHS, stream } });
    app.log.info(
      {
        req: {
          headers: {
            authorization: 'Bearer tok-123',
            cookie: 'opsdesk_session=s-456',
            'x-csrf-token': 'c-789',
          },
        },
        settings: { telegram: { botToken: '777:bot-token-abc', flow: 'mess' } },
        whatsapp: { accessToken: 'EAAG-token-def' },
        password: 'hunter2-ghi',
        err: { details: { body: { webhookSecret: 'hook-jkl' } } },
      },
      'something happened',
    );
    await app.close();
    const out = lines.join('');
    for (const secret of [
      'tok-123',
      's-456',
      'c-789',
      'bot-token-abc',
      'EAAG-token-def',
      'hunter2-ghi',
      'hook-jkl',
    ])
      expect(out).not.toContain(secret);
    expect(out).toContain('"flow":"mess"');
    expect(out).toContain('something happened');
  });
});
