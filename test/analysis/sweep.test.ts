/**
 * The N-1 sweep against hand counts and a closed form. dlc-hall has 4 row CDUs of 2 pumps (N+1, one
 * needed), 3 chillers, 3 CRAHs and 3 dry coolers: 21 infrastructure units. Failing a CDU stops its row's
 * coolant: the 8 racks heat at lf·P/C and throttle after (T_throttle − T0)·C/(lf·P), then trip; a pump
 * of an N+1 set, one chiller of three, one CRAH or one dry cooler changes nothing at 12:00 on the design day.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadText } from '../../sim/api';
import { sweep } from '../../sim/analysis/sweep';
import { PG25, FLOW_PER_W } from '../physics/util';

const load = (m: string) => {
  const r = loadText(readFileSync(new URL(`../../models/${m}.yaml`, import.meta.url), 'utf8'), `${m}.yaml`);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
};

describe('dctwin sweep on dlc-hall (failures at 12:00, repaired after 10 min, 2 h after)', () => {
  const res = sweep(load('dlc-hall'), { at: 12 * 3600, repair: 600, until: 14 * 3600 });
  const count = (kind: string) => res.cases.filter((c) => c.kind === kind).length;

  it('fails every infrastructure unit once: 4 CDUs, 8 pumps, 3 chillers, 3 CRAHs, 3 dry coolers', () => {
    expect(res.cases).toHaveLength(21);
    expect([count('cdu'), count('pump'), count('chiller'), count('crah'), count('free_cooling')]).toEqual([4, 8, 3, 3, 3]);
    expect(new Set(res.cases.map((c) => c.failed)).size).toBe(21);
    expect(res.baseline.racks_tripped).toBe(0); // the healthy design (the drill's own events left out)
  });

  it('ranks the CDUs first: their 8 racks throttle at the closed-form time, then trip, and stay off', () => {
    // load(12 h) = 0.8 + 0.15·sin(π) = 0.8 → P = 33 + 99·0.8 = 112.2 kW; C = 30 L·ρcp + 60 kJ/K;
    // T0 = 30 + lf·P/(ṁcp) with ṁcp = 1.5 L/min/kW · 132 kW · ρcp.
    const P = 33e3 + 99e3 * 0.8, C = 0.03 * PG25.rho * PG25.cp + 60e3, mcp = FLOW_PER_W * 132e3 * PG25.rho * PG25.cp;
    const T0 = 30 + (0.85 * P) / mcp;
    const toThrottle = ((50 - T0) * C) / (0.85 * P);
    for (const c of res.cases.slice(0, 4)) {
      expect(c.kind).toBe('cdu');
      expect(c.racks_throttled).toBe(8);
      expect(c.racks_tripped).toBe(8);
      expect(c.first_limit).toBe('rack_throttle');
      expect(Math.abs(c.time_to_first_limit_s! - toThrottle)).toBeLessThan(0.05);
      expect(c.recovered).toBe(false); // a tripped rack needs a manual restart
      expect(c.worst.rack_coolant_c).toBeCloseTo(60, 3);
    }
  });

  it('every redundant unit rides through: nothing throttles, trips or crosses a limit', () => {
    for (const c of res.cases.slice(4)) {
      expect(c.racks_throttled + c.racks_tripped, c.failed).toBe(0);
      expect(c.time_to_first_limit_s, c.failed).toBeNull();
      expect(c.recovered, c.failed).toBe(true);
    }
  });
});

describe('dctwin sweep with a power chain', () => {
  it('also fails utilities, generators, UPS modules and distribution elements', () => {
    const res = sweep(load('utility-loss-pumps-off-ups'), { at: 3600, until: 7200 });
    const kinds = new Set(res.cases.map((c) => c.kind));
    for (const k of ['utility', 'generator', 'ups_module', 'distribution', 'cdu', 'pump']) expect(kinds.has(k), k).toBe(true);
    // Severity order: tripped, then throttled, never increasing down the list.
    for (let i = 1; i < res.cases.length; i++) {
      const a = res.cases[i - 1]!, b = res.cases[i]!;
      expect(a.racks_tripped > b.racks_tripped || (a.racks_tripped === b.racks_tripped && a.racks_throttled >= b.racks_throttled)).toBe(true);
    }
  });
});
