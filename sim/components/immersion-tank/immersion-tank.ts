/**
 * The immersion tank compiled: the bath is a rack node with all its heat to liquid, and its exchanger loop
 * is a CDU (flagged `immersion`), so the solver, failure modes, probes and final states of rack/rack.ts and
 * cdu/cdu.ts cover it. Here: how a tank becomes those two drafts.
 */
import { Cooling, restartDelay, type RackDraft } from '../rack/rack';
import { RACK } from '../rack/schema';
import type { CduDraft } from '../cdu/cdu';
import { CDU } from '../cdu/schema';
import { IMMERSION_TANK, type ImmersionTankSpec } from './schema';

/** Tank `hall.immersion_tanks[i]` in row `tankRow` (after the hall's rows): its bath and its exchanger `<id>-hx`. */
export function draftImmersionTank(t: ImmersionTankSpec, i: number, tankRow: number, err: (path: string, message: string) => void): { rack: RackDraft; cdu: CduDraft } {
  const T = IMMERSION_TANK;
  const path = `hall.immersion_tanks[${i}]`;
  const density = t.fluid?.density ?? T.fluid.density;
  const cp = t.fluid?.cp ?? T.fluid.cp;
  const flow = t.flow ?? t.power / (density * cp * T.bathRise);
  const throttleT = t.throttle_temperature ?? T.throttleTemperature;
  const tripT = t.trip_temperature ?? T.tripTemperature;
  if (tripT <= throttleT) err(`${path}.trip_temperature`, 'expected a trip temperature above the throttle temperature');
  const cduId = `${t.id}-hx`;
  return {
    rack: {
      id: t.id, row: 'immersion', rowIndex: tankRow, slot: i, cooling: Cooling.Immersion, cduId, gpus: t.gpus ?? T.gpus, flowField: `${path}.flow`,
      power: t.power, idle: t.idle_power ?? RACK.idleFraction * t.power, lf: 1, flow,
      capacity: (t.fluid_volume ?? T.fluidVolume) * density * cp + (t.structure_heat_capacity ?? T.structureHeatCapacity), rate: flow * density * cp,
      throttleT, tripT, throttleFraction: t.throttle_power_fraction ?? RACK.throttlePowerFraction,
      hysteresis: t.throttle_hysteresis ?? RACK.throttleHysteresis, inletThrottle: Infinity, inletTrip: Infinity,
      restartDelay: restartDelay(t.restart_after),
      load: t.load ?? 1, split: null, path,
    },
    cdu: {
      id: cduId, path, supplySetpoint: t.supply_setpoint ?? T.supplySetpoint, flowSetpoint: 1, density, cp, capacity: t.power,
      designApproach: t.design_approach ?? T.designApproach, ua: t.ua, fwsFlow: undefined, loopVolume: T.loopVolume, fouling: 0,
      pumps: T.pumps, required: T.pumpsRequired, designHead: T.designHead, shutoffRatio: CDU.shutoffRatio, efficiency: CDU.pumpEfficiency, ratedFlow: undefined, units: 1, unitsRequired: 1, immersion: true,
    },
  };
}
