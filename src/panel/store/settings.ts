/** The panel's settings, remembered in the extension origin's storage: Preserve log, the live cap, two switches. */

export const DEFAULT_CAP = 5_000;
export const MIN_CAP = 100;
export const MAX_CAP = 100_000;
export const SETTINGS_KEYS = {
  preserveLog: 'coveoHub.preserveLog',
  cap: 'coveoHub.cap',
  checklistCollapsed: 'coveoHub.checklistCollapsed',
  includePersonalData: 'coveoHub.includePersonalData',
} as const;

export interface SettingsStorage {
  storageGet(key: string): string | null;
  storageSet(key: string, value: string): void;
}

export function clampCap(value: number): number {
  if (!Number.isFinite(value)) return DEFAULT_CAP;
  return Math.min(MAX_CAP, Math.max(MIN_CAP, Math.round(value)));
}

/** The on/off settings. */
export type Switch = 'preserveLog' | 'checklistCollapsed' | 'includePersonalData';

export class Settings {
  preserveLog = false;
  /** The coverage checklist folded to one line. */
  checklistCollapsed = false;
  /** Exports show decoded personal claims (userIds, e-mail addresses...) instead of redacting them (off). */
  includePersonalData = false;
  /** Live calls kept; the oldest beyond are dropped and counted. */
  cap = DEFAULT_CAP;

  constructor(private readonly storage?: SettingsStorage) {
    if (!storage) return;
    for (const name of ['preserveLog', 'checklistCollapsed', 'includePersonalData'] as const) this[name] = storage.storageGet(SETTINGS_KEYS[name]) === 'true';
    const cap = storage.storageGet(SETTINGS_KEYS.cap);
    if (cap !== null) this.cap = clampCap(Number(cap));
  }

  set(name: Switch, on: boolean): void {
    this[name] = on;
    this.storage?.storageSet(SETTINGS_KEYS[name], String(on));
  }

  setCap(value: number): void {
    this.cap = clampCap(value);
    this.storage?.storageSet(SETTINGS_KEYS.cap, String(this.cap));
  }
}
