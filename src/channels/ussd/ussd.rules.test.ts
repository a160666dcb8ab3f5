import { describe, expect, it } from 'vitest';
import { newestInput, readUssdRequest, screenNumber, screenOf, ussdAnswer } from './ussd.rules.ts';

describe("Africa's Talking USSD", () => {
  it('reads the newest input of a session from its *-joined text, the first screen as the menu', () => {
    expect(newestInput('')).toEqual({ kind: 'choice', id: 'menu' });
    expect(newestInput('1')).toEqual({ kind: 'text', text: '1' });
    expect(newestInput('1*0412345678*5000')).toEqual({ kind: 'text', text: '5000' });
    expect([screenNumber(''), screenNumber('1'), screenNumber('1*2*3')]).toEqual([0, 1, 3]);
  });

  it('reads the gateway form, writing the phone in international form', () => {
    expect(
      readUssdRequest({
        sessionId: 'ATUid_1',
        serviceCode: '*384*12345#',
        phoneNumber: '250788000111',
        text: '',
      }),
    ).toEqual({ sessionId: 'ATUid_1', serviceCode: '*384*12345#', phoneNumber: '+250788000111', text: '' });
    expect(readUssdRequest({ sessionId: '', phoneNumber: '+250788000111' })).toBeUndefined();
    expect(readUssdRequest({ sessionId: 'x', phoneNumber: 'nobody' })).toBeUndefined();
  });

  it('answers CON to wait for an input and END to close, buttons numbered', () => {
    const screen = screenOf([
      {
        kind: 'buttons',
        text: 'Pay?',
        buttons: [
          { id: 'a', title: 'MoMo' },
          { id: 'b', title: 'Airtel' },
        ],
      },
    ]);
    expect(ussdAnswer(screen, false)).toBe('CON Pay?\n1. MoMo\n2. Airtel');
    expect(ussdAnswer('Bye', true)).toBe('END Bye');
  });
});
