/**
 * Two tabs on the same scenario. Both autosave to the same key, so the last writer would silently win
 * and the other tab's edits vanish on its next reload. Instead: when another tab saves a version that
 * differs from this tab's, a tab without edits of its own takes it (nothing of its own is lost), and a
 * tab with edits shows a choice: keep mine (saved as a copy, under its own name) or take theirs.
 */
import { app, replaceRaw, resetToModel, setUrlModel, fmtClock } from './session';
import { onOtherTabSave, rememberSource, saveCopy, sourceKey } from './autosave';
import { findModel } from '../scenario/models';
import type { RawObject } from '../scenario/raw';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Installs the `storage` listener; returns its removal. */
export function watchOtherTabs(): () => void {
  return onOtherTabSave((source, saved) => {
    const s = app.get();
    if (!s.source || !s.raw || sourceKey(source) !== sourceKey(s.source)) return;
    if (saved && same(saved.raw, s.raw)) { if (s.conflict) app.set({ conflict: null }); return; }
    if (!saved && !s.edited) return; // they discarded edits this tab never had
    if (!s.edited && saved) {
      replaceRaw(saved.raw as RawObject, saved.edited);
      // An offer of older autosaved edits (a shared link) is superseded by what this tab now shows.
      app.set({ offer: null, notice: `Another tab changed ${source.name}; this tab now shows its version (saved ${fmtClock(saved.savedAt)}).` });
      return;
    }
    app.set({ conflict: { theirs: saved, at: saved?.savedAt ?? Date.now() } });
  });
}

/** Keeps this tab's edits under a new name; the other tab's version stays where it was saved. */
export function keepMine(): void {
  const s = app.get();
  if (!s.source || !s.raw) return;
  const originalText = s.originalText ?? (s.source.kind === 'model' ? findModel(s.source.name)?.text ?? null : null);
  const copy = saveCopy({ v: 1, source: s.source, format: s.format, raw: s.raw, edited: true, originalText, savedAt: Date.now() });
  if (typeof copy === 'string') { app.set({ notice: `Could not save your copy: ${copy}` }); return; }
  rememberSource(copy);
  setUrlModel(null);
  app.set({ source: copy, fileName: copy.name, edited: true, originalText, conflict: null,
    notice: `Your edits are saved as "${copy.name}" (in the model list); ${s.source.name} keeps the other tab's version.` });
}

/** Shows the other tab's version here (this tab's edits are dropped, by the user's choice). */
export function takeTheirs(): void {
  const { conflict } = app.get();
  if (!conflict) return;
  app.set({ conflict: null });
  if (conflict.theirs) replaceRaw(conflict.theirs.raw as RawObject, conflict.theirs.edited);
  else void resetToModel();
}
