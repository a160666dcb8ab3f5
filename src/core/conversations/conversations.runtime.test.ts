import { describe, expect, it } from 'vitest';
import type { Organization } from '../orgs/index.ts';
import type { MessageChannel } from './channel.types.ts';
import { createConversationsRuntime } from './conversations.runtime.ts';
import { defineFlow } from './define-flow.ts';
import type { FlowDefinition } from './flow.types.ts';

/** A flow of a module that says on which channels it runs by default. */
const flowOf = (name: string, module: string, defaultOn?: string[]): FlowDefinition => ({
  ...defineFlow({
    name,
    initial: 'start',
    states: { start: () => ({}) },
    ...(defaultOn ? { defaultOn } : {}),
  }),
  module,
});

/** A chat channel that runs the flow an organization's settings name, if any. */
const channel = (name: string): MessageChannel => ({
  name,
  pace: { perRecipientMs: 0 },
  send: async () => ({ channelMessageId: null }),
  flowFor: (org) => (org.settings as Record<string, { flow?: string } | undefined>)[name]?.flow,
});

const org = (modules: string[] | null, settings: Record<string, unknown> = {}) =>
  ({ modules, settings }) as Organization;

const runtime = createConversationsRuntime({
  log: {} as never,
  jobs: {} as never,
  outbox: {} as never,
  flows: () => [
    flowOf('menu-test', 'notes'),
    flowOf('raffle', 'raffle', ['whatsapp']),
    flowOf('mess', 'mess', ['telegram']),
  ],
  channels: () => [
    channel('whatsapp'),
    channel('telegram'),
    { ...channel('outbox-only'), flowFor: undefined },
  ],
});

/**
 * Issue 44, item 10: which module's flow a chat channel runs is the modules' declaration
 * (`defaultOn`), not a default of the channel's settings naming a module.
 */
describe("a chat channel's flow", () => {
  it("is the flow the organization's module declares for that channel when nothing names one", () => {
    expect(runtime.channel('whatsapp')?.flowFor?.(org(null), undefined)).toBe('raffle');
    expect(runtime.channel('telegram')?.flowFor?.(org(null), undefined)).toBe('mess');
    expect(runtime.channel('telegram')?.flowFor?.(org(['mess']), undefined)).toBe('mess');
  });

  it('is none where the organization runs no module that declares one', () => {
    expect(runtime.channel('whatsapp')?.flowFor?.(org(['mess']), undefined)).toBeUndefined();
    expect(runtime.channel('telegram')?.flowFor?.(org(['prepaid', 'raffle']), undefined)).toBeUndefined();
  });

  it("is the one the organization's settings name first", () => {
    const named = org(['raffle'], { whatsapp: { flow: 'menu-test' } });
    expect(runtime.channel('whatsapp')?.flowFor?.(named, undefined)).toBe('menu-test');
  });

  it('stays none on a channel that only sends', () => {
    expect(runtime.channel('outbox-only')?.flowFor).toBeUndefined();
  });
});
