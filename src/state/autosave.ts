/**
 * Autosave: the raw scenario of each source (built-in model or opened file) is written to localStorage
 * on every edit, so a reload or a crash loses nothing. Keyed per source, plus the last source opened.
 * Other tabs of the same origin share the storage: `onOtherTabSave` reports their writes (the browser's
 * `storage` event fires only in the tabs that did not write).
 *
 * Big strings — an embedded weather file, an opened file's text that embeds one — go to IndexedDB by
 * content (blobStore.ts) and the localStorage record refers to them (`blobs`): a year of EPW is ~1.5 M
 * characters and localStorage holds ~5 M, so inline a few scenarios with their years filled it and the
 * next edit was not saved. The record itself is written synchronously on every edit, as before; the big
 * string, when new, follows asynchronously, and a failure there is reported, not silent.
 */
import type { ScenarioFormat } from '../worker/protocol';
import { blobKey, getBlob, putBlob, pruneBlobs } from './blobStore';

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
  /** Big strings kept in IndexedDB by key: raw.weather.data, originalText (absent from the record itself). */
  blobs?: { weather?: string; original?: string };
}

/** Strings at least this long are stored by reference (a three-day EPW, 12 k characters, stays inline). */
const BLOB_MIN_CHARS = 64 * 1024;
/** Unreferenced big strings younger than this are kept: another tab may have written one and not yet its record. */
const PRUNE_AFTER_MS = 10 * 60_000;

type Weather = { kind?: unknown; file?: unknown; data?: unknown };
const weatherOf = (raw: unknown): Weather | null => {
  const w = (raw as { weather?: unknown } | null)?.weather;
  return w && typeof w === 'object' ? (w as Weather) : null;
};

/** The record as stored: big strings replaced by their keys; `puts` the strings to store under them. */
function split(saved: SavedScenario): { record: SavedScenario; puts: [string, string][] } {
  const puts: [string, string][] = [];
  let raw = saved.raw, originalText = saved.originalText;
  const blobs: NonNullable<SavedScenario['blobs']> = {};
  const w = weatherOf(raw);
  if (w && typeof w.data === 'string' && w.data.length >= BLOB_MIN_CHARS) {
    const key = blobKey(w.data);
    puts.push([key, w.data]);
    blobs.weather = key;
    const { data: _, ...rest } = w;
    raw = { ...(raw as object), weather: rest };
  }
  if (originalText !== null && originalText.length >= BLOB_MIN_CHARS) {
    const key = blobKey(originalText);
    puts.push([key, originalText]);
    blobs.original = key;
    originalText = null;
  }
  const { blobs: _old, ...base } = saved;
  return { record: puts.length ? { ...base, raw, originalText, blobs } : { ...base, raw, originalText }, puts };
}

/**
 * The record with its big strings put back from IndexedDB. `missing` names what is no longer stored
 * (the weather file by its name), so the user can be told; `tries` waits for a string another tab is
 * still writing (its record can arrive first).
 */
export async function withBlobs(saved: SavedScenario, tries = 1): Promise<{ saved: SavedScenario; missing: string[] }> {
  const b = saved.blobs;
  if (!b) return { saved, missing: [] };
  const fetch = async (key: string) => {
    for (let i = 0; i < tries; i++) {
      const text = await getBlob(key);
      if (text !== null) return text;
      if (i + 1 < tries) await new Promise((r) => setTimeout(r, 200));
    }
    return null;
  };
  const missing: string[] = [];
  let raw = saved.raw, originalText = saved.originalText;
  if (b.weather) {
    const data = await fetch(b.weather);
    const w = weatherOf(raw);
    if (data !== null && w) raw = { ...(raw as object), weather: { ...w, data } };
    else missing.push(`the weather file ${typeof w?.file === 'string' ? `"${w.file}"` : ''}`.trim());
  }
  if (b.original) {
    const text = await fetch(b.original);
    if (text !== null) originalText = text;
    else missing.push('the text of the file as opened');
  }
  const { blobs: _, ...rest } = saved;
  return { saved: { ...rest, raw, originalText }, missing };
}

/** readAutosave with its big strings put back (see withBlobs). */
export async function loadAutosave(source: ScenarioSource): Promise<{ saved: SavedScenario; missing: string[] } | null> {
  const saved = readAutosave(source);
  return saved ? withBlobs(saved) : null;
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

const isQuota = (e: unknown) => e instanceof DOMException && (e.name === 'QuotaExceededError' || e.code === 22);

/**
 * Returns an error message when the browser refuses (storage full or disabled). A big string that could
 * not be stored (IndexedDB full or unavailable) is reported later, through `onBlobError`.
 */
export function writeAutosave(saved: SavedScenario, onBlobError?: (message: string) => void): string | null {
  const { record, puts } = split(saved);
  try {
    localStorage.setItem(PREFIX + sourceKey(saved.source), JSON.stringify(record));
    localStorage.setItem(LAST, JSON.stringify(saved.source));
  } catch (e) {
    return isQuota(e)
      ? `Autosave failed: this browser's storage for the page is full, so your latest edits to ${saved.source.name} live only in this tab. Save downloads them; discarding the autosaved edits of other scenarios (Reset to model) frees room.`
      : `Autosave failed (${e instanceof Error ? e.message : String(e)}): your latest edits live only in this tab; Save downloads them.`;
  }
  for (const [key, text] of puts) {
    putBlob(key, text).catch((e: unknown) => onBlobError?.(
      `Your edits to ${saved.source.name} are autosaved, but the browser would not store ${key === record.blobs?.weather ? 'the weather file' : 'the file\'s text'} (${e instanceof Error ? e.message : String(e)}): after a reload, choose the weather file again with Weather… (or Save the scenario now, the weather embedded).`));
  }
  return null;
}

/** Deletes stored big strings that no autosave refers to any more (old weather files). */
export function pruneAutosaveBlobs(): Promise<number> {
  const keep = new Set<string>();
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      const b = (JSON.parse(localStorage.getItem(key) ?? 'null') as SavedScenario | null)?.blobs;
      if (b?.weather) keep.add(b.weather);
      if (b?.original) keep.add(b.original);
    }
  } catch {
    return Promise.resolve(0); // cannot tell what is referred to: delete nothing
  }
  return pruneBlobs(keep, PRUNE_AFTER_MS).catch(() => 0);
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
  /** The latest write seen per key: a record still waiting for its big strings is dropped when a newer one came. */
  const latest = new Map<string, number>();
  let seq = 0;
  const onStorage = (e: StorageEvent) => {
    if (e.storageArea !== localStorage || !e.key?.startsWith(PREFIX)) return;
    const [kind, ...name] = e.key.slice(PREFIX.length).split(':');
    if (kind !== 'model' && kind !== 'file') return;
    let saved: SavedScenario | null = null;
    try { saved = e.newValue ? (JSON.parse(e.newValue) as SavedScenario) : null; } catch { return; }
    const source = { kind, name: name.join(':') } as ScenarioSource;
    const mine = ++seq;
    latest.set(e.key, mine);
    if (!(saved && saved.v === 1 && saved.raw && typeof saved.raw === 'object')) { listener(source, null); return; }
    // The other tab wrote its record first and its big strings after: wait up to 2 s for them.
    const key = e.key;
    void withBlobs(saved, 10).then((r) => { if (latest.get(key) === mine) listener(source, r.saved); });
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
