import { defineFlow } from '../../core/conversations/index.ts';
import { anywhere, entry, type Reg } from './flow-common.ts';
import { ask, confirm } from './flow-registration.ts';
import { cutState, menuState, payState } from './flow-student-menu.ts';
import { messCatalog } from './mess.catalog.ts';
import type { MessRuntime } from './mess.runtime.ts';

/** The mess bot on Telegram: registration, the meal pass, mess cuts, dues, payment proofs, and admin taps. */
export const messFlow = (rt: MessRuntime) =>
  defineFlow<Reg, MessRuntime>({
    name: 'mess',
    rt,
    initial: 'start',
    catalog: messCatalog,
    // Students and wardens write to the mess's Telegram bot unless the organization names another flow.
    defaultOn: ['telegram'],
    keywords: {
      qr: { en: ['qr', 'pass'], hi: ['क्यूआर', 'पास'] },
      dues: { en: ['dues'], hi: ['बकाया'] },
    },
    states: {
      start: anywhere(async (_input, f) => entry(f)),
      ask_name: ask('name', 120, 'ask_roll', 'ask.roll'),
      ask_roll: ask('roll', 40, 'ask_room', 'ask.room'),
      ask_room: ask('room', 40, 'ask_phone', 'ask.phone'),
      ask_phone: ask('phone', 30, 'confirm', ''),
      confirm,
      menu: menuState,
      cut: cutState,
      pay: payState,
    },
  });
