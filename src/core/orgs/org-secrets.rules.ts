import { type FieldIssue, PlatformErrors } from '../../platform/errors/index.ts';
import { openSecret, sealSecret } from '../../platform/secrets/index.ts';

/**
 * Secret organization settings: dotted paths inside `organization.settings` (`whatsapp.accessToken`)
 * that the owning area declares in its definition (`secretSettings`). At rest such a value is a
 * sealed box; through the API it is write-only and shown as `{ set, last4 }`.
 */
export type Settings = Record<string, unknown>;

/** How a secret setting is stored: sealed with OPSDESK_SECRET_KEY, plus the tail people recognise it by. */
export interface SealedSetting {
  sealed: string;
  last4?: string;
}

/** How a secret setting is shown in every answer, audit entry and log. */
export type PresentedSecret = { set: true; last4?: string } | { set: false };

/** The key a secret setting is sealed with, and the declared paths. */
export interface OrgSecrets {
  paths: readonly string[];
  key: string;
}

/** A purpose label per path, so a box sealed for one setting cannot be passed off as another. */
export const secretPurpose = (path: string): string => `org-setting:${path}`;

/** Short secrets would give too much away: the tail is shown only from this length on. */
const LAST4_FROM_LENGTH = 12;

export const isSealedSetting = (value: unknown): value is SealedSetting =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as SealedSetting).sealed === 'string' &&
  (value as SealedSetting).sealed.startsWith('v1.');

/** Seals one plaintext secret for `path`. */
export function sealSetting(plaintext: string, path: string, key: string): SealedSetting {
  return {
    sealed: sealSecret(plaintext, key, secretPurpose(path)),
    ...(plaintext.length >= LAST4_FROM_LENGTH ? { last4: plaintext.slice(-4) } : {}),
  };
}

/**
 * The plaintext of a stored secret setting: opens a sealed box; a plaintext string (a row written
 * before secrets were sealed, until start-up seals it) is taken as is.
 */
