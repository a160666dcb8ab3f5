import { normalizePhone } from '../../core/contacts/index.ts';
import type { Output } from '../../core/conversations/index.ts';
import { alertAdmins } from './admin-bot.ts';
import { registrationCard } from './admin-cards.ts';
import { anywhere, entry, type F, type Reg, text, typed } from './flow-common.ts';
import { MessErrors } from './mess.errors.ts';
import { messSettingsOf } from './mess.settings.ts';
import type { MessTables } from './mess.tables.ts';
import { registerStudent } from './students.ts';

/* The mess bot's chat, registration: name, roll number, room and phone, then confirm. */

export const ask = (field: keyof Reg, max: number, next: string, prompt: string) =>
  anywhere(async (input, f) => {
    const value = field === 'phone' && input.kind === 'contact' ? input.phone : typed(input, max);
    if (!value) return { reply: [text(f.t(field === 'name' ? 'welcome' : `ask.${field}`))] };
    if (value.length > max) return { reply: [text(f.t('too_long'))] };
    let stored = value;
    if (field === 'phone') {
      const phone = normalizePhone(value, (await messSettingsOf(f.ctx)).phoneRegion);
      if (!phone) return { reply: [text(f.t('bad_phone'))] };
      stored = phone;
    }
    if (field === 'roll') {
      const taken = await f.ctx.db
        .withTables<MessTables>()
        .selectFrom('mess_student')
        .select('id')
        .where('roll_number', '=', value.toUpperCase())
        .executeTakeFirst();
      if (taken) return { reply: [text(f.t('roll_taken', { roll: value.toUpperCase() }))] };
    }
    const context = { ...f.context, [field]: field === 'roll' ? value.toUpperCase() : stored };
    if (next === 'confirm') return { reply: [confirmCard(f, context)], next, context };
    return { reply: [text(f.t(prompt))], next, context };
  });

const confirmCard = (f: F, c: Reg): Output => ({
  kind: 'buttons',
  text: f.t('confirm.text', { name: c.name, roll: c.roll, room: c.room, phone: c.phone }),
  buttons: [
    { id: 'confirm', title: f.t('confirm.yes') },
    { id: 'restart', title: f.t('confirm.no') },
  ],
});

export const confirm = anywhere(async (input, f) => {
  if (input.kind === 'choice' && input.id === 'restart')
    return { reply: [text(f.t('welcome'))], next: 'ask_name', context: {} };
  if (input.kind !== 'choice' || input.id !== 'confirm') return { reply: [confirmCard(f, f.context)] };
  const c = f.context;
  try {
    const student = await registerStudent(f.ctx, f.rt, {
      name: c.name ?? '',
      rollNumber: c.roll ?? '',
      room: c.room ?? '',
      phone: c.phone ?? '',
      language: f.language,
      telegramId: f.contact.externalId,
      contactId: f.contact.id,
    });
    await alertAdmins(f.ctx, f.rt, (t) => registrationCard(t, student));
    return { reply: [text(f.t('registered', { name: student.name }))], next: 'start', context: {} };
  } catch (err) {
    if (MessErrors.roll_number_taken.is(err))
      return {
        reply: [text(f.t('roll_taken', { roll: c.roll }))],
        next: 'ask_roll',
        context: { ...c, roll: undefined },
      };
    if (MessErrors.already_registered.is(err)) return entry(f);
    throw err;
  }
});
