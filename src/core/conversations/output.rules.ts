import type { Output } from './flow.types.ts';
import { byteLength } from './text-limits.rules.ts';

/** Limits every channel can honour: WhatsApp's counts, Telegram's 64-byte callback data. */
export const OUTPUT_LIMITS = { buttons: 3, listRows: 10, choiceIdBytes: 64 } as const;

/**
 * Checks a flow's replies against what every channel can carry. Violations are bugs in the flow,
 * reported with the flow and state so they are found in the simulator, not by a customer.
 */
export function checkOutputs(outputs: ReadonlyArray<Output>, where: string): void {
  for (const output of outputs) {
    const choices =
      output.kind === 'buttons' ? output.buttons : output.kind === 'list' ? output.rows : undefined;
    if (output.kind === 'buttons' && (choices!.length < 1 || choices!.length > OUTPUT_LIMITS.buttons))
      throw new Error(`${where}: a buttons reply carries 1 to ${OUTPUT_LIMITS.buttons} buttons`);
    if (output.kind === 'list' && (choices!.length < 1 || choices!.length > OUTPUT_LIMITS.listRows))
      throw new Error(`${where}: a list reply carries 1 to ${OUTPUT_LIMITS.listRows} rows`);
    if (
      (output.kind === 'text' || output.kind === 'buttons' || output.kind === 'list') &&
      !output.text.trim()
    )
      throw new Error(`${where}: a ${output.kind} reply needs text`);
    if (!choices) continue;
    const ids = new Set<string>();
    for (const choice of choices) {
      if (!choice.id || byteLength(choice.id) > OUTPUT_LIMITS.choiceIdBytes)
        throw new Error(`${where}: choice id "${choice.id}" must be 1 to 64 bytes`);
      if (ids.has(choice.id)) throw new Error(`${where}: choice id "${choice.id}" is used twice`);
      if (!choice.title.trim()) throw new Error(`${where}: choice "${choice.id}" needs a title`);
      ids.add(choice.id);
    }
  }
}

/** The text an output shows people, for the history and for channels without rich messages. */
export function outputText(output: Output): string {
  switch (output.kind) {
    case 'text':
    case 'buttons':
    case 'list':
      return output.text;
    case 'image':
    case 'document':
      return output.caption ?? '';
    case 'template':
      return output.fallbackText;
  }
}
