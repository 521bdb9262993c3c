/**
 * Heat recovery on the FWS return, against hand balances.
 *
 * The hall of the free-cooling suite: four 100 kW air racks, one 600 kW CRAH, plant flow 20 L/s of water
 * (G = ṁ·cp), FWS supply held at 20 °C. At steady state the FWS loop carries
 *     Q = IT + CRAH fans + FWS pumps + hall lighting,   T_return = T_set + Q/G
 * whatever the recovery takes (the plant holds the supply; recovery only moves who rejects). The recovery
 * sits on the return ahead of free cooling and the chillers:
 *   direct exchanger (network supply S, return R, approach a): runs only if T_return ≥ S + a; floor
 *     F = max(T_set, R + a); takes Q_s = min(asked, G·(T_return − F)); delivers Q_s.
 *   heat pump (export T_h, η): on the Carnot line its source leaves at
 *     T_s = (T_return − Q/G + k·T_h)/(1 + k),  k = Q/(G·η·T_h)   (Q delivered)
 *     COP = η·T_h/(T_h − T_s),  P = Q/COP,  Q_s = Q − P;  floor F = max(T_set, min_source, T_h − max_lift).
 * Chillers (warm ambient, no free cooling) then carry exactly Q − Q_s: their duty falls by Q_s.
 * Steady states: relative 1e-6 (the solve is exact; the report rounds kW to 1 W and temperatures to 1 mK).
 */
import { describe, it, expect } from 'vitest';
import { run, series, near, nearRel, C2K } from '../physics/util';

import { DUR, G, Q, SET, T_RETURN, yaml, probes, last, direct, heatPump, carnotByHand } from './hall';

describe('direct exchanger', () => {
  it('premise: the hall\'s return is T_set + Q/G and chillers carry Q without recovery', () => {
    const out = run(yaml(''), probes.slice(0, 4));
    nearRel(last(out, 'plant.chiller_heat'), Q / 1000, 1e-6, 'chiller heat = Q');
    near(last(out, 'plant.fws_return'), T_RETURN, 2e-3, 'return');
    expect(T_RETURN).toBeGreaterThan(24.5); // ≈ 24.93 °C
  });

  it('capped: takes exactly what the network asks (200 kW); the chillers\' duty falls by exactly that', () => {
    // Low-temperature network 22/12 °C, approach 2 K: runs (24.93 ≥ 24), floor max(20, 14) = 20, G·(T_r − 20) ≈ 410 kW > 200 kW.
    const out = run(yaml(direct(22, 12, 2, 200)), probes);
    nearRel(last(out, 'hr.export'), 200, 1e-9, 'export = asked');
    nearRel(last(out, 'hr.source_heat'), 200, 1e-9, 'a direct exchanger delivers what it takes');
    expect(last(out, 'hr.electric_power')).toBe(0);
    nearRel(last(out, 'plant.chiller_heat'), (Q - 200e3) / 1000, 1e-6, 'chiller heat = Q − Q_s');
    near(last(out, 'plant.fws_return'), T_RETURN, 2e-3, 'return unchanged: the plant still holds the supply');
    near(last(out, 'hr.outlet'), T_RETURN - 200e3 / G, 2e-3, 'water leaves the exchanger at T_r − Q_s/G');
    near(last(out, 'plant.fws_supply'), SET, 2e-6, 'supply at setpoint');
    const k = out.report.kpis;
    nearRel(k.heat_reuse!.exported_kwh, (200e3 * DUR) / 3.6e6, 1e-6, 'exported energy = 200 kW · 1 h');
    expect(k.heat_reuse!.hours_exporting).toBe(1);
    expect(k.heat_reuse!.demand_met).toBe(1);
  });

  it('floor-limited: a network return of 19 °C + 2 K puts the floor at 21 °C: it takes G·(T_r − 21), the chillers G·(21 − 20)', () => {
    const out = run(yaml(direct(22, 19, 2, 1000)), probes);
    nearRel(last(out, 'hr.export'), (G * (T_RETURN - 21)) / 1000, 1e-6, 'export = G·(T_r − floor)');
    nearRel(last(out, 'plant.chiller_heat'), (G * (21 - SET)) / 1000, 1e-6, 'chillers take the rest down to setpoint');
    near(last(out, 'hr.outlet'), 21, 2e-6, 'water leaves at the floor');
    expect(out.report.kpis.heat_reuse!.demand_met).toBeLessThan(1);
  });

  it('exports nothing when the return cannot reach network supply + approach (24.93 < 24 + 2)', () => {
    const out = run(yaml(direct(24, 12, 2, 200)), probes);
    expect(Math.max(...series(out.report, 'hr.export').v)).toBe(0);
    nearRel(last(out, 'plant.chiller_heat'), Q / 1000, 1e-6, 'chillers carry everything');
    expect(out.report.kpis.heat_reuse!.exported_kwh).toBe(0);
    expect(out.report.kpis.heat_reuse!.hours_exporting).toBe(0);
    expect(out.report.kpis.ere).toBe(out.report.kpis.pue); // no reuse: ERE = PUE
    expect(out.report.kpis.erf).toBe(0);
  });

  it('in its band (default 2 K) it serves the share (T_r − (S + a))/band of what is asked: 200 kW · (24.93 − 24)/2', () => {
    const out = run(yaml(direct(22, 12, 2, 200, null)), probes);
    const share = (T_RETURN - 24) / 2;
    nearRel(last(out, 'hr.export'), 200 * share, 1e-5, 'export = asked · share');
    nearRel(last(out, 'plant.chiller_heat'), (Q - 200e3 * share) / 1000, 1e-6, 'chillers carry the rest');
    near(last(out, 'hr.outlet'), T_RETURN - (200e3 * share) / G, 2e-3, 'outlet = T_r − Q_s/G');
  });

  it('a return that the export itself pulls below the threshold settles in the band instead of switching on and off', () => {
    // No chillers; a 210 kW dry cooler (capacity-bound) and a 30 °C network (threshold 32 °C) asking 300 kW:
    // without the export the loop heats by Q − 210 kW, with all of it it cools. In the band the export settles
    // where it balances the loop, Q − 210 kW, and the return at 32 + band·(Q − 210 kW)/300 kW.
    const hall = (band: number) => yaml(direct(30, 12, 2, 300, band), 22, '', '6 h')
      .replace(/ {2}chillers:\n {4}- \{ id: ch-1, capacity: 2 MW \}\n/, '').replace('capacity: 1.5 MW, approach: 5 K', 'capacity: 210 kW, approach: 5 K');
    const banded = run(hall(2), probes);
    nearRel(last(banded, 'hr.export'), (Q - 210e3) / 1000, 1e-6, 'export = Q − dry cooler');
    near(last(banded, 'plant.fws_return'), 32 + (2 * (Q - 210e3)) / 300e3, 2e-3, 'return in the band');
    // A step (band 0) makes the same hall chatter at the threshold: two orders of magnitude more steps.
    const step = run(hall(0), probes);
    expect(banded.report.steps).toBeLessThan(1000);
    expect(step.report.steps).toBeGreaterThan(30 * banded.report.steps);
  });

  it('with free cooling in cold weather the recovery takes its share first and the free coolers the rest', () => {
    const out = run(yaml(direct(22, 12, 2, 200), 5), probes);
    nearRel(last(out, 'plant.free_cooling_heat'), (Q - 200e3) / 1000, 1e-6, 'free cooling = Q − Q_s');
    expect(last(out, 'plant.chiller_heat')).toBe(0);
  });
});

