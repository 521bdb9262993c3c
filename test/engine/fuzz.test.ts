/**
 * Property (issue 8): whatever a file says, the outcome is a clean rejection (every problem has a field
 * path and a message), an engine or budget error that names what went wrong, or a finite, physically
 * sane report. Seeded fast-check runs mutate the built-in scenarios' fields and add random events; a
 * failure prints its seed and the shrunk mutation so it can be replayed.
 *
 * "Sane": every number finite (buildReport asserts it), heat in = heat rejected + heat stored to 1e-6,
 * energies non-negative, PUE ≥ 1, liquids below boiling.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { loadRaw } from '../../sim/api';
import { Simulation } from '../../sim/run/simulation';
import { buildReport } from '../../sim/run/report';
import { EngineError } from '../../sim/scenario/issues';
import { BudgetError } from '../../sim/run/budget';

const MODELS = ['dlc-hall', 'immersion-hall', 'utility-loss-pumps-off-ups', 'utility-loss-pumps-on-ups'];
const raw = (m: string) => parse(readFileSync(new URL(`../../models/${m}.yaml`, import.meta.url), 'utf8')) as unknown;

type Path = (string | number)[];

/** Every leaf (number, string, boolean) of the raw scenario, with its path. */
function leaves(v: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(v)) v.forEach((x, i) => leaves(x, [...path, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) leaves(x, [...path, k], out);
  else out.push(path);
  return out;
}

function setAt(root: unknown, path: Path, value: unknown): void {
  let o = root as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  o[path[path.length - 1]!] = value;
}

/** Values that broke engines before: extremes, wrong signs, wrong units, expressions that blow up. */
const hostile = fc.oneof(
  fc.constantFrom(0, -1, -3, 1e-300, 1e308, -1e308, 0.5, 2, 1e6, 1.5, 100, NaN, Infinity),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.constantFrom('1/0', 'log(0)', '1/(t-3600)', '-5 MW', '1 W', '1 L/s', '500 degC', '-300 degC', '1e308 kW', '0 s', '1 ms', 'abc', '', '80 %', '0.7 + 0.2*sin(2*pi*t/3600)'),
);

/** Events that can be added: any verb on any id or parameter the hall has, at any time in the run. */
function eventArb(ids: string[]) {
  const target = fc.constantFrom(...ids);
  return fc.oneof(
    fc.record({ at: fc.integer({ min: 0, max: 7200 }), fail: target }),
    fc.record({ at: fc.integer({ min: 0, max: 7200 }), repair: target }),
    fc.record({ at: fc.integer({ min: 0, max: 7200 }), set: fc.constantFrom(...ids.map((i) => `${i}.load`), ...ids.map((i) => `${i}.flow_setpoint`), 'hall.other_heat', 'hall.load', 'plant.supply_setpoint'), value: hostile }),
  );
}

type Outcome = 'rejected' | 'refused' | 'report' | 'engine-error' | 'budget';

function outcomeIsClean(scenarioRaw: unknown): Outcome {
  const r = loadRaw(scenarioRaw, 'yaml');
  if (!r.ok) {
    expect(r.errors.length).toBeGreaterThan(0);
    for (const e of r.errors) { expect(e.path).toBeTruthy(); expect(e.message).toBeTruthy(); }
    return 'rejected';
  }
  let sim: Simulation;
  try { sim = Simulation.fromScenario(r.scenario, { until: Math.min(r.scenario.duration ?? 86_400, 3 * 3600), budget: { steps: 200_000, alarms: 5_000 } }); }
  catch (e) { expect((e as Error).message).toMatch(/\S+: /); return 'refused'; }
  try {
    sim.runTo(sim.end);
    const rep = buildReport(sim); // asserts every number finite
    const k = rep.kpis;
    expect(rep.energy_balance.error_rel).toBeLessThan(1e-6);
    for (const v of [k.it_energy_kwh, k.facility_energy_kwh, k.cooling_energy_kwh, k.water_l, k.losses_kwh.total]) expect(v).toBeGreaterThanOrEqual(0);
    if (k.pue !== null) expect(k.pue).toBeGreaterThanOrEqual(1 - 1e-9);
    for (const v of [k.peak_rack_coolant_c, k.peak_tcs_supply_c, k.peak_fws_supply_c]) if (v !== null) expect(v).toBeLessThanOrEqual(100);
    return 'report';
  } catch (e) {
    if (e instanceof EngineError) { expect(e.component).toBeTruthy(); expect(e.t).not.toBeNull(); if (process.env.FUZZ_SEED) console.log(e.message); return 'engine-error'; }
    if (e instanceof BudgetError) return 'budget';
    throw e;
  }
}

/** A plausible edit: a number scaled by 0.05–20 (a planner's typo or a bold what-if), a unit kept. */
const scaled = (v: unknown, f: number): unknown => {
  if (typeof v === 'number') return v * f;
  if (typeof v === 'string') { const m = /^(-?[\d.]+)(\s*[^\d\s].*)?$/.exec(v); if (m) return `${Number(m[1]) * f}${m[2] ?? ''}`; }
  return v;
};

describe('mutated built-in scenarios: a clean rejection or a finite, sane report', () => {
  for (const model of MODELS) {
    it(model, () => {
      const base = raw(model);
      const paths = leaves(base).filter((p) => p[0] !== 'version' && p[0] !== 'name' && p[0] !== 'description');
      const loaded = loadRaw(base, 'yaml');
      const ids = loaded.ok ? [...loaded.layout.racks.slice(0, 4).map((x) => x.id), ...loaded.layout.cdus.map((c) => c.id)] : ['hall'];
      const seen: Record<string, number> = {};
      // Mostly plausible edits (so runs are exercised), hostile values a third of the time.
      const edit = fc.oneof(
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...paths), hostile).map(([p, v]) => ({ p, v, scale: false })) },
        { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...paths), fc.double({ min: 0.05, max: 20, noNaN: true })).map(([p, v]) => ({ p, v, scale: true })) },
      );
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 2 }), fc.oneof(fc.constant([]), fc.array(eventArb(ids), { maxLength: 2 })), (edits, events) => {
          const s = structuredClone(base) as Record<string, unknown>;
          for (const { p, v, scale } of edits) {
            let cur: unknown = s;
            for (const k of p) cur = (cur as Record<string | number, unknown>)[k];
            setAt(s, p, scale ? scaled(cur, v as number) : v);
          }
          if (events.length) s['events'] = [...((s['events'] as unknown[] | undefined) ?? []), ...events];
          const o = outcomeIsClean(s);
          if (o === 'engine-error' && process.env.FUZZ_SEED) console.log(JSON.stringify({ edits, events }));
          seen[o] = (seen[o] ?? 0) + 1;
        }),
        // FUZZ_SEED / FUZZ_RUNS explore further by hand; CI runs the fixed seed.
        { seed: Number(process.env.FUZZ_SEED ?? 20261127), numRuns: Number(process.env.FUZZ_RUNS ?? 80), endOnFailure: true },
      );
      // The property must exercise runs, not only the validator.
      expect(seen['report'] ?? 0, JSON.stringify(seen)).toBeGreaterThan(15);
      console.log(model, JSON.stringify(seen));
    });
  }
});
