/**
 * The scene's bounds (what "Fit hall" frames) hold every rack and every piece of equipment: the large
 * hall's plant yard is wider than the hall, and its east end was left out of view.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { loadText } from '../../sim/api';
import { buildSceneLayout, RACK, ROW_PITCH } from '../../src/twin/sceneLayout';
import type { RawObject } from '../../src/scenario/raw';

describe('scene layout bounds', () => {
  for (const model of ['dlc-hall', 'ai-hall-1024', 'utility-loss-pumps-on-ups', 'expansion-hall']) {
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
      for (let p = 0; p < scene.spareX.length; p++) expect(inside(scene.spareX[p]!, scene.spareZ[p]!, RACK.w, RACK.d), v.layout.spares[p]!.id).toBe(true);
    });
  }

  it('expansion-hall: spare positions continue their rows, the empty row\'s CDU stands at that row', () => {
    const text = readFileSync(new URL('../../models/expansion-hall.yaml', import.meta.url), 'utf8');
    const v = loadText(text, 'expansion-hall.yaml');
    if (!v.ok) throw new Error('does not load');
    const scene = buildSceneLayout(v.layout, parse(text) as RawObject);
    const at = (id: string) => { const i = v.layout.spares.findIndex((p) => p.id === id); return [scene.spareX[i], scene.spareZ[i]]; };
    const rack = (id: string) => { const i = v.layout.racks.findIndex((r) => r.id === id); return [scene.rackX[i], scene.rackZ[i]]; };
    // row-A-09 is the next position after row-A-08, in the same row.
    expect(at('row-A-09')[0]! - rack('row-A-08')[0]!).toBeCloseTo(RACK.w, 5);
    expect(at('row-A-09')[1]).toBeCloseTo(rack('row-A-08')[1]!, 5);
    // row-C (no racks) is the third row, one row pitch past row-B; its CDU stands at its west end.
    expect(at('row-C-01')[1]! - rack('row-B-01')[1]!).toBeCloseTo(ROW_PITCH, 5);
    const cduC = scene.equipment.find((e) => e.id === 'cdu-C')!;
    expect(cduC.box.z).toBeCloseTo(at('row-C-01')[1]!, 5);
    expect(cduC.box.x).toBeLessThan(0);
  });
});
