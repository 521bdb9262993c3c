/**
 * hall-day: 24 simulated hours of the 1,024-rack AI hall with a utility loss (generators pick up,
 * chillers restart), a CDU pump failure and a second one; the same day with the hall zoned by row
 * (hall-day-zoned: 64 air zones, fan walls serving groups of rows, rear doors on one group); and the
 * same day across hall sizes (hall-scaling, 128 … 4,096 racks) to show cost growing linearly with racks.
 */
import { validateScenarioData } from '../../sim/scenario/load';
import { Simulation } from '../../sim/run/simulation';
import { largeHall } from './hall-generator';
import type { BenchRecord } from './registry';

/** Rows per fan-wall group in the zoned variant: each fan wall serves the rows of one group. */
const ZONE_GROUP = 8;

/**
 * The same hall zoned by row (hall-day-zoned): hot-aisle containment on every row, each fan wall serving
 * one group of eight rows, and the last group's racks with rear doors for their residual air heat.
 */
export function zonedHall(racks: number): Record<string, unknown> {
  const s = largeHall(racks) as { hall: { rows: Record<string, unknown>[]; crahs: Record<string, unknown>[] }; rack_types: Record<string, Record<string, unknown>> };
  const rows = s.hall.rows, groups = Math.ceil(rows.length / ZONE_GROUP);
  const lastGroup = (groups - 1) * ZONE_GROUP;
  s.rack_types['nvl72-door'] = { ...s.rack_types['nvl72'], door: { capacity: '20 kW' } };
  rows.forEach((r, i) => { r['containment'] = 'hot_aisle'; if (i >= lastGroup && groups > 1) r['type'] = 'nvl72-door'; });
  s.hall.crahs.forEach((c, i) => {
    const g = i % groups;
    c['serves'] = rows.slice(g * ZONE_GROUP, (g + 1) * ZONE_GROUP).map((r) => r['id']);
  });
  return s;
}

function scenarioFor(racks: number, zoned = false) {
  const res = validateScenarioData(zoned ? zonedHall(racks) : largeHall(racks), undefined, 'yaml');
  if (!res.ok) throw new Error(`generated hall of ${racks} racks is invalid: ${JSON.stringify(res.errors.slice(0, 3))}`);
  return res.scenario;
}

function day(racks: number, repeats: number, zoned = false): BenchRecord {
  const scenario = scenarioFor(racks, zoned);
  // Warm-up: a short run so the timed one measures steady code, not the JIT.
  Simulation.fromScenario(scenario, { until: 4 * 3600 }).runTo(4 * 3600);
  let best = Infinity, bestCpu = Infinity, sim: Simulation | null = null;
  for (let i = 0; i < repeats; i++) {
    const s = Simulation.fromScenario(scenario, {});
    const t0 = performance.now(), cpu0 = process.cpuUsage();
    s.runTo(86_400);
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1e6);
    if (wall < best) { best = wall; sim = s; }
  }
  return {
    racks, sim_s: 86_400, wall_s: Number(best.toFixed(4)), cpu_s: Number(bestCpu.toFixed(4)),
    events_processed: sim!.kernel.eventsProcessed, steps: sim!.steps, retakes: sim!.retakes,
    sim_s_per_wall_s: Math.round(86_400 / best),
  };
}

export function benchHallDay(flags: Readonly<Record<string, string>>): BenchRecord {
  return { bench: 'hall-day', ...day(Number(flags['racks'] ?? 1024), Number(flags['repeats'] ?? 3)) };
}

export function benchHallDayZoned(flags: Readonly<Record<string, string>>): BenchRecord {
  return { bench: 'hall-day-zoned', ...day(Number(flags['racks'] ?? 1024), Number(flags['repeats'] ?? 3), true) };
}

export function benchHallScaling(flags: Readonly<Record<string, string>>): BenchRecord[] {
  const sizes = (flags['sizes'] ?? '128,256,512,1024,2048,4096').split(',').map(Number);
  return sizes.map((n) => {
    const r = day(n, 1);
    return { bench: 'hall-scaling', ...r, wall_us_per_rack_hour: Number(((r.wall_s as number) * 1e6 / (n * 24)).toFixed(2)) };
  });
}