describe('heat pump', () => {
  const eta = 0.5;
  const carnot = carnotByHand;

  it('on the Carnot line: COP = η·T_h/(T_h − T_s) at the source outlet, P = Q/COP, Q_s = Q − P, the chillers fall by Q_s', () => {
    const Th = 60 + C2K, asked = 150e3;
    const hand = carnot(Th, asked);
    const out = run(yaml(heatPump(60, 150)), probes);
    nearRel(last(out, 'hr.export'), 150, 1e-9, 'delivers what is asked');
    near(last(out, 'hr.outlet'), hand.Ts, 2e-3, 'source outlet T_s (closed form)');
    nearRel(last(out, 'hr.cop'), hand.cop, 1e-6, 'COP');
    // The COP at the engine's own source outlet, as the definition reads.
    nearRel(last(out, 'hr.cop'), (eta * Th) / (Th - (last(out, 'hr.outlet') + C2K)), 1e-5, 'COP from the reported outlet');
    nearRel(last(out, 'hr.electric_power'), hand.P / 1000, 1e-6, 'P = Q/COP');
    nearRel(last(out, 'hr.source_heat'), hand.Qs / 1000, 1e-6, 'Q_s = Q(1 − 1/COP)');
    nearRel(last(out, 'plant.chiller_heat'), (Q - hand.Qs) / 1000, 1e-6, 'chillers carry Q − Q_s');
    const k = out.report.kpis;
    near(k.facility_parts_kwh.heat_pump!, (hand.P * DUR) / 3.6e6, 6e-4, 'heat-pump energy is a facility part (kWh to 3 decimals)');
    nearRel(k.heat_reuse!.mean_cop!, hand.cop, 1e-6, 'seasonal COP at steady state');
  });

  it('below min_lift the COP is the one at min_lift (30 °C export from a 25 °C source: lift < 10 K)', () => {
    const Th = 30 + C2K, asked = 100e3;
    const cop = (eta * Th) / 10;
    const out = run(yaml(heatPump(30, 100, '', 20)), probes);
    near(last(out, 'hr.cop'), cop, 1e-6, 'COP at min_lift (series to 6 decimals)');
    nearRel(last(out, 'hr.source_heat'), (asked * (1 - 1 / cop)) / 1000, 1e-6, 'Q_s');
    expect(30 - last(out, 'hr.outlet')).toBeLessThan(10);
  });

  it('max_lift is a floor on the source: 70 °C export with a 40 K max lift cannot draw water below 30 °C, above this return: nothing', () => {
    const out = run(yaml(heatPump(70, 150, '\n  max_lift: 40 K')), probes);
    expect(Math.max(...series(out.report, 'hr.export').v)).toBe(0);
    expect(out.report.final['hr']!['state']).toBe('idle');
  });

  it('floor-limited by max_lift: with a 48 K max lift (floor 22 °C) it takes G·(T_r − 22) from the source', () => {
    const Th = 70 + C2K;
    const out = run(yaml(heatPump(70, 1500, '\n  max_lift: 48 K')), probes);
    const Qs = G * (T_RETURN - 22);
    const cop = (eta * Th) / 48;
    nearRel(last(out, 'hr.source_heat'), Qs / 1000, 1e-6, 'Q_s = G·(T_r − floor)');
    near(last(out, 'hr.cop'), cop, 1e-6, 'COP at the floor (series to 6 decimals)');
    nearRel(last(out, 'hr.export'), (Qs * cop) / (cop - 1) / 1000, 1e-6, 'delivered = Q_s·COP/(COP − 1)');
  });

  it('a failure stops the export and the chillers take the whole load back; repair restores it', () => {
    const out = run(yaml(heatPump(60, 150), 35, `events:\n  - { at: 1200 s, fail: hr }\n  - { at: 2400 s, repair: hr }`), probes);
    const ex = series(out.report, 'hr.export'), ch = series(out.report, 'plant.chiller_heat');
    const i = ex.t.findIndex((t) => t >= 1800);
    expect(ex.v[i]).toBe(0);
    nearRel(ch.v[i]!, Q / 1000, 1e-6, 'chillers carry Q while the heat pump is out');
    nearRel(ex.v[ex.v.length - 1]!, 150, 1e-9, 'exporting again after repair');
    expect(out.report.alarms.some((a) => a.component === 'hr' && a.kind === 'failure')).toBe(true);
  });
});

