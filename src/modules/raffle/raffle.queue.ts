/** Job names of the raffle module (handlers in raffle.jobs.ts). */
export const EXPIRE_HOLD_JOB = 'raffle.expire-hold';
export const REMIND_HOLD_JOB = 'raffle.remind-hold';
export const SWEEP_HOLDS_JOB = 'raffle.sweep-holds';
export const NOTIFY_WINNERS_JOB = 'raffle.notify-winners';
