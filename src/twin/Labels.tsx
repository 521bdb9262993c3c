/**
 * Text over the scene: row and plant names, and a tag on everything failed or tripped at the cursor, so
 * a failure reads at a glance even when its racks are sub-pixel. Plain DOM, positioned by LabelProjector.
 */
import { useLayoutEffect, useMemo, useRef } from 'react';
import { invalidate } from '@react-three/fiber';
import type { HallLayout } from '../worker/protocol';
import { targetBox, type SceneLayout } from './sceneLayout';
import { useStore } from '../state/store';
import { app } from '../state/session';
import { useCursor } from '../state/cursor';
import { frames } from '../state/frameBuffer';
import { setAnchors } from './labelAnchors';
import { ALARMING } from './equipmentState';
import { equipmentState } from '../state/equipmentStates';

interface Tag { key: string; text: string; at: [number, number, number]; kind: 'failed' | 'name' | 'row' }

/** Measured label sizes (CSS px) by kind and text. */
const sizes = new Map<string, { w: number; h: number }>();
const sizeKey = (tag: Tag) => `${tag.kind}\u0000${tag.text}`;

function failureTags(scene: SceneLayout, layout: HallLayout, t: number): Tag[] {
  const out: Tag[] = [];
  const f = frames.shape.racks === layout.racks.length ? frames.frameAt(t) : -1;
  if (f < 0) return out;
  for (const e of scene.equipment) {
    const state = equipmentState(frames, layout, e.id, f);
    if (!state || !ALARMING.has(state)) continue;
    out.push({ key: `f:${e.id}`, text: `${e.id} ${state === 'failed' ? 'FAILED' : 'NO POWER'}`, at: [e.box.x, e.box.y + e.box.h / 2 + 1.4, e.box.z], kind: 'failed' });
  }
  // One tag per row ("row-C: 8 racks tripped") rather than a forest of labels.
  const byRow = new Map<string, number[]>();
  const base = f * layout.racks.length;
  layout.racks.forEach((r, i) => {
    if ((frames.rackState[base + i]! & 3) !== 2) return;
    let list = byRow.get(r.row);
    if (!list) byRow.set(r.row, (list = []));
    list.push(i);
  });
  for (const [row, list] of byRow) {
    const first = layout.racks[list[0]!]!;
    const b = targetBox(scene, layout.racks[list[Math.floor(list.length / 2)]!]!.id)!;
    const failed = list.filter((i) => frames.rackState[base + i]! & 8).length;
    const what = failed === list.length ? 'failed' : 'tripped';
    const text = list.length === 1 ? `${first.id} ${what.toUpperCase()}` : `${row || 'tanks'}: ${list.length} racks ${what}`;
    out.push({ key: `r:${row}`, text, at: [b.x, b.h + 2.2, b.z], kind: 'failed' });
  }
  return out;
}

export function Labels({ scene, layout }: { scene: SceneLayout; layout: HallLayout }) {
  const t = useCursor(6);
  const version = useStore(app, (s) => s.framesVersion);
  const layer = useRef<HTMLDivElement>(null);

  const names = useMemo<Tag[]>(() => {
    const out: Tag[] = scene.rowLabels.map((r) => ({ key: `row:${r.text}`, text: r.text, at: [r.x, r.y, r.z], kind: 'row' as const }));
    for (const e of scene.equipment) {
      if (e.kind === 'cdu' || e.kind === 'tank_hx' || (e.kind === 'crah' && layout.crahs.length > 12)) continue;
      out.push({ key: `eq:${e.id}`, text: e.id, at: [e.box.x, e.box.y + e.box.h / 2 + 0.6, e.box.z], kind: 'name' });
    }
    return out;
  }, [scene, layout]);
  // `version`: the frame buffer is read in place, so a new chunk must recompute the tags. Most chunks and
  // cursor moves change no tag: keep the previous list then, so nothing below re-renders or re-measures.
  const lastFailures = useRef<{ sig: string; tags: Tag[] }>({ sig: '', tags: [] });
  const failures = useMemo(() => {
    const next = failureTags(scene, layout, t);
    const sig = next.map((x) => `${x.key}\u0000${x.text}\u0000${x.at.join(',')}`).join('\u0001');
    if (sig !== lastFailures.current.sig) lastFailures.current = { sig, tags: next };
    return lastFailures.current.tags;
  }, [scene, layout, t, version]);
  // Most important first: the projector hides a label that would cover one placed before it.
  const tags = useMemo(() => [...failures, ...names], [names, failures]);

  useLayoutEffect(() => {
    const els = layer.current ? Array.from(layer.current.children) as HTMLElement[] : [];
    const place = (measured?: Map<number, { w: number; h: number }>) => {
      setAnchors(tags.flatMap((tag, i) => {
        const size = sizes.get(sizeKey(tag)) ?? measured?.get(i);
        return els[i] && size ? [{ el: els[i], x: tag.at[0], y: tag.at[1], z: tag.at[2], ...size }] : [];
      }));
      invalidate();
    };
    // A label's size depends only on its kind and text: measure the ones not seen before, all at once,
    // never the whole set again. Not here but in the next frame, whose layout runs anyway: measuring here
    // would force style and layout of everything this commit built (a newly opened model's whole page)
    // into the task that built it. Until then the new labels wait; the known ones are placed now.
    const fresh = tags.map((tag, i) => (sizes.has(sizeKey(tag)) || !els[i] ? -1 : i)).filter((i) => i >= 0);
    place();
    if (!fresh.length) return;
    const frame = requestAnimationFrame(() => {
      const measured = new Map<number, { w: number; h: number }>();
      fresh.forEach((i) => { els[i]!.style.display = ''; });
      fresh.forEach((i) => measured.set(i, { w: els[i]!.offsetWidth + 4, h: els[i]!.offsetHeight + 2 }));
      fresh.forEach((i) => {
        els[i]!.style.display = 'none';
        // A hidden overlay measures 0: keep such a size for now only, and measure again next time.
        if (measured.get(i)!.w > 4) sizes.set(sizeKey(tags[i]!), measured.get(i)!);
      });
      place(measured);
    });
    return () => cancelAnimationFrame(frame);
  }, [tags]);
  useLayoutEffect(() => () => setAnchors([]), []);

  return (
    <div className="scene-labels" ref={layer}>
      {tags.map((tag) => <div key={tag.key} className={`scene-tag scene-tag-${tag.kind}`} style={{ display: 'none' }}>{tag.text}</div>)}
    </div>
  );
}
