/** The engine stays free of the UI, and runs are deterministic. */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createRun, loadText, runScenario } from '../../sim/api';

const SIM = new URL('../../sim/', import.meta.url).pathname;
const files = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? files(join(d, f)) : f.endsWith('.ts') ? [join(d, f)] : []));

describe('sim/ is a plain engine', () => {
  it('imports nothing from the DOM, React or three; node built-ins only in the CLI', () => {
    const allowed = new Set(['zod', 'yaml', 'mathjs', 'commander']);
    const stdlibMath = /^@stdlib\/math-base-special-[a-z0-9]+$/; // deterministic elementary functions, in kernel/math.ts only
    for (const f of files(SIM)) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
        const spec = m[1]!;
        if (spec.startsWith('.')) continue;
        if (spec.startsWith('node:')) expect(f, `${spec} in ${f}`).toMatch(/\/sim\/cli\//);
        else if (stdlibMath.test(spec)) expect(f, `${spec} in ${f}`).toMatch(/\/sim\/kernel\/math\.ts$/);
        else expect(allowed.has(spec), `${spec} in ${f}`).toBe(true);
      }
      expect(/^(?!\s*(\/\/|\*)).*\b(document|window|localStorage|HTMLElement)\.\w/m.test(src), f).toBe(false);
    }
  });
});

const scenario = (extra = '') => {
  const r = loadText(`version: 1
name: determinism
seed: 5
duration: 48 h
rack_types: { r: { power: 120 kW, load: "0.7 + 0.2*sin(2*pi*t/86400)" } }
hall:
  rows: [ { id: row-A, type: r, cdu: cdu-A, count: 4 }, { id: row-B, type: r, cdu: cdu-B, count: 4 } ]
  crahs: [ { id: crah-1, capacity: 200 kW } ]
cdus: [ { id: cdu-A, pumps: { count: 2, required: 1 } }, { id: cdu-B, pumps: { count: 2, required: 1 } } ]
plant:
  chillers: [ { id: ch-1, capacity: 1.2 MW }, { id: ch-2, capacity: 1.2 MW } ]
reliability:
  - { target: pump, mtbf: 20 h, mttr: 2 h }
  - { target: chiller, mtbf: 30 h, mttr: 1 h }
${extra}`, 'd.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
};

describe('determinism', () => {
  it('the same scenario and seed give an identical report', () => {
    const a = runScenario(scenario(), { probes: ['row-A-01.temperature'] }).report;
    const b = runScenario(scenario(), { probes: ['row-A-01.temperature'] }).report;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.alarms.some((x) => x.kind === 'pump_failure')).toBe(true);
  });
  it('results do not depend on how a host slices the run', () => {
    const one = runScenario(scenario(), { probes: ['row-A-01.temperature'] }, undefined, 1).report;
    const many = runScenario(scenario(), { probes: ['row-A-01.temperature'] }, undefined, 137).report;
    expect(JSON.stringify(many)).toBe(JSON.stringify(one));
  });
  it('another seed gives another failure history', () => {
    const a = runScenario(scenario(), {}).report;
    const b = runScenario(scenario(), { seed: 6 }).report;
    expect(JSON.stringify(a.alarms)).not.toBe(JSON.stringify(b.alarms));
  });
  it('adding a scheduled event does not shift the random failures of other units', () => {
    const pumpAlarms = (rep: { alarms: { kind: string; component: string; t_s: number }[] }) => rep.alarms.filter((x) => x.kind === 'pump_failure').map((x) => `${x.component}@${x.t_s}`);
    const a = runScenario(scenario(), {}).report;
    const b = runScenario(scenario('events: [ { at: 10 h, set: cdu-A.supply_setpoint, value: 31 degC } ]'), {}).report;
    expect(pumpAlarms(b)).toEqual(pumpAlarms(a));
  });
  it('energy is conserved to rounding on every run', () => {
    const rep = runScenario(scenario(), {}).report;
    expect(rep.energy_balance.error_rel).toBeLessThan(1e-9);
  });
});

describe('frames carry equipment state', () => {
  it('shows the utility loss: pumps unpowered, UPS on battery, chillers restarting, then all back', () => {
    const text = readFileSync(new URL('../../models/utility-loss-pumps-off-ups.yaml', import.meta.url), 'utf8');
    const r = loadText(text, 'u.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const { frames: f, layout } = runScenario(r.scenario, { frameInterval: 10 });
    const at = (t: number) => Math.round(t / f.interval);
    const ups = layout.power.findIndex((p) => p.id === 'ups-A'), gen = layout.power.findIndex((p) => p.id === 'gen-A');
    const P = f.equipment.power;
    // 3600 s: utility lost; generators close at 3630 s; chillers cool again 90 s later.
    expect(f.cduState[at(3610) * f.cdus]).toBe(3);
    expect(f.powerState[at(3610) * P + ups]).toBe(1);
    expect(f.chillerState[at(3610) * f.equipment.chillers]).toBe(3);
    expect(f.cduState[at(3650) * f.cdus]).toBe(0);
    expect(f.powerState[at(3650) * P + gen]).toBe(1);
    expect(f.chillerState[at(3700) * f.equipment.chillers]).toBe(1);
    expect(f.chillerState[at(3800) * f.equipment.chillers]).toBe(0);
    expect(f.powerState[at(3000) * P + ups]).toBe(0);
  });
});

describe('frames for the 3D view', () => {
  it('sit on their own grid (i · interval), whatever the step length — never at probe-sample times', () => {
    // Steps may now span many frames; a frame captured at a sample time shifted the grid the page steps through.
    const r = loadText(readFileSync(new URL('../../models/dlc-hall.yaml', import.meta.url), 'utf8'), 'dlc-hall.yaml');
    if (!r.ok) throw new Error('dlc-hall does not load');
    const iv = 86_400 / 1999;
    const run = createRun(r.scenario, { frameInterval: iv });
    run.advanceTo(86_400);
    const f = run.frames;
    expect(f.count).toBe(2000);
    for (let i = 0; i < f.count; i++) expect(Math.abs(f.t[i]! - i * iv)).toBeLessThan(1e-6);
  });
});
