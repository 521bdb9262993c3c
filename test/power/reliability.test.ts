/** Random failures reach the power chain too: utilities, generators and UPS modules by class. */
import { describe, it, expect } from 'vitest';
import { loadText, runScenario } from '../../sim/api';

const text = (rel: string) => `version: 1
name: power reliability
seed: 11
duration: 30 days
solver: { record_interval: 1 h }
rack_types: { r: { power: 50 kW, cooling: air, gpus: 8 } }
hall:
  rows: [ { id: row-A, type: r, count: 2 } ]
  crahs: [ { id: crah-1, capacity: 150 kW } ]
plant: { chillers: [ { id: ch-1, capacity: 500 kW } ] }
power:
  utilities: [ { id: grid } ]
  generators: [ { id: gen, capacity: 1 MW } ]
  buses: [ { id: msb, sources: [grid, gen] } ]
  ups: [ { id: ups, bus: msb, modules: 3, required: 2, module_rating: 100 kW, battery: 40 kWh } ]
  feeds: [ { loads: [racks], a: ups } ]
reliability:
${rel}
`;

describe('random failures of the power chain', () => {
  it('utility outages happen at the sampled rate and the generator picks up', () => {
    const r = loadText(text('  - { target: utility, mtbf: 72 h, mttr: 2 h }'), 'r.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const rep = runScenario(r.scenario, {}).report;
    const losses = rep.alarms.filter((a) => a.kind === 'utility_loss').length;
    // Poisson with mean ≈ 30 d / 74 h ≈ 9.7: a 4σ band.
    expect(losses).toBeGreaterThanOrEqual(2);
    expect(losses).toBeLessThanOrEqual(23);
    expect(rep.alarms.filter((a) => a.kind === 'generator_online').length).toBe(losses);
    expect(rep.alarms.some((a) => a.kind === 'rack_power_loss')).toBe(false);
  });
  it('each UPS module fails on its own stream', () => {
    const r = loadText(text('  - { target: ups_module, mtbf: 200 h, mttr: 24 h }'), 'r.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const times = runScenario(r.scenario, {}).report.alarms.filter((a) => a.kind === 'ups_module_failure').map((a) => a.t_s);
    expect(times.length).toBeGreaterThan(1);
    expect(new Set(times).size).toBe(times.length);
  });
});
