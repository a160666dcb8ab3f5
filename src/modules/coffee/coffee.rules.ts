// Pure rules of the coffee fleet: no I/O, the clock is a parameter.
import { UUID_SOURCE } from '../../platform/ids/browser.ts';

/** Command types a device may be sent; which ones a model runs is `MODEL_CAPABILITIES`. */
export const COMMAND_TYPES = [
  'make_product',
  'open_door',
  'restart',
  'sync',
  'set_params',
  'apply_recipes',
] as const;
export type CommandType = (typeof COMMAND_TYPES)[number];

/** One parameter a command type takes, as the machine page asks for it. */
export interface CommandParam {
  name: string;
  kind: 'text' | 'number' | 'boolean';
  required?: boolean;
  /** A number that must be whole (cups, a grind setting, a package version). */
  whole?: boolean;
  min?: number;
  max?: number;
}

/**
 * The parameters each command type takes on the machine page (the device API passes `params`
 * through to the machine as given); types not listed take none.
 */
export const COMMAND_PARAMS: Readonly<Partial<Record<CommandType, ReadonlyArray<CommandParam>>>> = {
  make_product: [
    { name: 'product', kind: 'text', required: true },
    { name: 'cups', kind: 'number', whole: true, min: 1, max: 5 },
  ],
  set_params: [
    { name: 'temperature', kind: 'number', min: 80, max: 96 },
    { name: 'grind', kind: 'number', whole: true, min: 1, max: 10 },
  ],
  apply_recipes: [
    { name: 'version', kind: 'number', whole: true, required: true, min: 1 },
    { name: 'checksum', kind: 'text', required: true },
    { name: 'whenIdle', kind: 'boolean' },
  ],
};

/** What is wrong with one parameter of a command, and what it expects, worded for an API caller. */
export interface CommandParamIssue {
  name: string;
  problem:
    | 'required'
    | 'not_number'
    | 'not_whole'
    | 'too_small'
    | 'too_big'
    | 'not_text'
    | 'not_boolean'
    | 'unknown';
  expected: string;
  min?: number;
  max?: number;
}

/** What a parameter takes; out of range, the bound it crossed first (its number is the first one). */
function expectedOf(f: CommandParam, problem: CommandParamIssue['problem']): string {
  if (f.kind === 'boolean') return 'true or false';
  if (f.kind === 'text') return 'text';
  const what = f.whole ? 'a whole number' : 'a number';
  if (problem === 'too_small')
    return `${what} of at least ${f.min}${f.max === undefined ? '' : ` (up to ${f.max})`}`;
  if (problem === 'too_big')
    return `${what} of at most ${f.max}${f.min === undefined ? '' : ` (from ${f.min})`}`;
  if (f.min !== undefined && f.max !== undefined) return `${what} from ${f.min} to ${f.max}`;
  if (f.min !== undefined) return `${what} of at least ${f.min}`;
  if (f.max !== undefined) return `${what} of at most ${f.max}`;
  return what;
}

function issueOf(f: CommandParam, value: unknown): CommandParamIssue['problem'] | null {
  if (value === undefined || value === null || value === '') return f.required ? 'required' : null;
  if (f.kind === 'boolean') return typeof value === 'boolean' ? null : 'not_boolean';
  if (f.kind === 'text') return typeof value === 'string' ? null : 'not_text';
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'not_number';
  if (f.whole && !Number.isInteger(value)) return 'not_whole';
  if (f.min !== undefined && value < f.min) return 'too_small';
  if (f.max !== undefined && value > f.max) return 'too_big';
  return null;
}

/**
 * The parameters a command of `type` lacks or gets wrong (missing, of the wrong kind, out of range,
 * or not one it takes), each with what was expected; empty when the machine can be sent them.
 */
export function commandParamIssues(type: CommandType, params: Record<string, unknown>): CommandParamIssue[] {
  const fields = COMMAND_PARAMS[type] ?? [];
  const issues: CommandParamIssue[] = [];
  for (const f of fields) {
    const problem = issueOf(f, params[f.name]);
    if (problem)
      issues.push({ name: f.name, problem, expected: expectedOf(f, problem), min: f.min, max: f.max });
  }
  const takes = fields.map((f) => f.name);
  for (const name of Object.keys(params).filter((n) => !takes.includes(n)))
    issues.push({
      name,
      problem: 'unknown',
      expected: takes.length ? `only ${takes.join(', ')}` : `no parameters (${type} takes none)`,
    });
  return issues;
}

/** Seconds a command may wait to be fetched before it expires, unless it says otherwise. */
export const DEFAULT_TTL_SECONDS = 3600;

/** What each known model can run; an unknown model runs the basic set only. */
const BASIC: ReadonlyArray<CommandType> = ['restart', 'sync', 'set_params'];
const MODEL_CAPABILITIES: Record<string, ReadonlyArray<CommandType>> = {
  'CM-100': ['restart', 'sync', 'set_params', 'make_product'],
  'CM-200': COMMAND_TYPES,
  'CM-SIM': COMMAND_TYPES,
};

