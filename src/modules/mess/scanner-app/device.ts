import { uuid } from '../../../../web/kit/uuid.ts';

const DEVICE_KEY = 'opsdesk.scanner.deviceId';
const PREFS_KEY = 'opsdesk.scanner.prefs';

/** This phone's id, made once and kept: the server uses it to tell counters apart in conflicts. */
export function deviceId(): string {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id) {
    id = uuid();
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

export interface Prefs {
  language?: 'en' | 'hi';
  sound?: boolean;
  /** `false` when staff switched the camera off (typed codes or a hardware scanner instead). */
  camera?: boolean;
}

export function loadPrefs(): Prefs {
  try {
    return JSON.parse(localStorage.getItem(PREFS_KEY) ?? '{}') as Prefs;
  } catch {
    return {};
  }
}

export function savePrefs(prefs: Prefs): void {
  localStorage.setItem(PREFS_KEY, JSON.stringify(prefs));
}
