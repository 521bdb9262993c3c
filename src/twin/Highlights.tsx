/**
 * Outlines as one InstancedMesh of inverted hulls: failed and tripped parts in magenta (unmistakable,
 * used for nothing else), the selection in white, the hovered part in grey-blue.
 */
import { useEffect, useMemo } from 'react';
import { useThree } from '@react-three/fiber';
import { InstancedMesh, InstancedBufferAttribute, Matrix4, Vector3, Quaternion } from 'three';
import type { HallLayout } from '../worker/protocol';
import { targetBox, type SceneLayout } from './sceneLayout';
import { outlineMaterial, unitBox } from './materials';
import { app } from '../state/session';
import { cursor } from '../state/cursor';
import { frames } from '../state/frameBuffer';
import { FAILED_OUTLINE, SELECTED_OUTLINE, HOVER_OUTLINE, linear } from './colorScales';
import { hovered } from './hover';
import { ALARMING } from './equipmentState';
import { equipmentState } from '../state/equipmentStates';

const _matrix = new Matrix4();
const _position = new Vector3();
const _scale = new Vector3();
const _identity = new Quaternion();
const failed = linear(FAILED_OUTLINE), selected = linear(SELECTED_OUTLINE), hover = linear(HOVER_OUTLINE);

export function Highlights({ scene, layout }: { scene: SceneLayout; layout: HallLayout }) {
  const invalidate = useThree((s) => s.invalidate);
  const capacity = layout.racks.length + scene.equipment.length + 2;
  const mesh = useMemo(() => {
    const m = new InstancedMesh(unitBox, outlineMaterial, capacity);
    m.instanceColor = new InstancedBufferAttribute(new Float32Array(capacity * 3), 3);
    m.count = 0;
    // Always rendered: with no instances it issues no draw call, and using its shader from the first
    // frame links it at load. Shown for the first time mid-run (the first trip), its first use waited on
    // the GPU process for every queued frame: 0.1–0.4 s at 10,000 racks in software GL.
    m.frustumCulled = false;
    m.raycast = () => {};
    return m;
  }, [capacity]);
  useEffect(() => () => mesh.dispose(), [mesh]);

  useEffect(() => {
    const colors = mesh.instanceColor!.array as Float32Array;
    const put = (id: string, rgb: [number, number, number], pad: number) => {
      const b = targetBox(scene, id);
      if (!b || mesh.count >= capacity) return;
      _position.set(b.x, b.y, b.z);
      _scale.set(b.w + pad, b.h + pad, b.d + pad);
      mesh.setMatrixAt(mesh.count, _matrix.compose(_position, _identity, _scale));
      colors.set(rgb, mesh.count * 3);
      mesh.count++;
    };
    let last = { sel: app.get().selection, version: frames.version };
    const update = () => {
      const s = app.get();
      last = { sel: s.selection, version: frames.version };
      const t = cursor.get();
      mesh.count = 0;
      const f = frames.shape.racks === layout.racks.length ? frames.frameAt(t) : -1;
      if (f >= 0) {
        const base = f * layout.racks.length;
        for (let i = 0; i < layout.racks.length; i++) if ((frames.rackState[base + i]! & 3) === 2) put(layout.racks[i]!.id, failed, 0.14);
      }
      for (const e of scene.equipment) { const st = equipmentState(frames, layout, e.id, f); if (st && ALARMING.has(st)) put(e.id, failed, 0.3); }
      const h = hovered.get();
      if (h && h.id !== s.selection) put(h.id, hover, 0.08);
      if (s.selection) put(s.selection, selected, 0.1);
      mesh.instanceMatrix.needsUpdate = true;
      mesh.instanceColor!.needsUpdate = true;
      invalidate();
    };
    update();
    let hoverId: string | null = null;
    const offs = [
      cursor.subscribe(update),
      hovered.subscribe((h) => { if ((h?.id ?? null) !== hoverId) { hoverId = h?.id ?? null; update(); } }),
      app.subscribe(() => {
        const s = app.get();
        if (s.selection === last.sel && frames.version === last.version) return;
        update();
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [mesh, scene, layout, capacity, invalidate]);

  return <primitive object={mesh} />;
}
