import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app/build-app.ts';
import { testConfig } from '../../src/platform/config/index.ts';
import { openDatabase } from '../../src/platform/db/index.ts';
import { coffeeDevices } from '../factories/coffee.ts';
import { createStaff } from '../factories/staff.ts';
import { listenOn, openStream } from '../support/live-stream.ts';
import { TEST_MODULES } from '../support/template-sources.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Live updates across web processes (PostgreSQL only, like the rest of test/scale): a browser
 * connected to one app instance hears what a request to another one committed, through
 * LISTEN/NOTIFY. On PGlite there is one process, and src/platform/live covers the in-process path.
 */
let app: TestApp;
let email: string;

beforeAll(async () => {
  app = await startTestApp();
  email = (await createStaff(app, { role: 'viewer' })).email;
}, 60_000);
afterAll(() => app.close());

describe('live updates on PostgreSQL', () => {
  it('reaches a browser connected to another web process (PostgreSQL LISTEN/NOTIFY)', async () => {
    const url = (app.database.pool.options as { connectionString: string }).connectionString;
    const second = await buildApp({
      config: testConfig({ OPSDESK_RATE_LIMIT_PER_MINUTE: '100000' }),
      modules: TEST_MODULES,
      database: await openDatabase({ url }),
      migrate: false,
    });
    try {
      const stream = await openStream(await listenOn(second), email, 'coffee.devices');
      const [d] = await coffeeDevices(app, 1);
      await app.http.inject({
        method: 'POST',
        url: '/api/coffee/device/status',
        headers: { authorization: `Bearer ${d!.token}` },
        payload: {},
      });
      expect((await stream.next()).data).toEqual({ topic: 'coffee.devices', id: d!.id });
      stream.close();
    } finally {
      await second.close();
      await second.database.close();
    }
  }, 30_000);
});
