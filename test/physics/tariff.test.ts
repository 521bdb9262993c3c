/**
 * Time-of-day energy prices (`economics.tariff`, docs/scenario-format.md): the run prices each step at the
 * band it lies in, and every change of price ends a step, so the cost is exact at the boundaries.
 *
 * Hand case: a hall at steady state under constant weather and load draws a constant facility power
 * P_f = facility energy / duration. Over 10 h from Monday 00:00 with bands 00:00 → 0.05, 07:13:20 → 0.15,
 * 09:30 → 0.10 USD/kWh (a boundary off any step grid, and the default 1 h step cap that would straddle
 * it), the cost is
 *     P_f · (7.2222 h · 0.05 + 2.2778 h · 0.15 + 0.5 h · 0.10)   USD (P_f in kW).
 * Tolerance 1e-9 relative: the power is constant to rounding and the steps end on the boundaries.
 */
import { describe, it, expect } from 'vitest';
import { Tariff } from '../../sim/run/tariff';
import { load, run, near } from './util';
import { loadText } from '../../sim/api';

const hall = (economics: string, duration = '10 h') => `
version: 1
name: tariff
duration: ${duration}
weather: { kind: constant, dry_bulb: 25 degC, wet_bulb: 18 degC }
rack_types:
  r: { power: 132 kW, load: 0.9 }
hall:
  rows:
    - { id: row-A, type: r, cdu: cdu-A, count: 4 }
  crahs:
    - { id: crah-1, capacity: 200 kW }
cdus:
  - { id: cdu-A, supply_setpoint: 30 degC }
plant:
  supply_setpoint: 20 degC
  chillers:
    - { id: ch-1, capacity: 2 MW }
economics:
${economics}
`;

const H = 3600;

describe('energy cost under a time-of-day tariff', () => {
  const bands = `  tariff:
    bands:
      - { from: "00:00", price: 0.05 USD/kWh }
      - { from: "07:13:20", price: 0.15 USD/kWh }
      - { from: "09:30", price: 0.10 USD/kWh }`;

  it('rejects a time that is not HH:MM, naming the field', () => {
    const r = loadText(hall(bands));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toContain('economics.tariff.bands[1].from');
  });

  const ok = bands.replace('"07:13:20"', '26000 s'); // 07:13:20
  const rep = run(hall(ok)).report;
  const flat = run(hall('  energy_price: 1 USD/kWh')).report;

  it('the load is constant: facility power the same in every hour (so the hand count holds)', () => {
    expect(flat.economics.energy_cost).toBeCloseTo(flat.kpis.facility_energy_kwh, 6); // 1 USD/kWh
    near(rep.kpis.facility_energy_kwh, flat.kpis.facility_energy_kwh, 1e-6 * flat.kpis.facility_energy_kwh, 'same energy with and without the tariff');
  });

  it('costs P_f · Σ price · hours in each band (1e-9 relative)', () => {
    const pf = rep.kpis.facility_energy_kwh / 10; // kW
    const hand = pf * ((26000 / H) * 0.05 + (9.5 - 26000 / H) * 0.15 + 0.5 * 0.1);
    near(rep.economics.energy_cost, hand, 1e-9 * hand + 1e-3, 'energy cost');
  });

  it('a weekend list applies on Saturday and Sunday from the stated start day', () => {
    // Start Friday 00:00, 3 days: Friday at the weekday price, Saturday and Sunday at the weekend price.
    const wk = `  tariff:
    start_day: friday
    bands: [{ from: "00:00", price: 0.20 USD/kWh }]
    weekend: [{ from: "00:00", price: 0.05 USD/kWh }]`;
    const r = run(hall(wk, '72 h')).report;
    const pf = r.kpis.facility_energy_kwh / 72;
    near(r.economics.energy_cost, pf * (24 * 0.2 + 48 * 0.05), 1e-9 * pf * 7.2 + 1e-3, 'weekend cost');
  });

  it('refuses energy_price and tariff together, and bands out of order, naming the field', () => {
    const both = loadText(hall(`  energy_price: 0.1 USD/kWh\n${ok}`));
    expect(both.ok).toBe(false);
    if (!both.ok) expect(both.errors[0]!.path).toBe('economics.tariff');
    const order = loadText(hall(`  tariff:\n    bands: [{ from: "09:00", price: 0.1 USD/kWh }, { from: "07:00", price: 0.2 USD/kWh }]`));
    expect(order.ok).toBe(false);
    if (!order.ok) expect(order.errors[0]!.path).toBe('economics.tariff.bands[1].from');
    const day = loadText(hall(`  tariff:\n    bands: [{ from: "24:00", price: 0.1 USD/kWh }]`));
    expect(day.ok).toBe(false);
    if (!day.ok) expect(day.errors[0]!.message).toContain('time of day');
  });
});

describe('Tariff: the bands unrolled over a day or a week', () => {
  const spec = load(hall(`  tariff:
    start_day: saturday
    bands: [{ from: "07:00", price: 2 USD/kWh }, { from: "23:00", price: 1 USD/kWh }]
    weekend: [{ from: "00:00", price: 1 USD/kWh }]`)).economics!.tariff!;
  const t = new Tariff(spec);
  it('prices each hour: a day\'s last band before its first from; weekend days by the start day', () => {
    expect(t.period).toBe(7 * 86400);
    expect(t.priceAt(0)).toBe(1 / 3.6e6); // Saturday
    expect(t.priceAt(2 * 86400 + 6 * H)).toBe(1 / 3.6e6); // Monday 06:00: the 23:00 band wraps
    expect(t.priceAt(2 * 86400 + 7 * H)).toBe(2 / 3.6e6);
    expect(t.priceAt(2 * 86400 + 23 * H)).toBe(1 / 3.6e6);
    expect(t.priceAt(9 * 86400 + 8 * H)).toBe(2 / 3.6e6); // the next Monday
  });
  it('names the next change of price, skipping hours where it does not change', () => {
    expect(t.nextChange(0)).toBe(2 * 86400 + 7 * H); // nothing changes over the weekend and Monday night
    expect(t.nextChange(2 * 86400 + 7 * H)).toBe(2 * 86400 + 23 * H);
    expect(t.nextChange(6 * 86400 + 23 * H)).toBe(7 * 86400 + 2 * 86400 + 7 * H);
  });
});
