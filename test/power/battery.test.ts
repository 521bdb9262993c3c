/**
 * UPS and battery laws: loss = R·(a + b·x + c·x²) at x = L/R; recharge capped by what fills the battery;
 * a constant-power drain crosses the runtime alarm where energy left = threshold × draw.
 */
import { describe, it, expect } from 'vitest';
import { upsLoss, rechargePower, runtimeCrossing, depleted, peukertRuntime, peukertDraw } from '../../sim/power/battery';

describe('power/battery', () => {
  it('loses a + b + c of its rating at full load and nothing idle', () => {
    expect(upsLoss(1e6, 1e6, [0.015, 0.02, 0.01])).toBeCloseTo(45_000, 6);
    expect(upsLoss(0, 1e6, [0.015, 0.02, 0.01])).toBe(0);
  });

  it('recharges at its rate, no more than refills it, and not without mains', () => {
    expect(rechargePower(true, 1000, 1e6, 0, 10)).toBe(1000);
    expect(rechargePower(true, 1000, 1e6, 1e6 - 500, 10)).toBe(50);
    expect(rechargePower(false, 1000, 1e6, 0, 10)).toBe(0);
  });

  it('stamps the runtime alarm where the energy left is threshold × draw', () => {
    // 100 kW draw, 300 s threshold → 30 MJ: a 10 s step from 31 MJ to 30 MJ crosses at its end.
    expect(runtimeCrossing(100, 10, 31e6, 30e6, 300, 1e5)).toBeCloseTo(100, 9);
    // From 30.5 MJ to 29.5 MJ it crossed halfway.
    expect(runtimeCrossing(100, 10, 30.5e6, 29.5e6, 300, 1e5)).toBeCloseTo(95, 9);
    // Already below at the step's start: not inside the step.
    expect(runtimeCrossing(100, 10, 29e6, 28e6, 300, 1e5)).toBeNull();
  });

  it('counts a battery empty within rounding of its capacity', () => {
    expect(depleted(1e-7, 1e9)).toBe(true);
    expect(depleted(10, 1e9)).toBe(false);
  });

  describe('Peukert', () => {
    // 400 Ah at the 20-hour rate, k = 1.15 (SI: coulombs, seconds).
    const C = 400 * 3600, H = 20 * 3600, k = 1.15;

    it('lasts H at the rated current C/H, and H·(C/(I·H))^k at two other rates', () => {
      expect(peukertRuntime(C, H, k, 20)).toBeCloseTo(H, 6);
      // 400 A (1C): 20 h · (1/20)^1.15 = 20^−0.15 h = 0.6383 h.
      expect(peukertRuntime(C, H, k, 400) / 3600).toBeCloseTo(20 ** -0.15, 9);
      // 100 A: 20 h · (1/5)^1.15 = 3.1316 h — less than the 4 h a linear amp-hour count gives.
      expect(peukertRuntime(C, H, k, 100) / 3600).toBeCloseTo(20 * 0.2 ** 1.15, 9);
      expect(peukertRuntime(C, H, k, 100)).toBeLessThan(4 * 3600);
    });

    it('uses up the nominal energy V·C at V·C / t(I): runtime = energy / draw at any current', () => {
      const V = 480;
      for (const I of [20, 100, 400]) {
        const P = V * I;
        expect((V * C) / peukertDraw(P, V, C, H, k)).toBeCloseTo(peukertRuntime(C, H, k, I), 6);
      }
      // k = 1 is the kWh battery: the draw is the power.
      expect(peukertDraw(1e5, V, C, H, 1)).toBe(1e5);
    });
  });
});
