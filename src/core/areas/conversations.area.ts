import {
  CONVERSATION_SCHEDULES,
  ConversationsErrors,
  type ConversationsRuntime,
  type ConversationsTables,
  conversationJobs,
  conversationsRoutes,
  simulatorChannel,
} from '../conversations/index.ts';
import { type AreaDeps, defineArea } from '../modules/index.ts';
import { conversationMessagesRule, rawPayloadsRule } from '../retention/index.ts';

interface ConversationsArea {
  deps: AreaDeps;
  runtime: ConversationsRuntime;
}

/** The conversation engine: the flows and chat channels of every enabled area, the simulator, handoff. */
export const conversationsArea = defineArea<ConversationsArea>({
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
    async contactsMerged(tx, _rt, event) {
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
  jobs: ({ deps, runtime }) => conversationJobs(runtime, deps),
  schedules: CONVERSATION_SCHEDULES,
  retention: () => ({ rules: [rawPayloadsRule, conversationMessagesRule] }),
});
