import { describe, expect, it } from 'vitest';
import type { ResourceAction, ResourceDefinition } from './resource.types.ts';
import { withAvailableActions } from './resource-rows.ts';

const action = (name: string, extra: Partial<ResourceAction> = {}): ResourceAction => ({
  name,
  label: name,
  bulk: true,
  confirm: false,
  permission: 'x.y.z',
  run: async () => {},
  ...extra,
});
const resource = (actions: ResourceAction[]) => ({ actions }) as ResourceDefinition;

describe('per-record actions', () => {
  it('names the actions offered on each record when one depends on the record', () => {
    const r = resource([action('confirm'), action('deny', { availableWhen: (item) => item.proof != null })]);
    expect(withAvailableActions(r, { id: '1', proof: '/api/files/f/content' })._actions).toEqual([
      'confirm',
      'deny',
    ]);
    expect(withAvailableActions(r, { id: '2', proof: null })._actions).toEqual(['confirm']);
  });

  it('leaves records as they are when every action applies everywhere', () => {
    expect(withAvailableActions(resource([action('confirm')]), { id: '1' })).toEqual({ id: '1' });
  });
});
