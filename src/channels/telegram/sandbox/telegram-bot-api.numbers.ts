import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The first update_id of a bot that never had one (real Telegram starts a bot at some positive number). */
const FIRST_UPDATE_ID = 500_000_001;

interface Numbers {
  /** The update_id the next update gets. */
  nextUpdateId: number;
  /** The last message_id of each chat (Telegram numbers a private chat's messages from 1). */
  lastMessageIds: Record<string, number>;
}

/**
 * How a stand-in bot numbers its updates and each chat's messages. Telegram's numbers only ever
 * grow: a bot that restarts gets the next update_id, never one it had before. Kept in `file` when
 * one is given, so a played bot restarted with the app on the same data goes on from where it was;
 * otherwise in memory. The app takes an update_id it has stored as a re-delivery and drops it, so a
 * played Telegram that counted from the start again after `npm start` was restarted went unanswered
 * until its counter passed the ids of the last run (issue 66, item 3); a message_id counted again
 * would have had the bot's edits land on another message.
 */
export function createStandinNumbers(file?: string) {
  const numbers = (file && readNumbers(file)) || { nextUpdateId: FIRST_UPDATE_ID, lastMessageIds: {} };
  // Written before the number is handed out: a process killed right after never hands it out again.
  const keep = () => {
    if (file) writeNumbers(file, numbers);
  };
  return {
    nextUpdateId(): number {
      const id = numbers.nextUpdateId;
      numbers.nextUpdateId = id + 1;
      keep();
      return id;
    },
    nextMessageId(chatId: number): number {
      const id = (numbers.lastMessageIds[chatId] ?? 0) + 1;
      numbers.lastMessageIds[chatId] = id;
      keep();
      return id;
    },
  };
}

export type StandinNumbers = ReturnType<typeof createStandinNumbers>;

function readNumbers(file: string): Numbers | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined; // a bot played for the first time
  }
  const read = JSON.parse(text) as Partial<Numbers>;
  if (!Number.isSafeInteger(read.nextUpdateId)) throw new Error(`${file}: no nextUpdateId`);
  return { nextUpdateId: read.nextUpdateId!, lastMessageIds: { ...read.lastMessageIds } };
}

/** Whole or not at all: written beside, then renamed over the last copy. */
function writeNumbers(file: string, numbers: Numbers): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.next`, JSON.stringify(numbers));
  renameSync(`${file}.next`, file);
}
