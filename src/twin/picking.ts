/**
 * Picking racks without testing 10,000 boxes: the ray is clipped against each row's block, and only the
 * slots it crosses inside the block are tested, nearest first. Replaces InstancedMesh.raycast.
 */
import { Vector3, type Intersection, type Object3D, type Ray, type Raycaster } from 'three';
import type { SceneLayout } from './sceneLayout';

const _point = new Vector3();

/** Slab test: entry and exit distances of a ray through an axis-aligned box, or null. */
function slab(ray: Ray, x0: number, y0: number, z0: number, x1: number, y1: number, z1: number): [number, number] | null {
  let tmin = -Infinity, tmax = Infinity;
  const o = ray.origin, d = ray.direction;
  const axes: [number, number, number, number][] = [[o.x, d.x, x0, x1], [o.y, d.y, y0, y1], [o.z, d.z, z0, z1]];
  for (const [oo, dd, lo, hi] of axes) {
    if (Math.abs(dd) < 1e-12) {
      if (oo < lo || oo > hi) return null;
      continue;
    }
    let a = (lo - oo) / dd, b = (hi - oo) / dd;
    if (a > b) [a, b] = [b, a];
    tmin = Math.max(tmin, a);
    tmax = Math.min(tmax, b);
    if (tmin > tmax) return null;
  }
  return tmax < 0 ? null : [Math.max(tmin, 0), tmax];
}

/** The nearest rack the ray hits: its index and distance. */
export function pickRack(scene: SceneLayout, ray: Ray): { index: number; distance: number } | null {
  let best: { index: number; distance: number } | null = null;
  for (const b of scene.blocks) {
    const span = slab(ray, b.x0, 0, b.z0, b.x0 + b.slots.length * b.pitch, b.height, b.z1);
    if (!span || (best && span[0] >= best.distance)) continue;
    const xa = ray.origin.x + ray.direction.x * span[0], xb = ray.origin.x + ray.direction.x * span[1];
    const sa = Math.floor((xa - b.x0) / b.pitch), sb = Math.floor((xb - b.x0) / b.pitch);
    const step = sb >= sa ? 1 : -1;
    for (let s = sa, k = 0; k < 512; s += step, k++) {
      const i = s >= 0 && s < b.slots.length ? b.slots[s]! : -1;
      if (i >= 0) {
        const hw = scene.rackW[i]! / 2, hd = scene.rackD[i]! / 2;
        const hit = slab(ray, scene.rackX[i]! - hw, 0, scene.rackZ[i]! - hd, scene.rackX[i]! + hw, scene.rackH[i]!, scene.rackZ[i]! + hd);
        if (hit && (!best || hit[0] < best.distance)) { best = { index: i, distance: hit[0] }; break; }
      }
      if (s === sb) break;
    }
  }
  return best;
}

/** A raycast method for the racks' InstancedMesh that reports instanceId like three's own. */
export function rackRaycast(scene: SceneLayout) {
  return function raycast(this: Object3D, raycaster: Raycaster, intersects: Intersection[]): void {
    const hit = pickRack(scene, raycaster.ray);
    if (!hit || hit.distance < raycaster.near || hit.distance > raycaster.far) return;
    raycaster.ray.at(hit.distance, _point);
    intersects.push({ distance: hit.distance, point: _point.clone(), object: this, instanceId: hit.index });
  };
}
