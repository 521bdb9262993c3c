/**
 * Inside the Canvas: on each render, moves every label to its anchor's screen position. Labels come most
 * important first (failures, then rows, then names); one that would overlap a label already placed is
 * hidden, so a far view of a large site stays readable.
 */
import { useFrame } from '@react-three/fiber';
import { Vector3 } from 'three';
import { anchors } from './labelAnchors';

const _v = new Vector3();
const placed: number[] = [];

export function LabelProjector() {
  useFrame(({ camera, size }) => {
    placed.length = 0;
    for (const a of anchors) {
      _v.set(a.x, a.y, a.z).project(camera);
      let visible = _v.z > -1 && _v.z < 1 && Math.abs(_v.x) < 1.1 && Math.abs(_v.y) < 1.1;
      const x = ((_v.x + 1) / 2) * size.width, y = ((1 - _v.y) / 2) * size.height;
      const x0 = x - a.w / 2, y0 = y - a.h / 2;
      for (let i = 0; visible && i < placed.length; i += 4) {
        if (x0 < placed[i + 2]! && x0 + a.w > placed[i]! && y0 < placed[i + 3]! && y0 + a.h > placed[i + 1]!) visible = false;
      }
      a.el.style.display = visible ? '' : 'none';
      if (!visible) continue;
      placed.push(x0, y0, x0 + a.w, y0 + a.h);
      a.el.style.transform = `translate(${x0}px, ${y0}px)`;
    }
  });
  return null;
}
