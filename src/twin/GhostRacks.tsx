/**
 * Ghost racks of the headroom view: translucent racks at the spare positions the answer fills, and fainter
 * outlines at the spare positions it leaves out. Two InstancedMeshes (one draw call each, however many
 * positions); not pickable, so they never hide a real rack from the pointer.
 */
import { useEffect, useMemo } from 'react';
import { useThree } from '@react-three/fiber';
import { InstancedMesh, Matrix4, Vector3, Quaternion, MeshLambertMaterial, MeshBasicMaterial } from 'three';
import type { SceneLayout } from './sceneLayout';
import { RACK } from './sceneLayout';
import { unitBox } from './materials';
import type { GhostPlan } from './ghosts';
import { stats } from './stats';

const _matrix = new Matrix4();
const _position = new Vector3();
const _scale = new Vector3();
const _identity = new Quaternion();

const addedMaterial = new MeshLambertMaterial({ color: '#5fd3a8', emissive: '#1d6b54', transparent: true, opacity: 0.55, depthWrite: false });
const leftMaterial = new MeshBasicMaterial({ color: '#8c96a1', transparent: true, opacity: 0.14, depthWrite: false });

function ghosts(scene: SceneLayout, indices: readonly number[], material: MeshLambertMaterial | MeshBasicMaterial, height: number, name: string): InstancedMesh {
  const m = new InstancedMesh(unitBox, material, Math.max(indices.length, 1));
  m.count = indices.length;
  indices.forEach((p, k) => {
    _position.set(scene.spareX[p]!, height / 2, scene.spareZ[p]!);
    _scale.set(RACK.w - RACK.gap * 3, height, RACK.d - RACK.gap * 3);
    m.setMatrixAt(k, _matrix.compose(_position, _identity, _scale));
  });
  m.instanceMatrix.needsUpdate = true;
  m.frustumCulled = false;
  m.raycast = () => {};
  m.renderOrder = 1; // after the opaque racks, so they show through
  m.name = name;
  return m;
}

export function GhostRacks({ scene, plan }: { scene: SceneLayout; plan: GhostPlan }) {
  const invalidate = useThree((s) => s.invalidate);
  const [added, left] = useMemo(() => [
    ghosts(scene, plan.added, addedMaterial, RACK.h, 'ghost-racks'),
    ghosts(scene, plan.left, leftMaterial, RACK.h * 0.15, 'spare-positions'),
  ], [scene, plan]);
  useEffect(() => {
    stats.ghostRacks = added.count;
    stats.sparePositions = left.count;
    invalidate();
    return () => { added.dispose(); left.dispose(); stats.ghostRacks = 0; stats.sparePositions = 0; };
  }, [added, left, invalidate]);
  return (
    <>
      <primitive object={added} />
      <primitive object={left} />
    </>
  );
}