/** Whether a device of `model` runs `type` (an unsupported command is refused, never sent). */
export const supportsCommand = (model: string, type: string): boolean =>
  (MODEL_CAPABILITIES[model] ?? BASIC).includes(type as CommandType);

/** The device token: `cfd_<device id>_<secret>`; only sha256(secret) is stored. */
const TOKEN = new RegExp(`^cfd_(${UUID_SOURCE})_([A-Za-z0-9_-]{32,64})$`);

export const formatDeviceToken = (deviceId: string, secret: string) => `cfd_${deviceId}_${secret}`;

export function parseDeviceToken(token: string): { deviceId: string; secret: string } | undefined {
  const m = TOKEN.exec(token);
  return m ? { deviceId: m[1]!, secret: m[2]! } : undefined;
}

/** Seconds a timed-out command waits before it is offered again: 5 s doubling, capped at 5 min. */
export const retryDelaySeconds = (attempts: number): number =>
  Math.min(300, 5 * 2 ** Math.max(0, attempts - 1));

export interface BatchCounts {
  total: number;
  succeeded: number;
  failed: number;
  pending: number;
  cancelled: number;
}

/** The failure share past which a batch started without one stops (the console form's empty field). */
export const DEFAULT_ABORT_PERCENT = 20;

/**
 * A running batch stops when, after at least `minFinished` commands finished, more than
 * `percent` % of the finished ones failed (failed, timed out, expired or unsupported).
 */
export function shouldAbortBatch(c: BatchCounts, percent: number, minFinished: number): boolean {
  const finished = c.succeeded + c.failed;
  if (finished < minFinished || finished === 0) return false;
  return c.failed * 100 > percent * finished;
}

/**
 * What a rollout does at its canary stage (issue 41, item 15): it waits until every canary machine
 * has answered; then more than `abortAtFailurePercent` % of them failed (or none could answer)
 * aborts it, some failures within the threshold hold it for a person to continue or roll back, and
 * only a canary with no failure goes on to the rest by itself.
 */
export type CanaryVerdict = 'wait' | 'abort' | 'hold' | 'proceed';
export function judgeCanary(c: BatchCounts, abortAtFailurePercent: number): CanaryVerdict {
  if (c.pending > 0) return 'wait';
  const answered = c.succeeded + c.failed;
  if (answered === 0 || c.failed * 100 > abortAtFailurePercent * answered) return 'abort';
  return c.failed > 0 ? 'hold' : 'proceed';
}

/**
 * How far a rollout's version reached, over its stages: machines that run it, that failed, that
 * still wait and that were never sent it. It runs everywhere only when every machine succeeded.
 */
export function rolloutReach(stages: BatchCounts[]) {
  const sum = (k: keyof BatchCounts) => stages.reduce((n, s) => n + s[k], 0);
  const machines = sum('total');
  const succeeded = sum('succeeded');
  return {
    machines,
    succeeded,
    failed: sum('failed'),
    pending: sum('pending'),
    notSent: sum('cancelled'),
    everywhere: machines > 0 && succeeded === machines,
  };
}

/** Where a command's status counts in its batch's progress. */
export function batchBucket(status: string): keyof Omit<BatchCounts, 'total'> {
  if (status === 'succeeded') return 'succeeded';
  if (status === 'queued' || status === 'sent') return 'pending';
  if (status === 'cancelled') return 'cancelled';
  return 'failed';
}

/** What a fleet alarm is about (the console words each kind's title, issue 28). */
export const ALARM_KINDS = ['offline', 'low_material', 'predicted_empty', 'command_failed'] as const;

/** Alarms read most severe first (issue 41, item 17): critical, then warnings, then information. */
export const ALARM_SEVERITY_RANK = { critical: 3, warn: 2, info: 1 } as const;
export type AlarmSeverity = keyof typeof ALARM_SEVERITY_RANK;

/** The order alarms are listed in: by severity, then newest first. */
export function compareAlarms(
  a: { severity: AlarmSeverity; raisedAt: Date | string },
  b: { severity: AlarmSeverity; raisedAt: Date | string },
): number {
  const bySeverity = ALARM_SEVERITY_RANK[b.severity] - ALARM_SEVERITY_RANK[a.severity];
  return bySeverity || new Date(b.raisedAt).getTime() - new Date(a.raisedAt).getTime();
}

/**
 * The same order as one SQL number (the alarm list's default sort): the severity's rank in front
 * of the raise time, so descending reads critical first and, within a severity, newest first.
 */
export const ALARM_PRIORITY_SQL = `((case coffee_alarm.severity when 'critical' then ${ALARM_SEVERITY_RANK.critical} when 'warn' then ${ALARM_SEVERITY_RANK.warn} else ${ALARM_SEVERITY_RANK.info} end) * 10000000000 + extract(epoch from coffee_alarm.raised_at))`;

