/**
 * CDUs, CRAHs, chillers, free coolers, storage and (with a power chain) UPS and generators: one
 * InstancedMesh of boxes, coloured by state at the cursor (neutral when normal).
 */
import { useEffect, useMemo } from 'react';
import { useThree, type ThreeEvent } from '@react-three/fiber';
import { InstancedMesh, InstancedBufferAttribute, Matrix4, Vector3, Quaternion } from 'three';
import type { SceneLayout } from './sceneLayout';
import type { HallLayout } from '../worker/protocol';
import { boxMaterial, unitBox } from './materials';
import { app, select } from '../state/session';
import { cursor } from '../state/cursor';
import { frames } from '../state/frameBuffer';
import { equipmentState } from '../state/equipmentStates';
import { linear } from './colorScales';
import { KIND_COLOR, STATE_COLOR } from './equipmentState';
import { hovered } from './hover';

const _matrix = new Matrix4();
const _position = new Vector3();
const _scale = new Vector3();
const _identity = new Quaternion();

export function EquipmentInstances({ scene, layout }: { scene: SceneLayout; layout: HallLayout }) {
  const invalidate = useThree((s) => s.invalidate);
  const items = scene.equipment;
  const mesh = useMemo(() => {
    const m = new InstancedMesh(unitBox, boxMaterial, Math.max(items.length, 1));
    m.count = items.length;
    m.instanceColor = new InstancedBufferAttribute(new Float32Array(Math.max(items.length, 1) * 3), 3);
    items.forEach((e, i) => {
      _position.set(e.box.x, e.box.y, e.box.z);
      _scale.set(e.box.w, e.box.h, e.box.d);
      m.setMatrixAt(i, _matrix.compose(_position, _identity, _scale));
    });
    m.computeBoundingSphere();
    m.name = 'equipment';
    return m;
  }, [items]);
  useEffect(() => () => mesh.dispose(), [mesh]);

  useEffect(() => {
    const base = items.map((e) => linear(KIND_COLOR[e.kind]));
    const state = Object.fromEntries(Object.entries(STATE_COLOR).map(([k, v]) => [k, linear(v)])) as Record<string, [number, number, number]>;
    // Repainted when the cursor moves to another frame or new frames arrive (the buffer fills in place).
    let last = { f: -2, version: -1 };
    const paint = () => {
      const f = frames.shape.racks === layout.racks.length ? frames.frameAt(cursor.get()) : -1;
      if (f === last.f && frames.version === last.version) return;
      last = { f, version: frames.version };
      const colors = mesh.instanceColor!.array as Float32Array;
      items.forEach((e, i) => {
        const s = equipmentState(frames, layout, e.id, f) ?? 'normal';
        colors.set(s === 'normal' ? base[i]! : state[s]!, i * 3);
      });
      mesh.instanceColor!.needsUpdate = true;
      invalidate();
    };
    paint();
    const offCursor = cursor.subscribe(paint);
    const offApp = app.subscribe(paint);
    return () => { offCursor(); offApp(); };
  }, [mesh, items, layout, invalidate]);

  const id = (e: { instanceId?: number }) => (e.instanceId !== undefined ? items[e.instanceId]?.id : undefined);
  const onMove = (e: ThreeEvent<PointerEvent>) => {
    e.stopPropagation();
    const k = id(e);
    hovered.set(k ? { id: k, x: e.nativeEvent.offsetX, y: e.nativeEvent.offsetY } : null);
  };
  const onClick = (e: ThreeEvent<MouseEvent>) => {
    e.stopPropagation();
    if (e.delta > 4) return;
    const k = id(e);
    if (k) select(k);
  };
  return <primitive object={mesh} onPointerMove={onMove} onPointerOut={() => hovered.set(null)} onClick={onClick} />;
}
