/**
 * year-20: a plain simulated year of a 20-rack DLC hall with random rack failures (MTBF 2,000 h, MTTR
 * 8 h, about 90 failures and repairs): the unit of work of a Monte Carlo availability study, which is
 * mostly settling after events and skipping steady stretches. Steps and wall time, best of `--repeats`.
 */
import { loadText } from '../../sim/api';
import { Simulation } from '../../sim/run/simulation';
import type { BenchRecord } from './registry';

const YEAR = `version: 1
name: a plain year, 20 racks, random rack failures
seed: 3
duration: 365 days
rack_types: { r: { power: 120 kW, idle_power: 30 kW, gpus: 72, cooling: dlc, load: 0.8 } }
hall:
  rows:
    - { id: row-A, type: r, cdu: cdu-A, count: 10 }
    - { id: row-B, type: r, cdu: cdu-B, count: 10 }
  crahs: [ { id: crah-1, capacity: 500 kW } ]
cdus: [ { id: cdu-A, pumps: { count: 2, required: 1 } }, { id: cdu-B, pumps: { count: 2, required: 1 } } ]
plant: { chillers: [ { id: ch-1, capacity: 2 MW }, { id: ch-2, capacity: 2 MW } ] }
reliability:
  - { target: rack, mtbf: 2000 h, mttr: 8 h }
`;

export function benchYear(flags: Readonly<Record<string, string>>): BenchRecord {
  const r = loadText(YEAR, 'year.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  let best = Infinity, steps = 0, events = 0;
  for (let i = 0; i < Number(flags['repeats'] ?? 3); i++) {
    const sim = Simulation.fromScenario(r.scenario, {});
    const t0 = performance.now();
    sim.runTo(sim.end);
    const wall = (performance.now() - t0) / 1000;
    if (wall < best) { best = wall; steps = sim.steps; events = sim.kernel.eventsProcessed; }
  }
  return { bench: 'year-20', racks: 20, sim_s: 365 * 86_400, wall_s: Number(best.toFixed(4)), steps, events_processed: events, steps_per_event: Math.round(steps / Math.max(1, events)) };
}
