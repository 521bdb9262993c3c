/**
 * The small hall the power tests run: two 100 kW DLC racks (idle 20 kW) on one CDU, a CRAH and a chiller, with
 * the power chain, events and extra top-level sections each test states. Only the racks hang on the chain
 * unless a test's feeds say otherwise, so a bus or UPS carries exactly the racks' power.
 */
import { loadText, runScenario } from '../../sim/api';

export interface HallOptions {
  /** Lines under `power:` (indented two spaces). */
  power: string;
  /** Lines under `events:` (default none). */
  events?: string;
  duration?: string;
  /** The rack type's fields. */
  rack?: string;
  /** More top-level sections (workload, solver). */
  extra?: string;
  probes?: string[];
}

/** The hall's scenario text (also the physics page's power-chain checks: test/physics/checks.ts). */
export function powerHallText(o: HallOptions): string {
  return `version: 1
name: power test
duration: ${o.duration ?? '2 h'}
rack_types: { r: { ${o.rack ?? 'power: 100 kW, idle_power: 20 kW, gpus: 8, cooling: dlc, load: 1'} } }
hall:
  rows: [ { id: row-A, type: r, cdu: cdu-A, count: 2 } ]
  crahs: [ { id: crah-1, capacity: 100 kW } ]
cdus: [ { id: cdu-A } ]
plant:
  chillers: [ { id: ch-1, capacity: 1 MW } ]
power:
${o.power}
events:
${o.events ?? '  []'}
${o.extra ?? ''}`;
}

export function runHall(o: HallOptions) {
  const r = loadText(powerHallText(o), 'p.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return runScenario(r.scenario, { probes: o.probes ?? [] }).report;
}
