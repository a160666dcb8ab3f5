import { describe, expect, it } from 'vitest';
import {
  type ClaimedSetting,
  claimChangesOf,
  reconcilePlan,
  type WantedClaim,
} from './channel-claims.rules.ts';

const number: ClaimedSetting = {
  path: 'whatsapp.phoneNumberId',
  identityOf: (v) => (/^\d+$/.test(v) ? v : undefined),
  expected: 'digits',
};
const bot: ClaimedSetting = {
  path: 'telegram.botToken',
  identityOf: (v) => /^(\d+):\w+$/.exec(v)?.[1],
  expected: 'a bot token',
};
const SECRETS = ['telegram.botToken'];
const changes = (patch: Record<string, unknown>) =>
  claimChangesOf(patch, [number, bot], SECRETS).changes.map((c) => [c.setting.path, c.identity]);

describe('claim changes of a settings patch', () => {
  it('claims a new value by its identity and leaves settings the patch does not touch alone', () => {
    expect(changes({ whatsapp: { phoneNumberId: '1555' } })).toEqual([['whatsapp.phoneNumberId', '1555']]);
    expect(changes({ telegram: { botToken: '42:abc' } })).toEqual([['telegram.botToken', '42']]);
    expect(changes({ mess: { cutoffTime: '21:00' } })).toEqual([]);
  });

  it('releases a plain value the patch drops, and keeps a secret it leaves out or sends back as shown', () => {
    expect(changes({ whatsapp: { flow: 'raffle' } })).toEqual([['whatsapp.phoneNumberId', null]]);
    expect(changes({ whatsapp: null })).toEqual([['whatsapp.phoneNumberId', null]]);
    expect(changes({ telegram: { flow: 'mess' } })).toEqual([]);
    expect(changes({ telegram: { botToken: { set: true, last4: 'abcd' } } })).toEqual([]);
    expect(changes({ telegram: { botToken: null } })).toEqual([['telegram.botToken', null]]);
    expect(changes({ telegram: null })).toEqual([['telegram.botToken', null]]);
  });

  it('lists a value that names no identity as an issue, without echoing it', () => {
    const { issues } = claimChangesOf({ telegram: { botToken: 'secret words' } }, [bot], SECRETS);
    expect(issues).toEqual([expect.objectContaining({ field: 'body.settings.telegram.botToken' })]);
    expect(JSON.stringify(issues)).not.toContain('secret words');
  });
});

const want = (orgId: string, identity: string, source: WantedClaim['source'] = 'settings'): WantedClaim => ({
  kind: 'whatsapp.phoneNumberId',
  identity,
  orgId,
  source,
});
const held = (orgId: string, identity: string, source: WantedClaim['source'] = 'settings') => ({
  kind: 'whatsapp.phoneNumberId',
  identity,
  orgId,
  source,
});

describe('reconciling stored claims with the settings', () => {
  it('grants an identity one organization names, and disputes one several name without giving it to any', () => {
    const plan = reconcilePlan([want('a', '1'), want('b', '2'), want('c', '2')], []);
    expect(plan.grant).toEqual([want('a', '1')]);
    expect(plan.disputes).toEqual([{ kind: 'whatsapp.phoneNumberId', identity: '2', orgIds: ['b', 'c'] }]);
  });

  it('keeps a holder and disputes the others; the deployment outranks settings', () => {
    const kept = reconcilePlan([want('a', '1'), want('b', '1')], [held('b', '1')]);
    expect(kept.grant).toEqual([]);
    expect(kept.disputes).toEqual([
      { kind: 'whatsapp.phoneNumberId', identity: '1', holderId: 'b', orgIds: ['a'] },
    ]);
    const deployment = reconcilePlan([want('d', '1', 'deployment'), want('b', '1')], [held('b', '1')]);
    expect(deployment.drop).toEqual([held('b', '1')]);
    expect(deployment.grant).toEqual([want('d', '1', 'deployment')]);
    expect(deployment.disputes[0]).toMatchObject({ holderId: 'd', orgIds: ['b'] });
  });

  it('drops a claim nobody names any more, and one whose holder no longer names it while others do', () => {
    expect(reconcilePlan([], [held('a', '1')]).drop).toEqual([held('a', '1')]);
    const plan = reconcilePlan([want('b', '1'), want('c', '1')], [held('a', '1')]);
    expect(plan.drop).toEqual([held('a', '1')]);
    expect(plan.disputes[0]).toMatchObject({ orgIds: ['b', 'c'] });
  });
});
