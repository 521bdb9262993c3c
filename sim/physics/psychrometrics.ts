/**
 * Moist-air psychrometrics for the weather the plant sees: the thermodynamic wet bulb from a dry bulb, a
 * humidity (dew point or relative humidity) and the station pressure. Equations and coefficients are
 * ASHRAE Handbook—Fundamentals (2017), chapter 1 (the same ones EnergyPlus's psychrometric routines use):
 * saturation pressure over ice and over water (Hyland & Wexler, eqs. 5 and 6), humidity ratio (eq. 20),
 * the wet-bulb energy balance (eqs. 33 and 35) and the standard atmosphere (eq. 3). Temperatures °C,
 * pressures Pa, humidity ratio kg of water per kg of dry air. Chapter 1 states the saturation pressures
 * are within 300 ppm of the measured ones from −100 to 200 °C (test/physics/psychrometrics.test.ts checks
 * them against its Table 3).
 */
import { dmath } from '../kernel/math';

const C_TO_K = 273.15;
/** Ratio of the molar masses of water and dry air (eq. 20). */
const MOLAR_RATIO = 0.621945;

/** Saturation pressure of water vapour, Pa, over ice below 0 °C (eq. 5) and over liquid water above (eq. 6). */
export function saturationPressure(tC: number): number {
  const T = tC + C_TO_K;
  const lnT = dmath.log(T);
  if (tC < 0) {
    return dmath.exp(-5.6745359e3 / T + 6.3925247 - 9.677843e-3 * T + 6.2215701e-7 * T * T
      + 2.0747825e-9 * T * T * T - 9.484024e-13 * T * T * T * T + 4.1635019 * lnT);
  }
  return dmath.exp(-5.8002206e3 / T + 1.3914993 - 4.8640239e-2 * T + 4.1764768e-5 * T * T
    - 1.4452093e-8 * T * T * T + 6.5459673 * lnT);
}

/** Humidity ratio of air whose water vapour has partial pressure `pw` at total pressure `p` (eq. 20). */
export function humidityRatio(pw: number, p: number): number {
  return (MOLAR_RATIO * pw) / (p - pw);
}

/**
 * Humidity ratio of air at dry bulb `tC` whose thermodynamic wet bulb is `wbC` (eq. 33 at or above
 * 0 °C, eq. 35 over ice below): the energy balance of adiabatic saturation.
 */
export function humidityRatioFromWetBulb(tC: number, wbC: number, p: number): number {
  const ws = humidityRatio(saturationPressure(wbC), p);
  return wbC >= 0
    ? ((2501 - 2.326 * wbC) * ws - 1.006 * (tC - wbC)) / (2501 + 1.86 * tC - 4.186 * wbC)
    : ((2830 - 0.24 * wbC) * ws - 1.006 * (tC - wbC)) / (2830 + 1.86 * tC - 2.1 * wbC);
}

/** Bisection stops when the bracket is this narrow, K: far below the 0.1 K weather files are written to. */
const WET_BULB_TOLERANCE = 1e-6;

/**
 * Thermodynamic wet bulb, °C, of air at dry bulb `tC` with water-vapour partial pressure `pw` at pressure
 * `p`: the root of eq. 33/35 in the wet bulb, found by bisection between a lower bracket and the dry bulb.
 * Humidity ratio rises monotonically with the wet bulb, so bisection always converges; a fixed count of
 * halvings keeps it deterministic. Air at or above saturation returns its dry bulb.
 */
export function wetBulbFromVapourPressure(tC: number, pw: number, p: number): number {
  const w = humidityRatio(pw, p);
  if (w >= humidityRatio(saturationPressure(tC), p)) return tC;
  // The wet bulb lies between the dew point and the dry bulb; 100 K below the dry bulb brackets any
  // air a weather file can hold (its range is −70 … 70 °C) without computing the dew point first.
  let lo = tC - 100, hi = tC;
  while (hi - lo > WET_BULB_TOLERANCE) {
    const mid = 0.5 * (lo + hi);
    if (humidityRatioFromWetBulb(tC, mid, p) > w) hi = mid; else lo = mid;
  }
  return 0.5 * (lo + hi);
}

/** Wet bulb, °C, from dry bulb and dew point, °C, at station pressure p, Pa. */
export function wetBulbFromDewPoint(tC: number, dewPointC: number, p: number): number {
  return wetBulbFromVapourPressure(tC, saturationPressure(Math.min(dewPointC, tC)), p);
}

/** Wet bulb, °C, from dry bulb, °C, and relative humidity (0 … 1, relative to saturation at the dry bulb). */
export function wetBulbFromRelativeHumidity(tC: number, rh: number, p: number): number {
  return wetBulbFromVapourPressure(tC, Math.min(1, rh) * saturationPressure(tC), p);
}

/** Standard-atmosphere pressure at elevation z (m above sea level), Pa (eq. 3). */
export function standardPressure(z: number): number {
  return 101325 * dmath.pow(1 - 2.25577e-5 * z, 5.2559);
}
