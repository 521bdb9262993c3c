/**
 * The static hall: floor with raised-floor tiles, cold and hot aisles, perimeter curbs, the plant yard
 * pad. One merged geometry with vertex colours: one draw call whatever the hall's size.
 */
import { useEffect, useMemo } from 'react';
import { BufferGeometry, Float32BufferAttribute, MeshLambertMaterial, Color, type WebGLProgramParametersWithUniforms } from 'three';
import type { SceneLayout, Area } from './sceneLayout';

const _color = new Color();

/** Appends an axis-aligned box (36 vertices, flat normals) to the arrays. */
function pushBox(pos: number[], nor: number[], col: number[], x0: number, y0: number, z0: number, x1: number, y1: number, z1: number, hex: string): void {
  _color.set(hex);
  const faces: [number[], number[][]][] = [
    [[0, 1, 0], [[x0, y1, z0], [x0, y1, z1], [x1, y1, z1], [x1, y1, z0]]],
    [[0, -1, 0], [[x0, y0, z0], [x1, y0, z0], [x1, y0, z1], [x0, y0, z1]]],
    [[1, 0, 0], [[x1, y0, z0], [x1, y1, z0], [x1, y1, z1], [x1, y0, z1]]],
    [[-1, 0, 0], [[x0, y0, z0], [x0, y0, z1], [x0, y1, z1], [x0, y1, z0]]],
    [[0, 0, 1], [[x0, y0, z1], [x1, y0, z1], [x1, y1, z1], [x0, y1, z1]]],
    [[0, 0, -1], [[x0, y0, z0], [x0, y1, z0], [x1, y1, z0], [x1, y0, z0]]],
  ];
  for (const [n, q] of faces) {
    for (const k of [0, 1, 2, 0, 2, 3]) {
      pos.push(...q[k]!);
      nor.push(...n);
      col.push(_color.r, _color.g, _color.b);
    }
  }
}

const FLOOR = '#2b3138';
const COLD = '#23384a';
const HOT = '#3d2f2a';
const CURB = '#4a525c';
const YARD = '#262a2e';

function buildShell(scene: SceneLayout): BufferGeometry {
  const pos: number[] = [], nor: number[] = [], col: number[] = [];
  const slab = (a: Area, y: number, hex: string) => pushBox(pos, nor, col, a.x0, y - 0.05, a.z0, a.x1, y, a.z1, hex);
  const h = scene.hall;
  slab(h, 0, FLOOR);
  for (const a of scene.aisles) slab(a, 0.004, a.cold ? COLD : HOT);
  if (scene.yard.x1 > scene.yard.x0) slab(scene.yard, -0.02, YARD);
  const t = 0.2, ch = 0.45;
  pushBox(pos, nor, col, h.x0 - t, 0, h.z0 - t, h.x1 + t, ch, h.z0, CURB);
  pushBox(pos, nor, col, h.x0 - t, 0, h.z1, h.x1 + t, ch, h.z1 + t, CURB);
  pushBox(pos, nor, col, h.x0 - t, 0, h.z0, h.x0, ch, h.z1, CURB);
  pushBox(pos, nor, col, h.x1, 0, h.z0, h.x1 + t, ch, h.z1, CURB);
  const g = new BufferGeometry();
  g.setAttribute('position', new Float32BufferAttribute(pos, 3));
  g.setAttribute('normal', new Float32BufferAttribute(nor, 3));
  g.setAttribute('color', new Float32BufferAttribute(col, 3));
  g.computeBoundingSphere();
  return g;
}

/** 600 mm raised-floor tiles drawn from world position, only on upward faces near the floor. */
function withTiles(shader: WebGLProgramParametersWithUniforms): void {
  shader.vertexShader = shader.vertexShader
    .replace('#include <common>', '#include <common>\nvarying vec3 vWorld;')
    .replace('#include <begin_vertex>', '#include <begin_vertex>\nvWorld = (modelMatrix * vec4(position, 1.0)).xyz;');
  shader.fragmentShader = shader.fragmentShader
    .replace('#include <common>', '#include <common>\nvarying vec3 vWorld;')
    .replace('#include <color_fragment>', `#include <color_fragment>
      vec2 tile = abs(fract(vWorld.xz / 0.6 + 0.5) - 0.5) * 0.6;
      float line = 1.0 - smoothstep(0.006, 0.014, min(tile.x, tile.y));
      if (vWorld.y < 0.01 && vWorld.y > -0.01) diffuseColor.rgb *= 1.0 - 0.25 * line;`);
}

const shellMaterial = new MeshLambertMaterial({ vertexColors: true });
shellMaterial.onBeforeCompile = withTiles;
shellMaterial.customProgramCacheKey = () => 'dctwin-shell-tiles';

export function HallShell({ scene }: { scene: SceneLayout }) {
  const geometry = useMemo(() => buildShell(scene), [scene]);
  useEffect(() => () => geometry.dispose(), [geometry]);
  return <mesh geometry={geometry} material={shellMaterial} raycast={() => null} />;
}
