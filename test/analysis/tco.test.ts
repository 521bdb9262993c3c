/**
 * TCO against a case worked by hand. One rack of 72 GPUs, 100 kW design, 20 kW idle, load 0.5: IT power
 * 20 + 80 × 0.5 = 60 kW, constant. Capital: capex 1,000,000 + 1 rack × 80,000 + 0.1 MW × 2,000,000 =
 * 1,280,000 facility, 72 × 10,000 = 720,000 GPUs; residual 10 % of the facility (128,000), GPUs 0; life
 * 4 years, no interest: (2,000,000 − 128,000) / 4 = 468,000 a year. Maintenance 2 % × 2,000,000 = 40,000;
 * staff 100,000; other opex 50,000: fixed 658,000 a year. Energy: 0.10 per kWh × PUE × 60 kW × 8,766 h
 * (the PUE is the run's: the only simulated number). Delivered: 72 × 8,766 h × availability × utilisation.
 */
import { describe, it, expect } from 'vitest';
import { loadText } from '../../sim/api';
import { Simulation } from '../../sim/run/simulation';
import { tco } from '../../sim/analysis/tco';
import { annualCapitalCost } from '../../sim/run/economics';
import type { MonteCarloResult } from '../../sim/analysis/montecarlo';
import { scenarioHash } from '../../sim/analysis/montecarlo';
import { meanSummary, proportionSummary } from '../../sim/analysis/stats';

const TEXT = `version: 1
name: one rack for TCO
duration: 24 h
rack_types: { r: { power: 100 kW, idle_power: 20 kW, gpus: 72, cooling: dlc, load: 0.5 } }
hall: { rows: [ { id: row-A, type: r, cdu: cdu-A, count: 1 } ], crahs: [ { id: crah-1, capacity: 100 kW } ] }
cdus: [ { id: cdu-A } ]
plant: { chillers: [ { id: ch-1, capacity: 100 kW } ] }
economics:
  energy_price: 0.10 USD/kWh
  capex: 1000000 USD
  capex_per_rack: 80000 USD
  capex_per_mw: 2000000 USD
  capex_per_gpu: 10000 USD
  residual_value: 10 %
  gpu_residual_value: 0
  life: 4 years
  maintenance: 2 %
  staff_per_year: 100000 USD
  opex_per_year: 50000 USD
  cloud_price_per_gpu_hour: 3 USD
`;
const H = 8766;

