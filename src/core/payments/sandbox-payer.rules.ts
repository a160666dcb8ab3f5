/**
 * How the sandbox's payer answers a request to pay on their phone (the demo's stand-in for a
 * person holding a MoMo or Airtel phone): the person at the console approves or declines; a prompt
 * they leave alone approves by itself after `autoApproveAfterMs` (the demo), unless they chose to
 * let it time out, in which case it expires after `expireAfterMs`, as the networks' prompts do.
 */
export interface SandboxPayerTiming {
  /** null: never approves by itself (tests that decide every payment). */
  autoApproveAfterMs: number | null;
  expireAfterMs: number;
}

export interface PayerPrompt {
  requestedAt: Date;
  /** The person chose "let it time out": no approval by itself. */
  ignored: boolean;
}

/** The sandbox defaults: approve after 4 s (the demo feels alive), expire after MTN's 5 minutes. */
export const DEMO_PAYER_TIMING: SandboxPayerTiming = { autoApproveAfterMs: 4_000, expireAfterMs: 5 * 60_000 };

/** When the prompt approves by itself, or null when it never will. */
export function autoApproveAt(prompt: PayerPrompt, timing: SandboxPayerTiming): Date | null {
  if (prompt.ignored || timing.autoApproveAfterMs === null) return null;
  return new Date(prompt.requestedAt.getTime() + timing.autoApproveAfterMs);
}

export function expiresAt(prompt: PayerPrompt, timing: SandboxPayerTiming): Date {
  return new Date(prompt.requestedAt.getTime() + timing.expireAfterMs);
}

/** What a prompt left alone until `now` has become: approved by itself, expired, or still waiting. */
export function dueAnswer(
  prompt: PayerPrompt,
  now: Date,
  timing: SandboxPayerTiming,
): 'approve' | 'expire' | null {
  const approveAt = autoApproveAt(prompt, timing);
  const expireAt = expiresAt(prompt, timing);
  if (approveAt && approveAt <= now && approveAt < expireAt) return 'approve';
  if (expireAt <= now) return 'expire';
  return null;
}
