/**
 * The hall the heat-reuse checks run on (recovery.test.ts and the physics page's rows, checks.ts): the
 * free-cooling suite's four 100 kW air racks, one 600 kW CRAH, 20 L/s of facility water held at 20 °C, and
 * its steady FWS heat Q and return T_set + Q/G by hand.
 */
import { run, series, WATER, G0 } from '../physics/util';

export const DUR = 3600;
const C2K = 273.15;
export const RACKS = 4 * 100e3, CRAH = 600e3;
export const G = 0.02 * WATER.rho * WATER.cp;
export const FWS_PUMP = (WATER.rho * G0 * 25 * 0.02) / 0.7;
export const LIGHTING = 6 * 2.5 * 4;
export const Q = RACKS + 0.015 * CRAH + FWS_PUMP + LIGHTING;
export const SET = 20;
export const T_RETURN = SET + Q / G;

/** The hall with a `heat_reuse` block (YAML) in warm (35 °C: chillers only) or cold weather, for DUR or `duration`. */
export function yaml(heatReuse: string, dry = 35, extra = '', duration = `${DUR} s`): string {
  return `
version: 1
name: heat recovery
duration: ${duration}
weather: { kind: constant, dry_bulb: ${dry} degC, wet_bulb: 22 degC }
rack_types:
  air: { cooling: air, power: 100 kW, load: 1 }
hall:
  air_setpoint: 27 degC
  rows:
    - { id: row-A, type: air, count: 4 }
  crahs:
    - { id: crah-1, capacity: ${CRAH / 1000} kW }
plant:
  supply_setpoint: ${SET} degC
  flow: 20 L/s
  free_cooling:
    - { id: fc-1, kind: dry_cooler, capacity: 1.5 MW, approach: 5 K }
  chillers:
    - { id: ch-1, capacity: 2 MW }
${heatReuse}
${extra}`;
}

export const probes = ['plant.chiller_heat', 'plant.free_cooling_heat', 'plant.fws_return', 'plant.fws_supply', 'hr.export', 'hr.source_heat', 'hr.electric_power', 'hr.cop', 'hr.outlet', 'hr.demand'];
export const last = (out: ReturnType<typeof run>, name: string) => { const s = series(out.report, name); return s.v[s.v.length - 1]!; };

/** A direct exchanger; `band` in K (0.5 K by default here, so a return 0.93 K above the threshold is past it). */
export const direct = (supply: number, ret: number, approach: number, peak: number, band: number | null = 0.5) => `
heat_reuse:
  id: hr
  kind: direct
  capacity: 2 MW
  network: { supply: ${supply} degC, return: ${ret} degC }
  approach: ${approach} K${band === null ? '' : `\n  band: ${band} K`}
  demand: { peak: ${peak} kW }`;

export const heatPump = (supply: number, peak: number, more = '', ret = 40) => `
heat_reuse:
  id: hr
  kind: heat_pump
  capacity: 2 MW
  network: { supply: ${supply} degC, return: ${ret} degC }
  carnot_efficiency: 0.5
  demand: { peak: ${peak} kW }${more}`;


/**
 * A heat pump on its Carnot line by hand (T_h in K, Q delivered in W): source outlet
 * T_s = (T_r − Q/G + k·T_h)/(1 + k), k = Q/(G·η·T_h); COP = η·T_h/(T_h − T_s); P = Q/COP; Q_s = Q − P.
 */
export function carnotByHand(Th: number, asked: number, eta = 0.5): { Ts: number; cop: number; P: number; Qs: number } {
  const k = asked / (G * eta * Th);
  const Ts = (T_RETURN + C2K - asked / G + k * Th) / (1 + k);
  const cop = (eta * Th) / (Th - Ts);
  return { Ts: Ts - C2K, cop, P: asked / cop, Qs: asked - asked / cop };
}
