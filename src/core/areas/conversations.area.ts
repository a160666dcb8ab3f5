import { defineJob } from '../../platform/jobs/index.ts';
import {
  ConversationsErrors,
  type ConversationsRuntime,
  type ConversationsTables,
  conversationsRoutes,
  processConversation,
  processConversationJob,
  simulatorChannel,
} from '../conversations/index.ts';
import { defineModule, type ModuleDeps } from '../modules/index.ts';

const RETRIES = 4;

interface ConversationsArea {
  deps: ModuleDeps;
  runtime: ConversationsRuntime;
}

/** The conversation engine: the flows and chat channels of every enabled area, the simulator, handoff. */
export const conversationsArea = defineModule<ConversationsArea>({
  name: 'conversations',
  errors: [ConversationsErrors],
  permissions: [
    { key: 'conversations.conversation.read', description: 'See chat conversations and their messages' },
    {
      key: 'conversations.conversation.handoff',
      description: 'Take a conversation over from the bot, write to the person, give it back',
      roles: ['ops'],
    },
    { key: 'conversations.simulator.use', description: 'Try chat flows in the simulator', roles: ['ops'] },
  ],
  start: (deps) => ({ deps, runtime: deps.conversations }),
  chatChannels: () => [simulatorChannel],
  hooks: {
    async contactsMerged(_rt, tx, event) {
      await tx.db
        .withTables<ConversationsTables>()
        .updateTable('conversation')
        .set({ contact_id: event.keepId })
        .where('contact_id', '=', event.mergeId)
        .execute();
    },
  },
  routes:
    ({ runtime }) =>
    async (app) =>
      app.register(conversationsRoutes, { runtime }),
  jobs: ({ deps, runtime }) => [processJob(deps, runtime)],
});

function processJob(deps: ModuleDeps, runtime: ConversationsRuntime) {
  return defineJob({
    ...processConversationJob,
    retry: { limit: RETRIES, delaySeconds: 2, backoff: true },
    expireInSeconds: 300,
    concurrency: 4,
    async run(payload, run) {
      const ctx = deps.systemCtx(payload.orgId, processConversationJob.name);
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
