/**
 * The scene's bounds (what "Fit hall" frames) hold every rack and every piece of equipment: the large
 * hall's plant yard is wider than the hall, and its east end was left out of view.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { loadText } from '../../sim/api';
import { buildSceneLayout } from '../../src/twin/sceneLayout';
import type { RawObject } from '../../src/scenario/raw';

describe('scene layout bounds', () => {
  for (const model of ['dlc-hall', 'ai-hall-1024', 'utility-loss-pumps-on-ups']) {
    it(`${model}: every rack and unit lies inside the bounds`, () => {
      const text = readFileSync(new URL(`../../models/${model}.yaml`, import.meta.url), 'utf8');
      const v = loadText(text, `${model}.yaml`);
      if (!v.ok) throw new Error(`${model} does not load`);
      const scene = buildSceneLayout(v.layout, parse(text) as RawObject);
      const { min, max } = scene.bounds;
      const inside = (x: number, z: number, w: number, d: number) =>
        x - w / 2 >= min[0] - 1e-6 && x + w / 2 <= max[0] + 1e-6 && z - d / 2 >= min[2] - 1e-6 && z + d / 2 <= max[2] + 1e-6;
      for (const e of scene.equipment) expect(inside(e.box.x, e.box.z, e.box.w, e.box.d), e.id).toBe(true);
      for (let r = 0; r < scene.rackX.length; r++) expect(inside(scene.rackX[r]!, scene.rackZ[r]!, scene.rackW[r]!, scene.rackD[r]!)).toBe(true);
    });
  }
});
