import { describe, expect, it } from 'vitest';
import { keywordOf, readOptOutRequest } from './sms-opt-outs.rules.ts';

describe('an incoming text or opt-out notice', () => {
  it('reads STOP and START in the languages our people write, and nothing else', () => {
    expect(['stop', 'Stop.', ' HAGARIKA ', 'arrêt', 'बंद'].map(keywordOf)).toEqual([
      'stop',
      'stop',
      'stop',
      'stop',
      'stop',
    ]);
    expect(['start', 'Tangira!', 'शुरू'].map(keywordOf)).toEqual(['start', 'start', 'start']);
    expect(['stop please', 'hello', ''].map(keywordOf)).toEqual([null, null, null]);
  });

  it('names the sender an incoming message answered (its `to`)', () => {
    expect(readOptOutRequest({ from: '+250 788 100 001', to: '15051', text: 'Stop' })).toEqual({
      phone: '+250788100001',
      sender: '15051',
      keyword: 'stop',
      word: 'Stop',
    });
    expect(readOptOutRequest({ from: '+250788100001', to: 'KPOWER', text: 'start' })).toMatchObject({
      sender: 'KPOWER',
      keyword: 'start',
    });
  });

  it("reads Africa's Talking's opt-out notice as a STOP to the sender id it names", () => {
    expect(readOptOutRequest({ senderId: 'KPOWER', phoneNumber: '+250788100002' })).toEqual({
      phone: '+250788100002',
      sender: 'KPOWER',
      keyword: 'stop',
      word: 'STOP',
    });
  });

  it("answers nothing for a text that asks neither, or a phone that is not one; a missing sender is the account's default", () => {
    expect(readOptOutRequest({ from: '+250788100003', to: '15051', text: 'hello' })).toBeUndefined();
    expect(readOptOutRequest({ from: 'KPOWER', to: '15051', text: 'STOP' })).toBeUndefined();
    expect(readOptOutRequest({ from: '+250788100003', text: 'STOP' })).toMatchObject({ sender: '' });
  });
});
