/** Each built-in model's run against the golden results beside it (see golden-files.ts; `npm run golden` to accept a change). */
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { modelNames, runModel, goldenPath, differences } from './golden-files';

describe('built-in models match their golden results', () => {
  for (const name of modelNames()) {
    it(name, () => {
      expect(existsSync(goldenPath(name)), `models/golden/${name}.json is missing: run \`npm run golden ${name}\` and review it`).toBe(true);
      const golden = JSON.parse(readFileSync(goldenPath(name), 'utf8'));
      expect(differences(golden, runModel(name)), 'results moved; if intended, `npm run golden` and review the diff').toEqual([]);
    }, 60_000);
  }
  it('a moved result is reported with its path', () => {
    expect(differences({ kpis: { pue: 1.2, racks_tripped: 0 } }, { kpis: { pue: 1.2000001, racks_tripped: 1 } })).toEqual(['kpis.racks_tripped: 0 → 1']);
    expect(differences({ a: [1, 2] }, { a: [1, 2.5] })).toEqual(['a.1: 2 → 2.5']);
  });
});
