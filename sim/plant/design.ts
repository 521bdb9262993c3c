/**
 * Design consistency, checked once at load with every unit healthy at design conditions (every rack at its
 * design power). What cannot work even then is rejected with the field to change and the reason; what is
 * merely tight is a warning the report and the page show before a run. Failures and overloads a scenario
 * scripts are its purpose and are never judged here.
 *
 * Thresholds: "cannot work" is a factor of two short (a unit at twice its rating, a plant with half the
 * capacity or flow it needs) — no control or margin closes that, so it is a typo or a wrong unit; anything
 * short by less is stated as a warning.
 */
import type { Scenario } from '../scenario/schema';
import type { ScenarioIssue } from '../scenario/issues';
import type { Plant } from './types';
import { capacityFactor, chillerPower } from '../physics/chiller';

const SHORT = 0.5;
const toC = (k: number) => (k - 273.15).toFixed(1);
const kw = (w: number) => `${Math.round(w / 1000).toLocaleString('en-US')} kW`;
const lps = (rate: number, rhoCp: number) => `${(rate / rhoCp * 1000).toFixed(1)} L/s`;

export function checkDesign(s: Scenario, plant: Plant, fwsRhoCp: number, rackFlowFields: readonly string[], err: (path: string, message: string) => void, warn: (message: string) => void): void {
  const { racks, cdus, crahs, chillers, freeCoolers, fws } = plant;
  let designHeat = (s.hall.other_heat ?? 0) + plant.facility.lighting;
  for (let r = 0; r < racks.n; r++) designHeat += racks.designPower[r]!;

  // Facility water: the plant must move what the CDU exchangers and CRAH coils draw.
  if (s.plant?.flow !== undefined) {
    let drawn = 0;
    for (let c = 0; c < cdus.n; c++) drawn += cdus.fwsRate[c]!;
    for (let c = 0; c < crahs.n; c++) drawn += crahs.capacity[c]! / 10;
    if (drawn > 0 && fws.rate < SHORT * drawn)
      err('plant.flow', `${lps(fws.rate, fwsRhoCp)} is less than half of the ${lps(drawn, fwsRhoCp)} the CDU exchangers and CRAH coils draw at design: the facility water would return far above any cooling limit`);
    else if (fws.rate < drawn * (1 - 1e-9))
      warn(`plant.flow: ${lps(fws.rate, fwsRhoCp)} is below the ${lps(drawn, fwsRhoCp)} the exchangers and coils draw at design`);
  }

  // Heat rejection: chillers and free cooling together against the design heat.
  const rejection = chillers.reduce((a, c) => a + c.capacity, 0) + freeCoolers.reduce((a, f) => a + f.capacity, 0);
  if (rejection > 0 && rejection < SHORT * designHeat)
    err(chillers.length ? 'plant.chillers' : 'plant.free_cooling', `${kw(rejection)} of heat rejection is less than half of the ${kw(designHeat)} design heat (racks at design power, other_heat and hall lighting)`);
  else if (rejection > 0 && rejection < designHeat)
    warn(`plant: ${kw(rejection)} of heat rejection is below the ${kw(designHeat)} design heat; the facility water will rise at full load`);

  // CDUs: a stated capacity against the liquid heat of the racks they feed.
  (s.cdus ?? []).forEach((spec, i) => {
    if (spec.capacity === undefined) return;
    const c = cdus.ids.indexOf(spec.id);
    if (c < 0) return;
    let liquid = 0;
    for (let r = cdus.rackStart[c]!; r < cdus.rackEnd[c]!; r++) liquid += racks.designPower[r]! * racks.liquidFraction[r]!;
    if (liquid > 0 && spec.capacity < SHORT * liquid)
      err(`cdus[${i}].capacity`, `${kw(spec.capacity)} is less than half of the ${kw(liquid)} of liquid heat its racks give at design`);
    else if (spec.capacity < liquid * (1 - 1e-9))
      warn(`cdus[${i}].capacity: ${kw(spec.capacity)} is below the ${kw(liquid)} of liquid heat its racks give at design`);
  });

  // Rack coolant: at design power and flow, with the CDU at its supply setpoint, the coolant leaves the
  // cold plates at supply + Q_liquid / (ṁ·cp). Past the trip temperature the rack cannot run at design even
  // with everything healthy (a flow typo: 0.075 L/min/kW gave a 170 K rise); past the throttle, a warning.
  let tripping = -1, tripCount = 0, throttling = -1;
  let worst = 0;
  for (let r = 0; r < racks.n; r++) {
    const c = racks.cdu[r]!;
    if (c < 0 || racks.designFlow[r]! <= 0) continue;
    const out = cdus.supplySetpoint[c]! + (racks.designPower[r]! * racks.liquidFraction[r]!) / (racks.designFlow[r]! * cdus.density[c]! * cdus.cp[c]!);
    if (out > racks.tripT[r]!) { if (tripping < 0) { tripping = r; worst = out; } tripCount++; }
    else if (out > racks.throttleT[r]! && throttling < 0) throttling = r;
  }
  if (tripping >= 0) {
    const r = tripping, c = racks.cdu[r]!;
    err(rackFlowFields[r]!, `${racks.ids[r]}${tripCount > 1 ? ` and ${tripCount - 1} more` : ''}: at design power the coolant would leave at ${toC(worst)} °C (supply ${toC(cdus.supplySetpoint[c]!)} °C + ${(worst - cdus.supplySetpoint[c]!).toFixed(0)} K), above the trip temperature ${toC(racks.tripT[r]!)} °C; expected a flow giving a rise of about 10 K (1.5 L/min/kW)`);
  } else if (throttling >= 0) warn(`${rackFlowFields[throttling]}: ${racks.ids[throttling]} would run above its throttle temperature at design power with everything healthy`);

  // Chiller curves: over the curves' own range the capacity factor and the electric input ratio must stay
  // physical, or a coefficient typo (1e308) turns the plant's power into infinity mid-run.
  chillers.forEach((ch, i) => {
    const [l0, l1] = ch.curves.leavingBounds as [number, number];
    const [c0, c1] = ch.curves.condenserBounds as [number, number];
    for (const x of [l0, (l0 + l1) / 2, l1]) for (const y of [c0, (c0 + c1) / 2, c1]) {
      const cap = capacityFactor(ch.curves, x, y);
      if (!(cap > 0.05 && cap < 5)) { err(`plant.chillers[${i}].curves.cap_ft`, `gives a capacity factor of ${cap} at ${x} °C leaving / ${y} °C condenser; expected a curve near 1 over its range`); return; }
      for (const plr of [ch.curves.minPLR, 0.5, 1]) {
        const p = chillerPower(ch.curves, ch.capacity, ch.cop, plr * ch.capacity * cap, x, y);
        const copHere = (plr * ch.capacity * cap) / p;
        if (!(copHere > 0.5 && copHere < 50)) {
          err(`plant.chillers[${i}].curves`, `give a COP of ${Number.isFinite(copHere) ? copHere.toPrecision(3) : copHere} at ${x} °C leaving / ${y} °C condenser, part load ${plr}; expected 0.5–50 (eir_ft and eir_fplr near 1)`);
          return;
        }
      }
    }
  });

}
