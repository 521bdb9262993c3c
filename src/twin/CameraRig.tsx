/**
 * Orbit/pan/zoom (three's own OrbitControls, the class drei wraps: drei's pre-bundle cost ~2 s of the first
 * visit after `npm start` for this one component) plus two moves: fit the whole site, and focus on one component.
 * Moves are short eased transitions, rendered on demand only while they run.
 */
import { useEffect, useRef, useState } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { Vector3, type PerspectiveCamera } from 'three';
import { targetBox, type SceneLayout } from './sceneLayout';
import { cameraCommand } from './cameraCommands';

/** Looking from the south-east, above: rows read left to right, the plant yard behind on the left. */
const VIEW = new Vector3(0.55, 0.75, 1).normalize();
const _target = new Vector3();
const _position = new Vector3();
const _corner = new Vector3();

interface Move { fromT: Vector3; toT: Vector3; fromP: Vector3; toP: Vector3; start: number; ms: number }

/** `site` names what is open (model or file): opening another refits the view; edits of the same one do not. */
export function CameraRig({ scene, site }: { scene: SceneLayout; site: string }) {
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const invalidate = useThree((s) => s.invalidate);
  const gl = useThree((s) => s.gl);
  const [orbit, setOrbit] = useState<OrbitControls | null>(null);
  const controls = useRef<OrbitControls | null>(null);
  const move = useRef<Move | null>(null);
  const fitted = useRef({ site: '', size: 0 });

  // The controls live as long as the camera and canvas; a change (drag, wheel) asks for one frame.
  useEffect(() => {
    const c = new OrbitControls(camera, gl.domElement);
    c.enableDamping = false;
    c.maxPolarAngle = Math.PI * 0.49;
    c.screenSpacePanning = true;
    const onChange = () => invalidate();
    c.addEventListener('change', onChange);
    controls.current = c;
    setOrbit(c);
    return () => {
      c.removeEventListener('change', onChange);
      c.dispose();
      controls.current = null;
    };
  }, [camera, gl, invalidate]);

  useEffect(() => {
    if (!orbit) return;
    const go = (target: Vector3, position: Vector3, ms: number) => {
      const c = controls.current;
      if (!c) return;
      move.current = { fromT: c.target.clone(), toT: target.clone(), fromP: camera.position.clone(), toP: position.clone(), start: performance.now(), ms };
      invalidate();
    };
    const fit = (ms: number) => {
      const { min, max } = scene.bounds;
      _target.set((min[0] + max[0]) / 2, 0, (min[2] + max[2]) / 2);
      // Start from the bounding sphere, then shrink or grow until the box's corners fill ~90 % of the view.
      let dist = Math.hypot(max[0] - min[0], max[2] - min[2]) / 2 / Math.sin(((camera.fov / 2) * Math.PI) / 180);
      const probe = camera.clone();
      for (let k = 0; k < 4; k++) {
        probe.position.copy(VIEW).multiplyScalar(dist).add(_target);
        probe.lookAt(_target);
        probe.near = dist / 100; probe.far = dist * 4;
        probe.updateProjectionMatrix();
        probe.updateMatrixWorld();
        let extent = 0;
        for (const x of [min[0], max[0]]) for (const y of [min[1], max[1]]) for (const z of [min[2], max[2]]) {
          _corner.set(x, y, z).project(probe);
          extent = Math.max(extent, Math.abs(_corner.x), Math.abs(_corner.y));
        }
        dist *= 0.35 + 0.65 * (extent / 0.92);
      }
      camera.far = Math.max(1000, dist * 6);
      camera.near = Math.max(0.05, dist / 2000);
      camera.updateProjectionMatrix();
      if (controls.current) controls.current.maxDistance = dist * 3;
      go(_target, _position.copy(VIEW).multiplyScalar(dist).add(_target), ms);
    };
    const focus = (id: string) => {
      const b = targetBox(scene, id);
      const c = controls.current;
      if (!b || !c) return;
      _target.set(b.x, b.y, b.z);
      const dist = Math.max(16, Math.max(b.w, b.h, b.d) * 5);
      const dir = _position.subVectors(camera.position, c.target).normalize();
      if (dir.y < 0.35) dir.setY(0.6).normalize();
      go(_target, dir.multiplyScalar(dist).add(_target), 600);
    };
    const { min, max } = scene.bounds;
    const size = Math.hypot(max[0] - min[0], max[2] - min[2]);
    // Refit for another site or a much larger/smaller one, not when an edit adds a row: the planner keeps their view.
    const last = fitted.current;
    if (last.site !== site || Math.abs(size - last.size) / last.size > 0.3) {
      fit(last.site ? 450 : 0);
      fitted.current = { site, size };
    }
    return cameraCommand.subscribe((cmd) => (cmd.kind === 'fit' ? fit(450) : focus(cmd.id)));
  }, [scene, site, camera, invalidate, orbit]);

  useFrame(() => {
    const m = move.current, c = controls.current;
    if (!m || !c) return;
    const k = m.ms <= 0 ? 1 : Math.min(1, (performance.now() - m.start) / m.ms);
    const e = k < 0.5 ? 2 * k * k : 1 - (-2 * k + 2) ** 2 / 2;
    c.target.lerpVectors(m.fromT, m.toT, e);
    camera.position.lerpVectors(m.fromP, m.toP, e);
    c.update();
    if (k >= 1) move.current = null;
    else invalidate();
  });

  return null;
}