describe('the run\'s accounts with heat reuse', () => {
  it('energy balance closes with reused heat: in = rejected + reused + stored', () => {
    const out = run(yaml(heatPump(60, 150)));
    const eb = out.report.energy_balance;
    expect(eb.reused_j).toBeGreaterThan(0);
    expect(eb.error_rel).toBeLessThan(1e-9);
    near(eb.in_j - eb.rejected_j - eb.reused_j! - eb.stored_j, 0, 4, 'J, rounding of four integers');
  });

  it('ERE = (facility − reused)/IT and ERF = reused/facility from the report\'s own energies (The Green Grid WP#29)', () => {
    const k = run(yaml(heatPump(60, 150))).report.kpis;
    const reused = k.heat_reuse!.exported_kwh;
    // The report gives ERE and ERF to 6 decimals and energies to 1 Wh.
    near(k.ere!, (k.facility_energy_kwh - reused) / k.it_energy_kwh, 1e-6, 'ERE');
    near(k.erf!, reused / k.facility_energy_kwh, 1e-6, 'ERF');
    // The heat pump's electricity is in facility energy and in the heat it delivers: it cancels in ERE.
    near(k.ere!, (k.facility_energy_kwh - k.facility_parts_kwh.heat_pump! - k.heat_reuse!.from_fws_kwh) / k.it_energy_kwh, 1e-6, 'ERE credits only the hall\'s heat');
    expect(k.pue! - k.ere!).toBeGreaterThan(0);
  });

  it('a sale price credits the cost: heat_credit = price × exported, subtracted from total_cost', () => {
    const out = run(yaml(heatPump(60, 150) + '\n  price: 40 USD/MWh'));
    const e = out.report.economics, k = out.report.kpis;
    nearRel(e.heat_credit!, 40 * (k.heat_reuse!.exported_kwh / 1000), 1e-6, 'credit');
    nearRel(e.total_cost, e.energy_cost + e.capex_cost + e.opex_cost + e.water_cost - e.heat_credit!, 1e-9, 'total');
  });

  it('a displaced boiler credits fuel price / efficiency per unit of heat', () => {
    const out = run(yaml(heatPump(60, 150) + '\n  displaced_boiler: { fuel_price: 45 USD/MWh, efficiency: 0.9 }'));
    nearRel(out.report.economics.heat_credit!, (45 / 0.9) * (out.report.kpis.heat_reuse!.exported_kwh / 1000), 1e-6, 'boiler saving');
  });

  it('a recovery that never exports changes nothing else in the run: every other KPI as without it', () => {
    const plain = run(yaml('')).report;
    const idle = run(yaml(direct(40, 30, 2, 200))).report; // a 40 °C network: this return never reaches it
    const { ere, erf, heat_reuse, facility_parts_kwh, ...rest } = idle.kpis;
    const { facility_parts_kwh: parts0, ...rest0 } = plain.kpis;
    expect(heat_reuse!.exported_kwh).toBe(0);
    expect(rest).toEqual(rest0);
    expect({ ...facility_parts_kwh, heat_pump: undefined }).toEqual({ ...parts0, heat_pump: undefined });
    expect(ere).toBe(plain.kpis.pue);
    expect(erf).toBe(0);
  });

  it('is deterministic: two runs give the same report', () => {
    const a = run(yaml(heatPump(60, 150), 10)).report, b = run(yaml(heatPump(60, 150), 10)).report;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
