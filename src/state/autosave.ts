/**
 * Autosave: the raw scenario of each source (built-in model or opened file) is written to localStorage
 * on every edit, so a reload or a crash loses nothing. Keyed per source, plus the last source opened.
 * Other tabs of the same origin share the storage: `onOtherTabSave` reports their writes (the browser's
 * `storage` event fires only in the tabs that did not write).
 */
import type { ScenarioFormat } from '../worker/protocol';

export type ScenarioSource = { kind: 'model'; name: string } | { kind: 'file'; name: string };

export interface SavedScenario {
  v: 1;
  source: ScenarioSource;
  format: ScenarioFormat;
  raw: unknown;
  /** True once the user changed something (a freshly opened file is saved too, unedited). */
  edited: boolean;
  /** The text of an opened file, to reset to and to save unedited files verbatim (comments kept). */
  originalText: string | null;
  savedAt: number;
}

const PREFIX = 'dctwin.autosave:';
const LAST = 'dctwin.lastSource';

export const sourceKey = (s: ScenarioSource) => `${s.kind}:${s.name}`;

export function readAutosave(source: ScenarioSource): SavedScenario | null {
  try {
    const text = localStorage.getItem(PREFIX + sourceKey(source));
    if (!text) return null;
    const saved = JSON.parse(text) as SavedScenario;
    return saved.v === 1 && saved.raw && typeof saved.raw === 'object' ? saved : null;
  } catch {
    return null;
  }
}

/** Returns an error message when the browser refuses (storage full or disabled). */
export function writeAutosave(saved: SavedScenario): string | null {
  try {
    localStorage.setItem(PREFIX + sourceKey(saved.source), JSON.stringify(saved));
    localStorage.setItem(LAST, JSON.stringify(saved.source));
    return null;
  } catch (e) {
    return `autosave failed: ${e instanceof Error ? e.message : String(e)}`;
  }
}

export function clearAutosave(source: ScenarioSource): void {
  try {
    localStorage.removeItem(PREFIX + sourceKey(source));
  } catch {
    // storage disabled: nothing was saved either
  }
}

export function rememberSource(source: ScenarioSource): void {
  try {
    localStorage.setItem(LAST, JSON.stringify(source));
  } catch {
    // storage disabled
  }
}

export function lastSource(): ScenarioSource | null {
  try {
    const s = JSON.parse(localStorage.getItem(LAST) ?? 'null') as ScenarioSource | null;
    return s && (s.kind === 'model' || s.kind === 'file') && typeof s.name === 'string' ? s : null;
  } catch {
    return null;
  }
}

/** Calls `listener` when another tab saves (or clears, `saved` null) the autosave of a source. */
export function onOtherTabSave(listener: (source: ScenarioSource, saved: SavedScenario | null) => void): () => void {
  const onStorage = (e: StorageEvent) => {
    if (e.storageArea !== localStorage || !e.key?.startsWith(PREFIX)) return;
    const [kind, ...name] = e.key.slice(PREFIX.length).split(':');
    if (kind !== 'model' && kind !== 'file') return;
    let saved: SavedScenario | null = null;
    try { saved = e.newValue ? (JSON.parse(e.newValue) as SavedScenario) : null; } catch { return; }
    listener({ kind, name: name.join(':') }, saved && saved.v === 1 && saved.raw && typeof saved.raw === 'object' ? saved : null);
  };
  window.addEventListener('storage', onStorage);
  return () => window.removeEventListener('storage', onStorage);
}

/** Opened files with an autosave (the picker lists them so a copy can be found again). */
export function savedFiles(): string[] {
  const names: string[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(PREFIX + 'file:')) names.push(key.slice(PREFIX.length + 5));
    }
  } catch {
    // storage disabled
  }
  return names.sort();
}
