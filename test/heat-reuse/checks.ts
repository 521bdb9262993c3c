/**
 * Heat reuse's rows of the physics page's closed-form table (test/physics/checks.ts gathers them; the
 * detailed suite is recovery.test.ts and demand.test.ts). The hall and its hand balance: hall.ts.
 */
import type { CheckGroup } from '../physics/checks';
import { run, series } from '../physics/util';
import { G, Q, T_RETURN, yaml, probes, last, direct, heatPump, carnotByHand } from './hall';

const C2K = 273.15;
const DAILY = [0.6, 0.55, 0.55, 0.55, 0.6, 0.75, 0.95, 1, 1, 0.9, 0.85, 0.8, 0.8, 0.8, 0.8, 0.85, 0.9, 1, 1, 0.95, 0.9, 0.8, 0.7, 0.65];

export const heatReuse: CheckGroup = {
  component: 'Heat reuse',
  test: 'test/heat-reuse/recovery.test.ts, test/heat-reuse/demand.test.ts',
  rows() {
    const capped = run(yaml(direct(22, 12, 2, 200)), probes);
    const floor = run(yaml(direct(22, 19, 2, 1000)), probes);
    const blocked = run(yaml(direct(24, 12, 2, 200)), probes);
    const hand = carnotByHand(60 + C2K, 150e3);
    const hp = run(yaml(heatPump(60, 150)), probes);
    const k = hp.report.kpis;
    const day = run(yaml(direct(22, 12, 2, 300).replace('demand: { peak: 300 kW }', `demand: { peak: 300 kW, daily: [${DAILY.join(', ')}] }`), 35, '', '24 h'));
    const eb = hp.report.energy_balance;
    return [
      { check: 'direct, capped: chiller duty = Q − Q_asked (200 kW)', unit: 'kW', expected: (Q - 200e3) / 1000, got: last(capped, 'plant.chiller_heat'), tolerance: 1e-6, mode: 'rel' },
      { check: 'direct, floor-limited: export = G·(T_return − (T_network return + approach))', unit: 'kW', expected: (G * (T_RETURN - 21)) / 1000, got: last(floor, 'hr.export'), tolerance: 1e-6, mode: 'rel' },
      { check: 'direct: T_return < T_network supply + approach exports nothing', unit: 'kW', expected: 0, got: Math.max(...series(blocked.report, 'hr.export').v), tolerance: 0, mode: 'abs' },
      { check: 'heat pump: source outlet T_s = (T_r − Q/G + k·T_h)/(1 + k)', unit: '°C', expected: hand.Ts, got: last(hp, 'hr.outlet'), tolerance: 2e-3, mode: 'abs' },
      { check: 'heat pump: COP = η·T_h/(T_h − T_s)', unit: '', expected: hand.cop, got: last(hp, 'hr.cop'), tolerance: 1e-6, mode: 'rel' },
      { check: 'heat pump: electric P = Q/COP', unit: 'kW', expected: hand.P / 1000, got: last(hp, 'hr.electric_power'), tolerance: 1e-6, mode: 'rel' },
      { check: 'heat pump: chiller duty = Q − Q(1 − 1/COP)', unit: 'kW', expected: (Q - hand.Qs) / 1000, got: last(hp, 'plant.chiller_heat'), tolerance: 1e-6, mode: 'rel' },
      { check: 'daily demand profile: export over a day = Σ peak·f_h·1 h', unit: 'kWh', expected: DAILY.reduce((a, f) => a + 300 * f, 0), got: day.report.kpis.heat_reuse!.exported_kwh, tolerance: 2e-3, mode: 'abs' },
      { check: 'ERE = (facility − reused)/IT from the report\'s energies', unit: '', expected: (k.facility_energy_kwh - k.heat_reuse!.exported_kwh) / k.it_energy_kwh, got: k.ere!, tolerance: 1e-6, mode: 'abs' },
      { check: 'ERF = reused/facility', unit: '', expected: k.heat_reuse!.exported_kwh / k.facility_energy_kwh, got: k.erf!, tolerance: 1e-6, mode: 'abs' },
      { check: 'energy balance (in − rejected − reused − stored)/in', unit: '', expected: 0, got: (eb.in_j - eb.rejected_j - eb.reused_j! - eb.stored_j) / eb.in_j, tolerance: 1e-9, mode: 'abs' },
    ];
  },
};
