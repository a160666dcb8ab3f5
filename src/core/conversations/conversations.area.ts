import { defineJob, type JobSpec } from '../../platform/jobs/index.ts';
import { onContactsMerged } from '../contacts/index.ts';
import { systemCtx } from '../context/index.ts';
import type { ModuleDefinition, ModuleDeps } from '../modules/index.ts';
import { processConversationJob } from './conversations.jobs.ts';
import { conversationsRoutes } from './conversations.routes.ts';
import { conversationsOf } from './conversations.runtime.ts';
import type { ConversationsTables } from './conversations.tables.ts';
import { processConversation } from './process-conversation.ts';
import { simulatorDriver } from './simulator.ts';

const RETRIES = 4;

/** The conversation engine as `src/app/core-areas.ts` plugs it in. */
export function conversationsArea(): ModuleDefinition {
  const setup = (deps: ModuleDeps) => {
    const runtime = conversationsOf(deps);
    runtime.registerChannel(simulatorDriver);
    onContactsMerged('conversations', async (tx, event) => {
      await tx.db
        .withTables<ConversationsTables>()
        .updateTable('conversation')
        .set({ contact_id: event.keepId })
        .where('contact_id', '=', event.mergeId)
        .execute();
    });
    return runtime;
  };
  return {
    name: 'conversations',
    permissions: [
      { key: 'conversations.conversation.read', description: 'See chat conversations and their messages' },
      {
        key: 'conversations.conversation.handoff',
        description: 'Take a conversation over from the bot, write to the person, give it back',
        roles: ['ops'],
      },
      { key: 'conversations.simulator.use', description: 'Try chat flows in the simulator', roles: ['ops'] },
    ],
    routes: (deps) => async (app) => app.register(conversationsRoutes, { runtime: setup(deps) }),
    jobs: (deps) => [processJob(deps, setup(deps)) as JobSpec<unknown>],
  };
}

function processJob(deps: ModuleDeps, runtime: ReturnType<typeof conversationsOf>) {
  return defineJob({
    ...processConversationJob,
    retry: { limit: RETRIES, delaySeconds: 2, backoff: true },
    expireInSeconds: 300,
    concurrency: 4,
    async run(payload, run) {
      const ctx = systemCtx({
        orgId: payload.orgId,
        db: deps.database.forOrg(payload.orgId),
        clock: deps.clock,
        job: processConversationJob.name,
      });
      const lastAttempt = run.attempt > RETRIES;
      try {
        await processConversation(runtime, ctx, payload.conversationId, { lastAttempt });
      } catch (err) {
        if (!lastAttempt) throw err;
        // A failed job would block this contact's queue for good: set the message aside instead.
        deps.log.error({ err, conversationId: payload.conversationId }, 'conversation message given up');
        await ctx.db
          .withTables<ConversationsTables>()
          .updateTable('conversation_message')
          .set({ status: 'unhandled', error: JSON.stringify({ code: 'gave_up', message: String(err) }) })
          .where('conversation_id', '=', payload.conversationId)
          .where('direction', '=', 'in')
          .where('status', '=', 'received')
          .execute();
      }
    },
  });
}
