/**
 * Psychrometrics against published values: ASHRAE Handbook—Fundamentals (2017) chapter 1 — Table 3
 * (saturation pressure of water), Table 1 (standard atmosphere), Example 1 (40 °C dry bulb, 20 °C
 * thermodynamic wet bulb at 101.325 kPa: W = 0.0065, φ = 14 %) — and Stull (2011), "Wet-bulb temperature
 * from relative humidity and air temperature", J. Appl. Meteor. Climatol. 50: 20 °C at 50 % RH has a
 * wet bulb of 13.7 °C at sea level.
 */
import { describe, it, expect } from 'vitest';
import {
  saturationPressure, humidityRatio, humidityRatioFromWetBulb, wetBulbFromDewPoint, wetBulbFromRelativeHumidity,
  wetBulbFromVapourPressure, standardPressure,
} from '../../sim/physics/psychrometrics';

const P0 = 101325;
/** Dew point of vapour pressure pw, by bisection on the saturation curve (the test's own inverse). */
function dewPoint(pw: number): number {
  let lo = -100, hi = 100;
  for (let i = 0; i < 100; i++) { const m = (lo + hi) / 2; if (saturationPressure(m) > pw) hi = m; else lo = m; }
  return lo;
}

describe('saturation pressure (Hyland–Wexler, ASHRAE eqs. 5 and 6)', () => {
  // Table 3 of chapter 1; the chapter states the formulas are within 300 ppm of these from −100 to 200 °C.
  it.each([
    [-20, 103.24], [-5, 401.74], [5, 872.6], [25, 3169.7], [50, 12351.3],
  ])('%s °C: %s Pa within 300 ppm', (t, p) => {
    expect(Math.abs(saturationPressure(t) / p - 1)).toBeLessThan(3e-4);
  });

  it('is continuous at 0 °C where the ice and water formulas meet (611.2 Pa, the triple point ±0.1 %)', () => {
    expect(Math.abs(saturationPressure(-1e-9) / saturationPressure(0) - 1)).toBeLessThan(1e-3);
    expect(saturationPressure(0)).toBeCloseTo(611.2, 0);
  });
});

describe('standard atmosphere (ASHRAE eq. 3 against Table 1)', () => {
  it.each([[0, 101325], [500, 95461], [1000, 89875], [4000, 61640]])('%s m: %s Pa within 1 Pa', (z, p) => {
    expect(Math.abs(standardPressure(z) - p)).toBeLessThan(1);
  });
});

describe('wet bulb', () => {
  it('ASHRAE Example 1: 40 °C dry bulb, 20 °C wet bulb → W = 0.0065 and φ = 14 %', () => {
    const w = humidityRatioFromWetBulb(40, 20, P0);
    // The handbook's 0.0065 takes W*s at 20 °C from Table 2 (0.014 75, real-gas enhancement); eq. 20's
    // ideal-gas 0.014 70 gives 0.0064: agreement to 1.5e-4, which is the enhancement factor, not an error.
    expect(Math.abs(w - 0.0065)).toBeLessThan(1.5e-4);
    const pw = (w * P0) / (0.621945 + w);
    expect(Math.abs(pw / saturationPressure(40) - 0.14)).toBeLessThan(0.005);
  });

  it('Example 1 read backwards: the handbook W = 0.0065 at 40 °C gives a wet bulb of 20 °C ± 0.1 K', () => {
    const pw = (0.0065 * P0) / (0.621945 + 0.0065);
    expect(Math.abs(wetBulbFromVapourPressure(40, pw, P0) - 20)).toBeLessThan(0.1);
  });

  it('dew point, relative humidity and wet bulb describe the same air: each way round agrees to 1e-5 K', () => {
    for (const [t, wb] of [[40, 20], [30, 25], [10, 5], [-1, -5], [35, 18]] as const) {
      const w = humidityRatioFromWetBulb(t, wb, P0);
      const pw = (w * P0) / (0.621945 + w);
      expect(Math.abs(wetBulbFromDewPoint(t, dewPoint(pw), P0) - wb)).toBeLessThan(1e-5);
      expect(Math.abs(wetBulbFromRelativeHumidity(t, pw / saturationPressure(t), P0) - wb)).toBeLessThan(1e-5);
    }
  });

  it('Stull (2011): 20 °C at 50 % RH has a wet bulb of 13.7 °C (±0.3 K, the mean absolute error his paper states for his fit)', () => {
    expect(Math.abs(wetBulbFromRelativeHumidity(20, 0.5, P0) - 13.7)).toBeLessThan(0.3);
  });

  it('saturated air has its wet bulb at its dry bulb; dry air far below it', () => {
    expect(wetBulbFromRelativeHumidity(25, 1, P0)).toBe(25);
    expect(wetBulbFromDewPoint(25, 30, P0)).toBe(25); // a dew point above the dry bulb is saturation
    expect(wetBulbFromRelativeHumidity(40, 0.05, P0)).toBeLessThan(20);
  });

  it('lower pressure (altitude) evaporates more: the same air has a lower wet bulb at 1,500 m', () => {
    const pw = 0.4 * saturationPressure(30);
    const sea = wetBulbFromVapourPressure(30, pw, P0), high = wetBulbFromVapourPressure(30, pw, standardPressure(1500));
    expect(high).toBeLessThan(sea - 0.3);
    // Each still satisfies eq. 33 for its own pressure.
    expect(Math.abs(humidityRatioFromWetBulb(30, high, standardPressure(1500)) - humidityRatio(pw, standardPressure(1500)))).toBeLessThan(1e-8);
  });
});
