/**
 * The district network's demand over the day and the year, and the checks on a `heat_reuse` block.
 *
 * demand(t) = peak · daily[hour(t)] · monthly[month(t)] · clamp((base − T_db)/(base − design), base_load, 1),
 * asked = min(demand, capacity). Hourly and monthly factors are steps on a plain 365-day calendar from
 * 1 January 00:00; the run ends a step at each change, so a day's export integrates to Σ_h asked_h · 1 h
 * exactly (the report rounds kWh to 3 decimals).
 */
import { describe, it, expect } from 'vitest';
import { run, near, compileErrors, load } from '../physics/util';
import { yaml } from './hall';
import { readFileSync } from 'node:fs';
import { compileHeatRecovery, heatDemand, heatingFactor, nextDemandChange } from '../../sim/components/heat-recovery/heat-recovery';

const C2K = 273.15;
const DAILY = [0.6, 0.55, 0.55, 0.55, 0.6, 0.75, 0.95, 1, 1, 0.9, 0.85, 0.8, 0.8, 0.8, 0.8, 0.85, 0.9, 1, 1, 0.95, 0.9, 0.8, 0.7, 0.65];

/** The recovery suite's hall (hall.ts) in cold weather by default, for a day. */
const hall = (heatReuse: string, dry = 5, duration = '24 h') => yaml(heatReuse, dry, '', duration);

/** A low-temperature (22/12 °C) network on a direct exchanger, its band 0.5 K: every asked kW up to ~410 kW is taken (capped mode). */
const direct = (demand: string, capacity = '2 MW') => `
heat_reuse:
  id: hr
  kind: direct
  capacity: ${capacity}
  network: { supply: 22 degC, return: 12 degC }
  approach: 2 K
  band: 0.5 K
  demand: ${demand}`;

describe('demand profile', () => {
  it('a daily shape integrates to the hand count over a day: Σ peak·f_h · 1 h', () => {
    const peak = 300e3;
    const hand = DAILY.reduce((a, f) => a + peak * f, 0) / 1000; // kWh
    const k = run(hall(direct(`{ peak: 300 kW, daily: [${DAILY.join(', ')}] }`))).report.kpis;
    near(k.heat_reuse!.demand_kwh, hand, 2e-3, 'demand over the day');
    near(k.heat_reuse!.exported_kwh, hand, 2e-3, 'all of it exported');
    expect(k.heat_reuse!.demand_met).toBe(1);
    expect(k.heat_reuse!.hours_exporting).toBe(24);
  });

  it('the capacity caps what is asked: a 250 kW unit under a 300 kW peak exports Σ min(peak·f_h, 250 kW)', () => {
    const hand = DAILY.reduce((a, f) => a + Math.min(300e3 * f, 250e3), 0) / 1000;
    const k = run(hall(direct(`{ peak: 300 kW, daily: [${DAILY.join(', ')}] }`, '250 kW'))).report.kpis;
    near(k.heat_reuse!.exported_kwh, hand, 2e-3, 'export capped at capacity');
  });

  it('degree-days: at 5 °C outdoors with base 15.5 °C and design −10 °C the factor is 10.5/25.5; at 20 °C the base load', () => {
    const heating = (dry: number) => run(hall(direct('{ peak: 300 kW, heating: { design: -10 degC, base: 15.5 degC, base_load: 0.2 } }'), dry, '2 h')).report.kpis.heat_reuse!;
    near(heating(5).exported_kwh, 300 * (10.5 / 25.5) * 2, 2e-3, 'cold day');
    near(heating(20).exported_kwh, 300 * 0.2 * 2, 2e-3, 'warm day: base load only');
    near(heating(-20).exported_kwh, 300 * 2, 2e-3, 'below design: full demand');
  });

  it('monthly factors on the plain year, a boundary instant in the interval before it', () => {
    const s = load(hall(direct(`{ peak: 1 MW, monthly: [1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], daily: [${DAILY.join(', ')}] }`)));
    const u = compileHeatRecovery(s.heat_reuse!);
    const day = 86_400;
    expect(heatDemand(u, 0, 0)).toBeCloseTo(1e6 * DAILY[0]!, 6);
    expect(heatDemand(u, 3600, 0)).toBeCloseTo(1e6 * DAILY[0]!, 6); // 01:00 closes the first hour
    expect(heatDemand(u, 3600.5, 0)).toBeCloseTo(1e6 * DAILY[1]!, 6);
    expect(heatDemand(u, 31 * day + 7.5 * 3600, 0)).toBeCloseTo(1e6 * 0.9 * DAILY[7]!, 6); // 1 February 07:30
    expect(heatDemand(u, (181 + 1) * day - 1800, 0)).toBeCloseTo(1e6 * 0.4 * DAILY[23]!, 6); // 1 July 23:30
    expect(heatDemand(u, (365 + 10) * day + 100, 0)).toBeCloseTo(1e6 * 1 * DAILY[0]!, 6); // the next January
    // Changes: the next hour boundary whose factor differs (01:00 → 02:00 both 0.55: skipped).
    expect(nextDemandChange(u, 0)).toBe(3600);
    expect(nextDemandChange(u, 3600)).toBe(4 * 3600);
  });

  it('with an EPW weather file the monthly factors follow its calendar: a July file asks July\'s factor from t = 0', () => {
    const epw = readFileSync(new URL('../fixtures/weather/three-days.epw', import.meta.url), 'utf8');
    const text = hall(direct('{ peak: 300 kW, monthly: [1, 1, 1, 1, 1, 1, 0.3, 1, 1, 1, 1, 1] }')).replace(/weather: .*\n/, `weather: { kind: epw, data: ${JSON.stringify(epw)} }\n`).replace('duration: 24 h', 'duration: 2 h');
    near(run(text).report.kpis.heat_reuse!.exported_kwh, 300 * 0.3 * 2, 2e-3, 'July factor 0.3 over 2 h');
  });

  it('a flat demand never changes; heating factor clamps', () => {
    const u = compileHeatRecovery(load(hall(direct('{ peak: 1 MW, heating: { design: -10 degC } }'))).heat_reuse!);
    expect(nextDemandChange(u, 0)).toBe(Infinity);
    expect(heatingFactor(u, 30 + C2K)).toBe(0.15); // default base load
    expect(heatingFactor(u, -30 + C2K)).toBe(1);
  });
});

