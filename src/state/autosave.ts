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

/** A name for a copy that no autosave uses yet: "dlc-hall (my copy).yaml", "dlc-hall (my copy 2).yaml"… */
function copySource(name: string, format: ScenarioFormat): ScenarioSource {
  const base = name.replace(/\.(ya?ml|json)$/i, '');
  const ext = format === 'json' ? '.json' : '.yaml';
  for (let i = 1; ; i++) {
    const source: ScenarioSource = { kind: 'file', name: `${base} (my copy${i > 1 ? ` ${i}` : ''})${ext}` };
    if (!readAutosave(source)) return source;
  }
}

/** Saves `saved` (edits of some source) under a fresh copy's name; returns the copy, or why it failed. */
export function saveCopy(saved: SavedScenario): ScenarioSource | string {
  const copy = copySource(saved.source.name, saved.format);
  return writeAutosave({ ...saved, source: copy, edited: true, savedAt: Date.now() }) ?? copy;
}

/**
 * Which source this tab has edited (sessionStorage: it survives a reload of the tab, not a new tab). A
 * reload restores the tab's own edits; a link opened in a new tab shows the model as published.
 */
const TAB = 'dctwin.tabEdits';
export function markTabEdits(source: ScenarioSource): void {
  try { sessionStorage.setItem(TAB, sourceKey(source)); } catch { /* storage disabled */ }
}
export function tabEdited(source: ScenarioSource): boolean {
  try { return sessionStorage.getItem(TAB) === sourceKey(source); } catch { return false; }
}
