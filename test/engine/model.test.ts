/**
 * The compiled model (sim/model/model.ts): one compile serves validation, the API, the CLI and the run.
 * It says what the analyses need (failable units with their class, the layout, the power-chain order),
 * reports every cross-reference problem with its field path, and is one run's state: claimed once.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadScenarioText } from '../../sim/scenario/load';
import { compileModel, loadModelText, type Model } from '../../sim/model/model';
import { Simulation } from '../../sim/run/simulation';
import { buildReport } from '../../sim/run/report';
import { runScenario } from '../../sim/api';

const text = readFileSync(new URL('../../models/utility-loss-pumps-on-ups.yaml', import.meta.url), 'utf8');

function model(): Model {
  const r = loadModelText(text, 'm.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.model;
}

describe('compiled model: what it exposes', () => {
  it('lists every failable unit once with its reliability class', () => {
    const m = model();
    const byClass = (cls: string) => m.failable.filter((u) => u.cls === cls).map((u) => u.id);
    expect(byClass('chiller')).toEqual(['chiller-1', 'chiller-2', 'chiller-3']);
    expect(byClass('utility')).toEqual(['utility-A', 'utility-B']);
    expect(byClass('generator')).toEqual(['gen-A', 'gen-B']);
    // UPS modules share their UPS's id for events; each has its own random stream name.
    expect(byClass('ups_module')).toEqual(['ups-A.module1', 'ups-A.module2', 'ups-A.module3', 'ups-B.module1', 'ups-B.module2', 'ups-B.module3']);
    expect(new Set(m.failable.map((u) => u.id)).size).toBe(m.failable.length);
    for (const [cls, units] of m.units.byClass) for (const u of units) expect(u.cls).toBe(cls);
  });

  it('has one power-chain order: sources, buses, UPS, distribution, each in file order; the layout draws it', () => {
    const m = model();
    expect(m.powerOrder.map((e) => `${e.kind}:${e.id}<${e.parent ?? ''}`)).toEqual([
      'utility:utility-A<', 'utility:utility-B<', 'generator:gen-A<', 'generator:gen-B<',
      'bus:msb-A<', 'bus:msb-B<', 'ups:ups-A<msb-A', 'ups:ups-B<msb-B',
      'distribution:busway-A1<ups-A', 'distribution:busway-A2<ups-A', 'distribution:busway-B1<ups-B', 'distribution:busway-B2<ups-B',
      'distribution:mcc-A<msb-A', 'distribution:mcc-B<msb-B',
    ]);
    expect(m.layout.power).toEqual(m.powerOrder);
    expect(m.layout.racks.length).toBe(m.plant.racks.n);
  });

  it('compiles for a run\'s seed and end (the workload draws arrivals up to the end)', () => {
    const r = loadScenarioText(text, 'm.yaml');
    if (!r.ok) throw new Error('bad file');
    const m = compileModel(r.scenario, { seed: 7, until: 600 });
    expect(m.ok && [m.model.seed, m.model.end]).toEqual([7, 600]);
    const d = compileModel(r.scenario);
    expect(d.ok && [d.model.seed, d.model.end]).toEqual([r.scenario.seed ?? 1, r.scenario.duration ?? 86_400]);
  });
});

describe('compiled model: validation', () => {
  it('the schema step knows nothing of ids; compiling finds a dangling one, with its field path', () => {
    const bad = text.replace('{ loads: [crahs], a: ups-A, b: ups-B }', '{ loads: [crahs], a: ups-A, b: ups-Z }');
    expect(loadScenarioText(bad, 'm.yaml').ok).toBe(true);
    const r = loadModelText(bad, 'm.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([expect.objectContaining({ path: 'power.feeds[3].b', message: expect.stringContaining('ups-Z') })]);
  });
});

describe('compiled model: one run\'s state', () => {
  it('a run from a model gives the same report as a run from the scenario', () => {
    const r = loadScenarioText(text, 'm.yaml');
    if (!r.ok) throw new Error('bad file');
    const sim = new Simulation(model(), {});
    sim.runTo(sim.end);
    expect(JSON.stringify(buildReport(sim))).toBe(JSON.stringify(runScenario(r.scenario).report));
  });

  it('is claimed by one Simulation; a second run must compile again', () => {
    const m = model();
    new Simulation(m, {});
    expect(() => new Simulation(m, {})).toThrow(/compile the scenario again/);
  });
});
