import type { FlowDefinition, StateHandler, StateSpec } from './flow.types.ts';
import { LANGUAGE_CHOICE_PREFIX } from './step.rules.ts';

const FLOW_NAME = /^[a-z][a-z0-9-]{1,40}$/;

/**
 * Declares a chat flow: named states whose handlers take a normalized input and answer with replies,
 * the next state and the next context. The same flow runs on every channel and in the simulator.
 */
export function defineFlow<C extends object = Record<string, unknown>, A = unknown>(
  def: FlowDefinition<C, A>,
): FlowDefinition {
  if (!FLOW_NAME.test(def.name))
    throw new Error(`flow name ${def.name} must be lowercase letters, digits, dashes`);
  if (!def.states[def.initial])
    throw new Error(`flow ${def.name}: initial state ${def.initial} is not defined`);
  for (const id of Object.keys(def.keywords ?? {})) {
    if (id.startsWith(LANGUAGE_CHOICE_PREFIX)) throw new Error(`flow ${def.name}: choice ${id} is reserved`);
  }
  return def as FlowDefinition;
}

/** The handler of a state spec. */
export function handlerOf<C>(spec: StateSpec<C>): StateHandler<C> {
  return typeof spec === 'function' ? spec : spec.handle;
}

/** The re-prompt of a state spec, if it has one. */
export function promptOf<C>(spec: StateSpec<C>) {
  return typeof spec === 'function' ? undefined : spec.prompt;
}
