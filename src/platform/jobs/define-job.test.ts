import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineJob } from './index.ts';

const runContext = { jobId: 'j1', attempt: 1, signal: new AbortController().signal };

const greet = defineJob({
  name: 'test.greet',
  payload: z.object({ name: z.string(), times: z.number().int().default(1) }),
  retry: { limit: 2, delaySeconds: 1 },
});

describe('job definitions', () => {
  it('hands the handler the payload as its schema parses it', async () => {
    const seen: unknown[] = [];
    const handler = greet.handle(async (payload) => {
      seen.push(payload);
    });
    await handler.run({ name: 'Ana' }, runContext);
    expect(seen).toEqual([{ name: 'Ana', times: 1 }]);
    expect(handler.job).toBe(greet);
  });

  it('refuses a stored payload its schema rejects, without running the handler', async () => {
    let ran = false;
    const handler = greet.handle(async () => {
      ran = true;
    });
    await expect(handler.run({ name: 42 }, runContext)).rejects.toThrow();
    expect(ran).toBe(false);
  });

  it('is data: frozen, so no app can change what another one sends', () => {
    expect(Object.isFrozen(greet)).toBe(true);
    expect(greet).toMatchObject({ name: 'test.greet', retry: { limit: 2, delaySeconds: 1 } });
  });
});
