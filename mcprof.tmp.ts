import { readFileSync } from 'node:fs';
import { loadText } from '/work/wt-mc/sim/api';
import { Simulation } from '/work/wt-mc/sim/run/simulation';
import { compileModel } from '/work/wt-mc/sim/model/model';
const r = loadText(readFileSync('/work/wt-mc/models/availability-hall.yaml','utf8'), 'a.yaml');
if (!r.ok) throw new Error('x');
for (let seed = 1; seed <= 10; seed++) { const sim = Simulation.fromScenario(r.scenario, { seed }); sim.runTo(sim.end); }
let tc = 0, tr = 0; const N = 40; const c0 = process.cpuUsage();
for (let seed = 11; seed <= 10 + N; seed++) { const t0 = performance.now(); const c = compileModel(r.scenario, { seed }); if (!c.ok) throw 0; const sim = new Simulation(c.model); const t1 = performance.now(); sim.runTo(sim.end); tr += performance.now() - t1; tc += t1 - t0; }
console.log("compile+setup ms", tc / N, "run ms", tr / N, "cpu ms per year", (process.cpuUsage(c0).user) / 1000 / N);
