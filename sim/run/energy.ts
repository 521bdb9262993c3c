/**
 * The facility's energy as the sum of its named parts, in one place: the report, the annual breakdown and
 * a time-of-day tariff all price and total the same thing (a part added here reaches all of them).
 */
import type { Accounts } from './simulation';
import type { PowerChain } from '../power/chain';

/** Cooling energy, J: CDU and FWS pumps, CRAH fans, chillers and their controls, condenser fans and pumps, free-cooling fans. */
export function coolingJ(a: Accounts): number {
  return a.pumps + a.fwsPumps + a.fans + a.chillers + a.chillerControls + a.condenserFans + a.condenserPumps + a.freeCoolingFans;
}

/** Electrical losses, J: UPS, distribution and battery storage conversion. */
export function lossesJ(pw: PowerChain | null): number {
  return pw ? pw.acc.upsLoss + pw.acc.distLoss + pw.storage.loss : 0;
}

/**
 * Facility energy, J: IT, cooling, losses, site loads outside IT and cooling (hall lighting; BMS, security,
 * offices) and a heat-recovery heat pump (inside the boundary: docs/physics.md, "Heat reuse").
 */
export function facilityJ(a: Accounts, pw: PowerChain | null): number {
  return a.it + coolingJ(a) + lossesJ(pw) + a.lighting + a.other + a.heatPump;
}