export const BIN_LEVELS = ['empty', 'critical', 'low', 'normal'] as const;
export type BinLevel = (typeof BIN_LEVELS)[number];

/** A bin's level; one boundary for all (at or below the threshold counts). */
export function binLevel(b: {
  remaining: number;
  capacity: number;
  lowPct: number;
  criticalPct: number;
}): BinLevel {
  if (b.remaining <= 0) return 'empty';
  const pct = (b.remaining * 100) / b.capacity;
  if (pct <= b.criticalPct) return 'critical';
  if (pct <= b.lowPct) return 'low';
  return 'normal';
}

/** Days until a bin is empty at its daily use, or null when its use is unknown or nil. */
export function daysUntilEmpty(remaining: number, dailyUse: number | null): number | null {
  if (!dailyUse || dailyUse <= 0) return null;
  return Math.floor((remaining / dailyUse) * 10) / 10;
}

/** A bin's level at one moment: the baseline daily use is measured from. */
export interface LevelSample {
  remaining: number;
  at: Date;
}

/** What a bin knows of its use: the estimate so far and the sample it is measured from. */
export interface UseEstimate {
  dailyUse: number | null;
  since: LevelSample | null;
}

/**
 * Shortest stretch of time use is measured over. Reports come every few seconds to minutes; what
 * went down in a minute says nothing of a day (16 g in one second read as 1.4 t a day, issue 30).
 */
export const MIN_USE_WINDOW_HOURS = 6;

/**
 * The next use estimate after a report. The baseline stays put until at least
 * `MIN_USE_WINDOW_HOURS` have passed, so frequent reports add up instead of being extrapolated
 * one by one; a refill (the level went up) restarts the measurement and keeps the estimate.
 */
export function nextUseEstimate(before: UseEstimate, now: LevelSample): UseEstimate {
  const since = before.since;
  if (!since || now.remaining > since.remaining || now.at.getTime() < since.at.getTime())
    return { dailyUse: before.dailyUse, since: now };
  const days = (now.at.getTime() - since.at.getTime()) / 86_400_000;
  if (days * 24 < MIN_USE_WINDOW_HOURS) return before;
  const measured = Math.round((since.remaining - now.remaining) / days);
  const dailyUse = before.dailyUse === null ? measured : Math.round(before.dailyUse * 0.7 + measured * 0.3);
  return { dailyUse, since: now };
}

/** Whether a device last seen at `lastSeen` counts as offline at `now`. */
export const isOffline = (lastSeen: Date | null, now: Date, offlineAfterMinutes: number): boolean =>
  lastSeen !== null && now.getTime() - lastSeen.getTime() > offlineAfterMinutes * 60_000;

/** Days left below which a bin raises a "predicted empty" alarm. */
export const PREDICTED_EMPTY_DAYS = 2;

export interface StoredBin {
  binIndex: number;
  materialCode: string;
  remaining: number;
  capacity: number;
  lowPct: number;
  criticalPct: number;
  dailyUse: number | null;
}

export interface JudgedBin extends StoredBin {
  level: BinLevel;
  daysUntilEmpty: number | null;
}

/**
 * The device's material alarms from every bin it has, reported this time or not: a report naming
 * one bin says nothing of the others (issue 30: MILK at 5 % was closed by a report of BEANS).
 */
export function materialAlarms(bins: readonly StoredBin[]) {
  const judged: JudgedBin[] = bins.map((b) => ({
    ...b,
    level: binLevel(b),
    daysUntilEmpty: daysUntilEmpty(b.remaining, b.dailyUse),
  }));
  const low = judged.filter((b) => b.level !== 'normal');
  const soon = judged.filter((b) => b.daysUntilEmpty !== null && b.daysUntilEmpty < PREDICTED_EMPTY_DAYS);
  return {
    judged,
    lowMaterial: low.length
      ? {
          severity: low.some((b) => b.level !== 'low') ? ('critical' as const) : ('warn' as const),
          bins: low,
        }
      : null,
    predictedEmpty: soon.length ? { severity: 'warn' as const, bins: soon } : null,
  };
}

/** What one product takes from a machine's bins, by material code. */
export interface MaterialNeed {
  materialCode: string;
  amount: number;
}

/**
 * The materials a machine lacks to make a product (issue 54, item 20): those it needs that no bin of
 * the machine holds any of. A machine makes the product only when this is empty, as a real one
 * refuses a drink whose bin ran dry; a material it has no bin for at all counts as lacking.
 */
export function materialsLacking(
  needs: readonly MaterialNeed[],
  bins: readonly { materialCode: string; remaining: number }[],
): string[] {
  return needs
    .filter((n) => !bins.some((b) => b.materialCode === n.materialCode && b.remaining >= n.amount))
    .map((n) => n.materialCode);
}
