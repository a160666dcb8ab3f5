import { isDeepStrictEqual } from 'node:util';
import type { FieldIssue } from '../../platform/errors/index.ts';
import type { Ctx } from '../context/index.ts';
import { putAt, type Settings, settingAt } from './org-secrets.rules.ts';

/**
 * A setting only holders of one permission change, declared by the area that owns it
 * (`guardedSettings`): the refund limits by role are the owner's (`payments.refunds.limits`, guarded
 * by the owner-only `payments.refund.limits`; issue 61 item 3). `PATCH /api/org` refuses a patch
 * that would change one with 403 naming the permission, whatever way the patch takes (the setting
 * itself, or an object above it replaced by `null`); a patch that leaves it out, or sends it back
 * as it reads, keeps it. The owning area merges what is sent into what is stored and records
 * each change in an audit entry of its own.
 */
export interface GuardedSetting {
  /** Dotted path inside `organization.settings`, under the declaring area's name. */
  path: string;
  /** The permission a change needs; the declaring area declares it (usually `ownerOnly`). */
  permission: string;
  /**
   * The value a patch that sends `sent` at the path leaves (undefined: none, the setting's
   * defaults hold), merged into the `stored` one; or the issues that refuse the whole patch, each
   * `field` relative to the setting (`admin`; '' for the setting itself).
   */
  merge(stored: unknown, sent: unknown): { value: unknown } | { issues: FieldIssue[] };
  /** Records a change in the transaction of the organization's update (an audit entry of the area's own). */
  recordChange(tx: Ctx, change: { before: unknown; after: unknown }): Promise<void>;
}

/** What a settings patch does to one guarded setting: a change (`after`), or the issues refusing it. */
export interface GuardedOutcome {
  setting: GuardedSetting;
  before: unknown;
  after: unknown;
  issues: FieldIssue[];
}

const isObject = (v: unknown): v is Settings => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Applies a settings patch to the guarded settings of `next` (the patch merged by `mergeSettings`,
 * whose top-level keys replace): a setting the patch leaves out is put back as stored, one it sends
 * is merged by its declaration, one whose parent it replaced with no object is gone. Returns the
 * settings to store and, per guarded setting, what would change or why it cannot: only those.
 */
export function applyGuardedSettings(
  stored: Settings,
  next: Settings,
  patch: Settings,
  guarded: ReadonlyArray<GuardedSetting>,
): { settings: Settings; outcomes: GuardedOutcome[] } {
  const settings = structuredClone(next);
  const outcomes: GuardedOutcome[] = [];
  for (const setting of guarded) {
    const before = settingAt(stored, setting.path);
    const sent = sentAt(patch, setting.path);
    if (sent.kind === 'untouched') continue;
    if (sent.kind === 'left_out') {
      if (before !== undefined) putAt(settings, setting.path, structuredClone(before));
      continue;
    }
    const merged = sent.kind === 'replaced' ? { value: undefined } : setting.merge(before, sent.value);
    if ('issues' in merged) {
      const field = (f: string) => `body.settings.${setting.path}${f ? `.${f}` : ''}`;
      const issues = merged.issues.map((i) => ({ ...i, field: field(i.field) }));
      outcomes.push({ setting, before, after: undefined, issues });
      continue;
    }
    if (merged.value !== undefined) putAt(settings, setting.path, merged.value);
    else removeAt(settings, setting.path);
    if (!isDeepStrictEqual(before, merged.value))
      outcomes.push({ setting, before, after: merged.value, issues: [] });
  }
  return { settings, outcomes };
}

type Sent =
  | { kind: 'untouched' }
  | { kind: 'left_out' }
  | { kind: 'replaced' }
  | { kind: 'sent'; value: unknown };

/**
 * What a patch says about one dotted path: nothing (its top-level key is not in the patch), left
 * out of an object the patch sends, replaced with an ancestor that is no object, or a value.
 */
function sentAt(patch: Settings, path: string): Sent {
  const steps = path.split('.');
  if (patch[steps[0]!] === undefined) return { kind: 'untouched' };
  let node: unknown = patch;
  for (const step of steps.slice(0, -1)) {
    node = (node as Settings)[step];
    if (node === undefined) return { kind: 'left_out' };
    if (!isObject(node)) return { kind: 'replaced' };
  }
  const value = (node as Settings)[steps.at(-1)!];
  return value === undefined ? { kind: 'left_out' } : { kind: 'sent', value };
}

/** Deletes the value at a dotted path of a local copy, if every step on the way is an object. */
function removeAt(target: Settings, path: string): void {
  const steps = path.split('.');
  const parent = settingAt(target, steps.slice(0, -1).join('.'));
  if (isObject(parent)) delete parent[steps.at(-1)!];
}
