/**
 * All racks and immersion tanks as ONE InstancedMesh: per-instance matrices set once per layout, colours
 * rewritten in place when the cursor, the frames or the metric change. One draw call for 20 or 10,000.
 */
import { useEffect, useMemo } from 'react';
import { useThree, type ThreeEvent } from '@react-three/fiber';
import { InstancedMesh, InstancedBufferAttribute, Matrix4, Vector3, Quaternion, DynamicDrawUsage } from 'three';
import type { HallLayout } from '../worker/protocol';
import type { SceneLayout } from './sceneLayout';
import { boxMaterial, unitBox } from './materials';
import { rackRaycast } from './picking';
import { app, select } from '../state/session';
import { cursor } from '../state/cursor';
import { frames } from '../state/frameBuffer';
import { lut, linear, NO_DATA } from './colorScales';
import { CONTINUOUS, RACK_STATES, RACK_STATE_INDEX, rackState } from './metrics';
import { hovered } from './hover';

const _matrix = new Matrix4();
const _position = new Vector3();
const _scale = new Vector3();
const _identity = new Quaternion();
const noData = linear(NO_DATA);
const stateColors = RACK_STATES.map((s) => linear(s.color));

function paint(mesh: InstancedMesh, layout: HallLayout): void {
  const colors = mesh.instanceColor!.array as Float32Array;
  const s = app.get();
  const n = layout.racks.length;
  const f = frames.shape.racks === n ? frames.frameAt(cursor.get()) : -1;
  if (f < 0) {
    for (let i = 0; i < n; i++) colors.set(noData, i * 3);
  } else if (s.metric === 'state') {
    const t = frames.t[f]!;
    for (let i = 0; i < n; i++) colors.set(stateColors[RACK_STATE_INDEX[rackState(frames, f, i)]]!, i * 3);
  } else {
    const m = CONTINUOUS[s.metric];
    const [lo, hi] = m.domain(layout);
    const table = lut(m.scale);
    const k = 255 / Math.max(hi - lo, 1e-9);
    const base = f * n, t = frames.t[f]!;
    for (let i = 0; i < n; i++) {
      // A tripped or unpowered rack draws nothing: in a power or headroom scale it would read as idle
      // or as having the most headroom. It reads as failed in every colouring.
      const code = frames.rackState[base + i]!;
      if (code & 4 || (code & 3) === 2) { colors.set(stateColors[RACK_STATE_INDEX[rackState(frames, f, i)]]!, i * 3); continue; }
      const v = m.value(frames, f, i, layout);
      const j = Math.max(0, Math.min(255, Math.round((v - lo) * k))) * 3;
      colors[i * 3] = table[j]!; colors[i * 3 + 1] = table[j + 1]!; colors[i * 3 + 2] = table[j + 2]!;
    }
  }
  mesh.instanceColor!.needsUpdate = true;
}

export function RackInstances({ scene, layout }: { scene: SceneLayout; layout: HallLayout }) {
  const invalidate = useThree((s) => s.invalidate);
  const mesh = useMemo(() => {
    const n = layout.racks.length;
    const m = new InstancedMesh(unitBox, boxMaterial, Math.max(n, 1));
    m.count = n;
    m.instanceColor = new InstancedBufferAttribute(new Float32Array(Math.max(n, 1) * 3), 3);
    m.instanceColor.setUsage(DynamicDrawUsage);
    for (let i = 0; i < n; i++) {
      const h = scene.rackH[i]!;
      _position.set(scene.rackX[i]!, h / 2, scene.rackZ[i]!);
      _scale.set(scene.rackW[i]!, h, scene.rackD[i]!);
      m.setMatrixAt(i, _matrix.compose(_position, _identity, _scale));
    }
    m.instanceMatrix.needsUpdate = true;
    m.frustumCulled = false; // the hall is almost always in view; skips a bounding sphere over 10,000 instances
    m.raycast = rackRaycast(scene);
    m.name = 'racks';
    return m;
  }, [scene, layout]);
  useEffect(() => () => mesh.dispose(), [mesh]);

  useEffect(() => {
    let last = { metric: app.get().metric, version: -1, f: -2 };
    const repaint = (force: boolean) => {
      const s = app.get();
      const f = frames.frameAt(cursor.get());
      if (!force && f === last.f && s.metric === last.metric && frames.version === last.version) return;
      last = { metric: s.metric, version: frames.version, f };
      paint(mesh, layout);
      invalidate();
    };
    repaint(true);
    const offCursor = cursor.subscribe(() => repaint(false));
    const offApp = app.subscribe(() => repaint(false));
    return () => { offCursor(); offApp(); };
  }, [mesh, layout, invalidate]);

  const onMove = (e: ThreeEvent<PointerEvent>) => {
    e.stopPropagation();
    const r = e.instanceId !== undefined ? layout.racks[e.instanceId] : undefined;
    hovered.set(r ? { id: r.id, x: e.nativeEvent.offsetX, y: e.nativeEvent.offsetY } : null);
  };
  const onClick = (e: ThreeEvent<MouseEvent>) => {
    e.stopPropagation();
    if (e.delta > 4) return; // a drag that orbited the camera, not a click
    const r = e.instanceId !== undefined ? layout.racks[e.instanceId] : undefined;
    if (r) select(r.id);
  };
  return <primitive object={mesh} onPointerMove={onMove} onPointerOut={() => hovered.set(null)} onClick={onClick} />;
}
