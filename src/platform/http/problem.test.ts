import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { toProblem } from './problem.ts';

const req = { url: '/api/payments/1/verify?x=1', id: 'req-1' } as FastifyRequest;
const pgError = (code: string) => Object.assign(new Error('from the server'), { code });

describe('toProblem for a lock the database gave up on', () => {
  it('answers 409 busy for a deadlock PostgreSQL broke and for a lock timeout, not 500', () => {
    for (const code of ['40P01', '55P03'])
      expect(toProblem(pgError(code), req)).toMatchObject({
        status: 409,
        code: 'busy',
        type: 'urn:opsdesk:problem:busy',
        instance: '/api/payments/1/verify',
      });
  });

  it('answers 400 for text the database cannot store (a NUL in a name), not 500', () => {
    for (const code of ['22021', '22P05'])
      expect(toProblem(pgError(code), req)).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('keeps other database errors a bare 500', () => {
    expect(toProblem(pgError('23502'), req)).toMatchObject({ status: 500, code: 'internal' });
  });
});

describe('toProblem for a database server that is gone or changing (a failover)', () => {
  it('answers 503 unavailable with when to try again for a lost connection, a demoted or starting server', () => {
    const lost = [
      pgError('57P01'), // the primary stopping for a switchover
      pgError('57P03'), // the new primary still starting
      pgError('25006'), // a write that reached the standby
      pgError('08006'),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:55401'), { code: 'ECONNREFUSED' }),
      new Error('Connection terminated unexpectedly'),
      Object.assign(new Error('no server of 127.0.0.1:1, 127.0.0.1:2 is read-write now'), {
        code: 'NO_WRITABLE_SERVER',
      }),
    ];
    for (const error of lost)
      expect(toProblem(error, req)).toMatchObject({
        status: 503,
        code: 'unavailable',
        details: { retryAfterSeconds: 2 },
      });
  });
});
