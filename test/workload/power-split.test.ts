/**
 * Rack power by part: power = idle + (power − idle)·Σ share·utilisation over GPU, CPU, memory and network.
 * One 100 kW rack (20 kW idle) carrying one job on all its GPUs, power read at the end of the run (steady:
 * nothing changes after t = 0), to 1 W (the report rounds kW to 3 decimals).
 */
import { describe, it, expect } from 'vitest';
import { loadText, runScenario } from '../../sim/api';
import { hallYaml } from './hall';

const SPLIT = 'power_split: { gpu: 60 %, cpu: 20 %, memory: 10 %, network: 10 % }';

function rackKw(job: string, split = '') {
  const text = hallYaml(1, `jobs: [ ${job} ]`).replace('duration: 48 h', 'duration: 1 h').replace('cooling: dlc }', `cooling: dlc${split ? `, ${split}` : ''} }`);
  const r = loadText(text, 's.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return runScenario(r.scenario, {}).report.final['row-A-01']!.power_kw as number;
}

const JOB = '{ id: j, kind: batch, gpus: 72, utilisation: 0.9, duration: 30 days';

describe('power split per rack type', () => {
  it('each part draws its share times its own utilisation: 20 + 80·(0.6·0.9 + 0.2·0.5 + 0.1·0.3 + 0.1·0.9) = 80.8 kW', () => {
    expect(rackKw(`${JOB}, components: { cpu: 0.5, memory: 0.3 } }`, SPLIT)).toBeCloseTo(80.8, 3);
  });

  it('defaults give today\'s single load exactly: no split, or no job components, is 20 + 80·0.9 = 92 kW', () => {
    expect(rackKw(`${JOB} }`)).toBeCloseTo(92, 3);
    expect(rackKw(`${JOB} }`, SPLIT)).toBeCloseTo(92, 3); // parts follow the GPU utilisation
    expect(rackKw(`${JOB}, components: { cpu: 0.5, memory: 0.3 } }`)).toBeCloseTo(92, 3); // no split: the GPU part is the whole
  });

  it('shares must sum to 1', () => {
    const r = loadText(hallYaml(1, 'jobs: []').replace('cooling: dlc }', 'cooling: dlc, power_split: { gpu: 0.7, cpu: 0.2 } }'), 's.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([{ path: 'rack_types.r.power_split', message: 'expected shares that sum to 1 (100 %), found 0.9' }]);
  });
});
