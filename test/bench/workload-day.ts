/**
 * workload-day: a day of 86,400 drawn jobs on the 1,024-rack AI hall (73,728 GPUs) — one job a second on
 * average, sizes log-uniform 8–576 GPUs in whole nodes of 8, work log-normal with a 6 min mean (about two
 * thirds of the hall busy on average), with the hall's utility loss and CDU pump events. Measures the
 * scheduler and per-step workload cost at the scale a file no longer lists (docs/benchmarks.md).
 * `--workload-hours H` times only the first H hours of the same day (the full day takes minutes).
 */
import { validateScenarioData } from '../../sim/scenario/load';
import { Simulation } from '../../sim/run/simulation';
import { largeHall } from './hall-generator';
import type { BenchRecord } from './registry';

export function dayOfJobs(racks = 1024): Record<string, unknown> {
  const raw = largeHall(racks);
  raw['workload'] = {
    arrivals: [{
      id: 'job', kind: 'batch',
      // Poisson with a mean gap of 0.98 s: 88,000 expected in the day, so max_jobs (86,400) is reached.
      every: '0.98 s', max_jobs: 86_400,
      gpus: { dist: 'log_uniform', min: 8, max: 576 }, gpus_multiple: 8,
      duration: { dist: 'log_normal', mean: '6 min', sd: '12 min' },
    }],
  };
  return raw;
}

export function benchWorkloadDay(flags: Readonly<Record<string, string>>): BenchRecord {
  const racks = Number(flags['racks'] ?? 1024);
  const hours = Number(flags['workload-hours'] ?? 24);
  if (!(hours > 0 && hours <= 24)) throw new Error(`--workload-hours must be in (0, 24], got "${flags['workload-hours']}"`);
  const simS = hours * 3600;
  const res = validateScenarioData(dayOfJobs(racks), undefined, 'yaml');
  if (!res.ok) throw new Error(JSON.stringify(res.errors.slice(0, 3)));
  // Warm-up on two hours, then the timed day.
  Simulation.fromScenario(res.scenario, { until: 2 * 3600 }).runTo(2 * 3600);
  const t0 = performance.now(), cpu0 = process.cpuUsage();
  const sim = Simulation.fromScenario(res.scenario, {});
  const compiled = performance.now();
  sim.runTo(simS);
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const wl = sim.workload!;
  return {
    bench: 'workload-day', racks, sim_s: sim.now, jobs: wl.jobs.length, completed: wl.acc.completed,
    wall_s: Number(wall.toFixed(3)), cpu_s: Number(((cpu.user + cpu.system) / 1e6).toFixed(3)), compile_s: Number(((compiled - t0) / 1000).toFixed(3)),
    events_processed: sim.kernel.eventsProcessed, steps: sim.steps,
    gpu_utilisation: Number((wl.acc.gpuSecondsAllocated / (wl.totalGpus * sim.now)).toFixed(4)),
    mean_queue_s: Number((wl.acc.queueWaits.reduce((a, b) => a + b, 0) / Math.max(1, wl.acc.queueWaits.length)).toFixed(1)),
  };
}
