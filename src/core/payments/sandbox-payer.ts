import type { Clock } from '../../platform/clock/index.ts';
import {
  autoApproveAt,
  dueAnswer,
  expiresAt,
  type PayerPrompt,
  type SandboxPayerTiming,
} from './sandbox-payer.rules.ts';

/** A prompt as the sandbox phone shows it. */
export interface PayerPromptView {
  requestedAt: string;
  autoApproveAt: string | null;
  expiresAt: string;
  ignored: boolean;
}

/** A request to pay as the sandbox phone lists it, whichever network sent it. */
export interface SandboxPhoneRequest {
  /** Our reference (MoMo's X-Reference-Id, Airtel's transaction id): the payment's id. */
  reference: string;
  payer: string;
  /** As the network carries it (a decimal string). */
  amount: string;
  currency: string;
  message: string;
  status: 'pending' | 'approved' | 'failed';
  /** Why it failed, in the network's words (APPROVAL_REJECTED, COULD_NOT_PERFORM_TRANSACTION…). */
  reason: string | null;
  /** Money that came back to the payer on it (refunds, a decimal string as the network carries it). */
  refunded?: string | null;
  /** While it waits on the phone: when it approves by itself or expires. */
  prompt: PayerPromptView | null;
}

/**
 * The payer of a sandbox payment driver (MoMo, Airtel): keeps each pending prompt's time on the
 * app's clock and answers the due ones. A real timer only looks; the clock decides, so a test moves
 * an injected clock instead of sleeping. `answer` settles the driver's payment (and calls back).
 */
export function createSandboxPayer(options: {
  clock: Clock;
  timing: SandboxPayerTiming;
  answer: (reference: string, answer: 'approve' | 'expire') => Promise<void>;
  /** How often the timer looks at the clock (default 250 ms). */
  everyMs?: number;
}) {
  const prompts = new Map<string, PayerPrompt>();
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<void> | undefined;

  /** Answers every due prompt now; one sweep at a time. */
  function sweep(): Promise<void> {
    sweeping ??= sweepOnce().finally(() => {
      sweeping = undefined;
    });
    return sweeping;
  }

  async function sweepOnce(): Promise<void> {
    const now = options.clock.now();
    for (const [reference, prompt] of [...prompts]) {
      const due = dueAnswer(prompt, now, options.timing);
      if (!due) continue;
      prompts.delete(reference);
      await options.answer(reference, due);
    }
  }

  return {
    /** A request to pay reached the payer's phone. */
    prompt(reference: string): void {
      prompts.set(reference, { requestedAt: options.clock.now(), ignored: false });
    },
    /** The person answered (approve or decline) on the phone: nothing more happens by itself. */
    answered(reference: string): boolean {
      return prompts.delete(reference);
    },
    /** The person chose to let the prompt time out. */
    ignore(reference: string): boolean {
      const prompt = prompts.get(reference);
      if (!prompt) return false;
      prompt.ignored = true;
      return true;
    },
    view(reference: string): PayerPromptView | undefined {
      const prompt = prompts.get(reference);
      if (!prompt) return undefined;
      const approveAt = autoApproveAt(prompt, options.timing);
      return {
        requestedAt: prompt.requestedAt.toISOString(),
        autoApproveAt: approveAt?.toISOString() ?? null,
        expiresAt: expiresAt(prompt, options.timing).toISOString(),
        ignored: prompt.ignored,
      };
    },
    sweep,
    start(): void {
      timer ??= setInterval(() => void sweep().catch(() => {}), options.everyMs ?? 250);
      timer.unref();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await sweeping;
    },
  };
}

export type SandboxPayer = ReturnType<typeof createSandboxPayer>;
