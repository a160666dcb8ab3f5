import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { menuTestModule } from '../../../test/fixtures/menu-flow/menu.module.ts';
import { eventually } from '../../../test/support/eventually.ts';
import { storedChat } from '../../../test/support/stored-chat.ts';
import { TEST_MODULES } from '../../../test/support/template-sources.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { fixedClock } from '../../platform/clock/index.ts';
import { findOrganizationBySlug } from '../orgs/index.ts';
import { storeInbound } from './receive-inbound.ts';
import { SIMULATOR_CHANNEL } from './simulator.ts';
import { SWEEP_AFTER_MS, sweepConversations } from './sweep-conversations.ts';

const clock = fixedClock(new Date());
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ modules: [...TEST_MODULES, menuTestModule], clock });
  await app.startWorker();
});
afterAll(() => app.close());

describe('the sweep of conversations a dead process left (issue 29)', () => {
  it('handles a message stored by a process that died before handling it, once it is overdue', async () => {
    const orgId = (await findOrganizationBySlug(app.database.db, 'default'))!.id;
    const ctx = app.deps.systemCtx(orgId, 'test');
    // What a webhook stores before it answers 200; its process dies before the step runs.
    await storeInbound(ctx, {
      channel: SIMULATOR_CHANNEL,
      externalId: 'orphan',
      channelMessageId: 'sim.orphan-1',
      input: { kind: 'text', text: 'hi' },
      raw: { flow: 'menu-test' },
    });
    const deps = { database: app.database, jobs: app.jobs };

    // Not overdue yet: a live process may still be handling it.
    expect(await sweepConversations(deps, clock.now())).toBe(0);
    expect(await storedChat(app, SIMULATOR_CHANNEL, 'orphan')).toEqual([
      { direction: 'in', status: 'received', channelMessageId: 'sim.orphan-1' },
    ]);

    clock.advance(SWEEP_AFTER_MS + 1_000);
    expect(await sweepConversations(deps, clock.now())).toBe(1);
    // Handled, and its reply sent (the reply is recorded sent a moment after the message is processed).
    const chat = await eventually(
      async () => {
        const shown = (await storedChat(app, SIMULATOR_CHANNEL, 'orphan')).map(
          (m) => `${m.direction} ${m.status}`,
        );
        return shown.includes('out sent') ? shown : undefined;
      },
      { what: "the orphan's reply to be sent", timeoutMs: 25_000 },
    );
    expect(chat).toEqual(['in processed', 'out sent']);
    // Handled: the next sweep finds nothing left.
    expect(await sweepConversations(deps, clock.now())).toBe(0);
  });
});