export function openSetting(value: unknown, path: string, key: string): string | undefined {
  if (isSealedSetting(value)) return openSecret(value.sealed, key, secretPurpose(path)).toString('utf8');
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The stored value at a dotted path, if every step on the way is an object. */
export function settingAt(settings: unknown, path: string): unknown {
  let node = settings;
  for (const step of path.split('.')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = (node as Settings)[step];
  }
  return node;
}

/** Presents one stored value: sealed or (legacy) plaintext both become `{ set: true, last4 }`. */
export function presentSecret(value: unknown): PresentedSecret {
  if (isSealedSetting(value)) return value.last4 ? { set: true, last4: value.last4 } : { set: true };
  if (typeof value === 'string' && value !== '')
    return value.length >= LAST4_FROM_LENGTH ? { set: true, last4: value.slice(-4) } : { set: true };
  return { set: false };
}

/**
 * Settings as any reader sees them: every declared path shows `{ set, last4 }` (created when
 * absent, so a screen knows which secrets exist), and any other sealed box found is shown the same
 * way, so a path someone forgot to declare still never leaks its box.
 */
export function presentSettings(settings: Settings, paths: readonly string[]): Settings {
  const shown = redactSealed(settings) as Settings;
  for (const path of paths) putAt(shown, path, presentSecret(settingAt(settings, path)));
  return shown;
}

/**
 * Settings for an audit entry or a log line: like `presentSettings`, but absent secrets stay
 * absent, so before/after show only what exists.
 */
export function redactSettings(settings: Settings, paths: readonly string[]): Settings {
  const shown = redactSealed(settings) as Settings;
  for (const path of paths) {
    const value = settingAt(settings, path);
    if (value !== undefined && value !== null) putAt(shown, path, presentSecret(value));
  }
  return shown;
}

/**
 * Merges a PATCH into the stored settings. Top-level keys replace as before; inside them, a
 * declared secret follows write-only rules: a string sets it (sealed here), `null` or
 * `{ set: false }` clears it, and leaving it out or sending back `{ set: true, … }` (what GET
 * showed) keeps the stored box — a client cannot resend a value it never sees. A guarded setting
 * (`guarded-settings.rules.ts`) follows its own rules after this merge.
 */
export function mergeSettings(stored: Settings, patch: Settings, secrets: OrgSecrets): Settings {
  const next: Settings = structuredClone({ ...stored, ...patch });
  const issues: FieldIssue[] = [];
  for (const path of secrets.paths) {
    const [top] = path.split('.');
    if (!top || !(top in patch)) continue;
    const parentPath = path.split('.').slice(0, -1).join('.');
    const parent = settingAt(next, parentPath);
    if (typeof parent !== 'object' || parent === null || Array.isArray(parent)) continue;
    const leaf = path.split('.').at(-1)!;
    const sent = (parent as Settings)[leaf];
    const kept = settingAt(stored, path);
    if (typeof sent === 'string' && sent.trim() !== '') {
      (parent as Settings)[leaf] = sealSetting(sent, path, secrets.key);
    } else if (sent === undefined || isPresentedSet(sent)) {
      if (kept === undefined || kept === null) delete (parent as Settings)[leaf];
      else (parent as Settings)[leaf] = kept;
    } else if (sent === null || isPresentedUnset(sent)) {
      delete (parent as Settings)[leaf];
    } else {
      // The value is never echoed: it might be the secret, typed into the wrong shape.
      issues.push({
        field: `body.settings.${path}`,
        message: 'expected the secret as a non-empty string, or null to clear it',
        code: 'invalid_type',
        expected: 'string | null',
      });
    }
  }
  if (issues.length)
    throw PlatformErrors.validation_failed(
      {},
      { message: issues.map((i) => i.field).join('; '), fields: issues },
    );
  return next;
}

/**
 * Seals every declared secret still stored as plaintext (rows written before sealing existed).
 * Returns the sealed settings and how many values it sealed; 0 means nothing to write.
 */
export function sealPlaintextSecrets(
  stored: Settings,
  secrets: OrgSecrets,
): { settings: Settings; sealed: number } {
  const next: Settings = structuredClone(stored);
  let sealed = 0;
  for (const path of secrets.paths) {
    const value = settingAt(next, path);
    if (typeof value !== 'string' || value === '') continue;
    putAt(next, path, sealSetting(value, path, secrets.key));
    sealed += 1;
  }
  return { settings: next, sealed };
}

/**
 * Re-seals every sealed box in the settings from one key to another, found by shape rather than
 * by the declared paths, so a secret of a module that is disabled (or gone) is rotated too; its
 * path is its purpose label. A box the old key cannot open but the new one can is already
 * rotated (a second run) and kept; one neither opens is refused by throwing, so the caller's
 * transaction writes nothing.
 */
export function resealSecrets(
  stored: Settings,
  keys: { from: string; to: string },
): { settings: Settings; resealed: number; alreadyNew: number } {
  const next: Settings = structuredClone(stored);
  let resealed = 0;
  let alreadyNew = 0;
  for (const path of sealedPathsOf(next)) {
    const value = settingAt(next, path) as SealedSetting;
    const plaintext = tryOpen(value, path, keys.from);
    if (plaintext === undefined) {
      if (tryOpen(value, path, keys.to) === undefined) throw new Error(`the old key does not open ${path}`);
      alreadyNew += 1;
      continue;
    }
    putAt(next, path, { ...value, sealed: sealSecret(plaintext, keys.to, secretPurpose(path)) });
    resealed += 1;
  }
  return { settings: next, resealed, alreadyNew };
}

/** Dotted paths of every sealed box in the settings (objects only; boxes are never in arrays). */
export function sealedPathsOf(value: unknown, prefix = ''): string[] {
  if (isSealedSetting(value)) return prefix ? [prefix] : [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => sealedPathsOf(v, prefix ? `${prefix}.${k}` : k));
}

function tryOpen(value: SealedSetting, path: string, key: string): string | undefined {
  try {
    return openSecret(value.sealed, key, secretPurpose(path)).toString('utf8');
  } catch {
    return undefined;
  }
}

const isPresentedSet = (v: unknown) =>
  typeof v === 'object' && v !== null && (v as { set?: unknown }).set === true && !('sealed' in v);
const isPresentedUnset = (v: unknown) =>
  typeof v === 'object' && v !== null && (v as { set?: unknown }).set === false && !('sealed' in v);

/** A deep copy with every sealed box replaced by its presentation. */
function redactSealed(value: unknown): unknown {
  if (isSealedSetting(value)) return presentSecret(value);
  if (Array.isArray(value)) return value.map(redactSealed);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactSealed(v)]));
  return value;
}

/** Writes `value` at a dotted path of a local copy, making objects on the way (replacing non-objects). */
export function putAt(target: Settings, path: string, value: unknown): void {
  const steps = path.split('.');
  let node = target;
  for (const step of steps.slice(0, -1)) {
    const child = node[step];
    if (typeof child !== 'object' || child === null || Array.isArray(child)) node[step] = {};
    node = node[step] as Settings;
  }
  node[steps.at(-1)!] = value;
}
