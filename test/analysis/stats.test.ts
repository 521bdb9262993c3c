/** Confidence intervals against values worked by hand. */
import { describe, it, expect } from 'vitest';
import { wilson, meanSummary, proportionSummary, quantiles, Z95 } from '../../sim/analysis/stats';

describe('Wilson score interval', () => {
  it('3 events in 100 trials: [0.01026, 0.08452] (z = 1.96)', () => {
    // By hand: p = 0.03, z² = 3.8415; centre = (0.03 + 3.8415/200)/(1 + 3.8415/100) = 0.049207/1.038415
    // = 0.047387; half = (1.96/1.038415)·√(0.03·0.97/100 + 3.8415/40000) = 1.887456·√0.000387037
    // = 1.887456·0.019673 = 0.037133 → [0.010254, 0.084520].
    const [lo, hi] = wilson(3, 100);
    expect(lo).toBeCloseTo(0.010254, 5);
    expect(hi).toBeCloseTo(0.08452, 5);
  });

  it('no events in 20 trials: [0, z²/(n + z²)] = [0, 0.16113]; all events: [1 − that, 1]', () => {
    const z2 = Z95 * Z95;
    expect(wilson(0, 20)).toEqual([0, expect.closeTo(z2 / (20 + z2), 12)]);
    expect(wilson(0, 20)[1]).toBeCloseTo(0.16113, 5);
    const [lo, hi] = wilson(20, 20);
    expect(hi).toBe(1);
    expect(lo).toBeCloseTo(1 - 0.16113, 5);
  });

  it('refuses impossible counts', () => {
    expect(() => wilson(5, 3)).toThrow(RangeError);
    expect(() => wilson(0, 0)).toThrow(RangeError);
  });

  it('proportionSummary counts the events', () => {
    expect(proportionSummary([true, false, false, true])).toEqual({ n: 4, events: 2, p: 0.5, ci95: wilson(2, 4) });
  });
});

describe('mean with its normal interval', () => {
  it('1, 2, 3, 4, 5: mean 3, s = √2.5, half-width 1.96·√2.5/√5 = 1.38590', () => {
    const m = meanSummary([5, 1, 4, 2, 3]);
    expect(m.mean).toBe(3);
    expect(m.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(m.ci95![1] - 3).toBeCloseTo(1.385904, 6);
    expect(m.quantiles).toEqual({ min: 1, p05: 1.2, p50: 3, p95: 4.8, max: 5 });
  });

  it('one value: no spread, no interval', () => {
    expect(meanSummary([7])).toMatchObject({ n: 1, mean: 7, sd: null, ci95: null });
  });

  it('percentiles interpolate between order statistics', () => {
    expect(quantiles([0, 10])).toEqual({ min: 0, p05: 0.5, p50: 5, p95: 9.5, max: 10 });
  });
});