describe('heat_reuse validation names the field', () => {
  const base = { id: 'hr', kind: 'heat_pump', capacity: '1 MW', network: { supply: '70 degC', return: '40 degC' } };
  const scenario = (hr: Record<string, unknown>) => ({
    version: 1, name: 'v', hall: { rows: [{ id: 'r', count: 1, type: 't' }] }, rack_types: { t: { power: '10 kW', cooling: 'air' } },
    heat_reuse: { ...base, ...hr },
  });
  const paths = (hr: Record<string, unknown>) => compileErrors(scenario(hr)).map((e) => e.path);

  it('accepts a complete heat pump', () => expect(paths({})).toEqual([]));
  it('network supply must be warmer than its return', () => expect(paths({ network: { supply: '40 degC', return: '45 degC' } })).toEqual(['heat_reuse.network.supply']));
  it('approach is for a direct exchanger', () => expect(paths({ approach: '2 K' })).toEqual(['heat_reuse.approach']));
  it('lift limits are for a heat pump', () => expect(paths({ kind: 'direct', max_lift: '40 K' })).toEqual(['heat_reuse.max_lift']));
  it('a sale price or a displaced boiler, not both', () => expect(paths({ price: '40 EUR/MWh', displaced_boiler: { fuel_price: '30 EUR/MWh' } })).toEqual(['heat_reuse.displaced_boiler']));
  it('24 hourly factors', () => expect(paths({ demand: { daily: [1, 1] } })).toEqual(['heat_reuse.demand.daily']));
  it('a COP above 1 at max lift', () => expect(paths({ carnot_efficiency: 0.1 })).toEqual(['heat_reuse.carnot_efficiency']));
  it('design outdoor temperature below the heating base', () => expect(paths({ demand: { heating: { design: '20 degC' } } })).toEqual(['heat_reuse.demand.heating.design']));
  it('units are checked', () => expect(paths({ capacity: '3 m' })).toEqual(['heat_reuse.capacity']));
  it('the id is unique across the plant', () => {
    const s = scenario({ id: 'crah-1' }) as Record<string, unknown>;
    (s['hall'] as Record<string, unknown>)['crahs'] = [{ id: 'crah-1', capacity: '10 kW' }];
    expect(compileErrors(s).map((e) => e.path)).toEqual(['heat_reuse.id']);
  });
});