function run(text = TEXT) {
  const r = loadText(text, 'tco.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const sim = Simulation.fromScenario(r.scenario);
  sim.runTo(sim.end);
  return sim;
}

describe('TCO of one rack, by hand', () => {
  const res = tco(run());
  const pue = res.basis.pue;

  it('capital: 2,000,000 of which 720,000 GPUs; 468,000 a year straight line', () => {
    expect(res.capex).toEqual({ facility: 1_280_000, gpu: 720_000, total: 2_000_000, residual: 128_000, life_years: 4, interest_rate: 0 });
    expect(res.annual.capital).toBeCloseTo(468_000, 6);
    expect(res.annual.maintenance).toBeCloseTo(40_000, 6);
  });

  it('energy at the run\'s PUE and 60 kW; cost per delivered GPU-hour = total / (72 × 8,766 h)', () => {
    expect(res.basis.it_power_kw).toBeCloseTo(60, 6);
    expect(pue).toBeGreaterThan(1);
    expect(pue).toBeLessThan(1.5);
    const energy = 0.1 * pue * 60 * H;
    expect(res.annual.energy).toBeCloseTo(energy, 3);
    expect(res.annual.total).toBeCloseTo(658_000 + energy, 3);
    expect(res.basis.availability).toEqual({ value: 1, source: 'run', ci95: null, replicates: null });
    expect(res.delivered_gpu_hours_per_year).toBeCloseTo(72 * H, 6);
    expect(res.cost_per_gpu_hour).toBeCloseTo((658_000 + energy) / (72 * H), 9);
    expect(res.total_over_life).toBeCloseTo(4 * (658_000 + energy), 3);
  });

  it('break-even: fixed + idle energy over cloud revenue less active energy per unit utilisation, and there the cost is the cloud price', () => {
    const a = 658_000 + 0.1 * pue * 20 * H, b = 0.1 * pue * 40 * H, c = 3 * 72 * H;
    const u = a / (c - b);
    expect(res.cloud!.break_even_utilisation).toBeCloseTo(u, 9);
    const at = tco(run(), { overrides: { utilisation: u } });
    expect(at.cost_per_gpu_hour).toBeCloseTo(3, 9);
    // The sensitivity table is the same function: its base-price row at 100 % is the result itself.
    const row = res.sensitivity.energy_prices_per_kwh.findIndex((p) => Math.abs(p - 0.1) < 1e-12);
    const col = res.sensitivity.utilisations.indexOf(1);
    expect(res.sensitivity.cost_per_gpu_hour[row]![col]).toBeCloseTo(res.cost_per_gpu_hour, 12);
  });

  it('overrides win over the file: energy price, life, financing', () => {
    const o = tco(run(), { overrides: { energy_price: 0.2 / 3.6e6, life: 5 * 365.25 * 86400, interest_rate: 0.08 } });
    expect(o.annual.energy).toBeCloseTo(2 * res.annual.energy, 6);
    expect(o.annual.capital).toBeCloseTo(annualCapitalCost(2_000_000, 128_000, 5, 0.08), 6);
  });

  it('availability from a Monte Carlo study of this scenario: delivered hours scale with it', () => {
    const sim = run();
    const study: MonteCarloResult = {
      replicates: 4, replicate_s: 365 * 86400, seed: 1, difference: null,
      designs: [{
        scenario: 'one rack for TCO', hash: scenarioHash(sim.scenario), reference: { it_energy_kwh: 1, gpu_hours_lost: 0, tokens: 0 },
        metrics: {
          it_availability: meanSummary([0.94, 0.95, 0.96, 0.95]), gpu_hours_lost: meanSummary([0]), tokens_lost: meanSummary([0]),
          rack_down_hours: meanSummary([0]), failures: meanSummary([0]), hours_above: {},
          p_rack_trip: proportionSummary([false]), p_rack_down: proportionSummary([false]), p_limit_exceeded: proportionSummary([false]),
        },
      }],
    };
    const m = tco(sim, { study });
    expect(m.basis.availability.source).toBe('montecarlo');
    expect(m.delivered_gpu_hours_per_year).toBeCloseTo(0.95 * 72 * H, 6);
    expect(m.cost_per_gpu_hour).toBeCloseTo(res.cost_per_gpu_hour / 0.95, 9);
    expect(m.notes.join()).not.toMatch(/changed/);
    expect(() => tco(run(), { study: { ...study, designs: [{ ...study.designs[0]!, scenario: 'another hall' }] } })).toThrow(/study is of "another hall", not of "one rack for TCO"/);
  });
});

describe('cumulative cost over the life, own against cloud', () => {
  const res = tco(run());
  const energy = res.annual.energy;

  it('no interest: 2,000,000 at the start, then 190,000 + energy a year; the residual back at year 4 leaves total_over_life', () => {
    const c = res.cumulative;
    expect(c.years).toEqual([0, 1, 2, 3, 4]);
    expect(c.own[0]).toBe(2_000_000);
    expect(c.own[1]).toBeCloseTo(2_000_000 + 190_000 + energy, 3);
    expect(c.own[3]).toBeCloseTo(2_000_000 + 3 * (190_000 + energy), 3);
    expect(c.own[4]).toBe(res.total_over_life);
    expect(c.own[4]! + 128_000).toBeCloseTo(2_000_000 + 4 * (190_000 + energy), 3);
  });

  it('cloud: 3 × 72 GPUs × 8,766 h a year; they meet at 2,000,000 / (cloud a year − 190,000 − energy)', () => {
    const cloudYear = 3 * 72 * H;
    expect(res.cumulative.cloud![4]).toBeCloseTo(4 * cloudYear, 6);
    expect(res.cumulative.cloud![4]).toBeCloseTo(4 * res.cloud!.cost_per_year, 6);
    expect(res.cumulative.crossover_year).toBeCloseTo(2_000_000 / (cloudYear - 190_000 - energy), 9);
    // The end points differ by the life's saving: the same numbers as saving_per_year.
    expect(res.cumulative.cloud![4]! - res.cumulative.own[4]!).toBeCloseTo(4 * res.cloud!.saving_per_year, 3);
  });

  it('with interest the financing runs with the years and the end is still total_over_life; a life of 4.5 years ends at 4.5', () => {
    const o = tco(run(), { overrides: { life: 4.5 * 365.25 * 86400, interest_rate: 0.08 } });
    const c = o.cumulative, g = o.annual.total - (o.capex.total - o.capex.residual) / 4.5;
    expect(c.years).toEqual([0, 1, 2, 3, 4, 4.5]);
    expect(c.own[2]).toBeCloseTo(2_000_000 + 2 * g, 3);
    expect(g).toBeGreaterThan(o.annual.total - o.annual.capital); // financing costs something at 8 %
    expect(c.own[5]).toBe(o.total_over_life);
  });

  it('a cloud price below the running cost never catches up: no crossover', () => {
    const o = tco(run(TEXT.replace('cloud_price_per_gpu_hour: 3 USD', 'cloud_price_per_gpu_hour: 0.2 USD')));
    expect(o.cumulative.crossover_year).toBeNull();
    expect(o.cumulative.cloud![4]).toBeLessThan(o.cumulative.own[4]!);
  });
});

describe('annual cost of capital', () => {
  it('an annuity: 1,000,000 over 5 years at 8 % is 250,456.45 a year (capital recovery factor 0.2504565)', () => {
    expect(annualCapitalCost(1e6, 0, 5, 0.08)).toBeCloseTo(250_456.4546, 3);
  });
  it('a residual of 100,000 is worth 100,000 × 1.08⁻⁵ today: 233,410.81 a year', () => {
    expect(annualCapitalCost(1e6, 1e5, 5, 0.08)).toBeCloseTo(233_410.8091, 3);
  });
  it('at 0 % the straight line (C − R)/n', () => {
    expect(annualCapitalCost(1e6, 1e5, 4, 0)).toBe(225_000);
  });
});

describe('TCO under a time-of-day tariff', () => {
  // The same rack over 24 h with 0.06 per kWh from 22:00 to 08:00 and 0.16 from 08:00: its constant load
  // pays (10 h × 0.06 + 14 h × 0.16) / 24 h = 0.118333… per kWh on average, the base price of the TCO.
  const text = TEXT.replace('  energy_price: 0.10 USD/kWh', '  tariff: { bands: [{ from: "08:00", price: 0.16 USD/kWh }, { from: "22:00", price: 0.06 USD/kWh }] }');
  const res = tco(run(text));
  it('prices energy at the tariff\'s load-weighted mean, and says so', () => {
    expect(res.basis.energy_price_source).toBe('tariff');
    expect(res.basis.energy_price_per_kwh).toBeCloseTo((10 * 0.06 + 14 * 0.16) / 24, 6);
    expect(res.annual.energy).toBeCloseTo(res.basis.energy_price_per_kwh * res.basis.pue * 60 * H, 0);
    expect(res.notes.join(' ')).toContain('tariff');
  });
  it('--energy-price replaces the tariff with one price', () => {
    const flat = tco(run(text), { overrides: { energy_price: 0.1 / 3.6e6 } });
    expect(flat.basis.energy_price_source).toBe('override');
    expect(flat.basis.energy_price_per_kwh).toBeCloseTo(0.1, 12);
  });
});
