/**
 * Inverse-time overload, dθ/dt = (x² − 1)/T above rating: from cold, a path at x times its rating trips
 * (θ = 1) after T/(x² − 1). The steps are exact for constant load, so the tolerance is rounding.
 */
import { describe, it, expect } from 'vitest';
import { overloadTheta, tripFraction } from '../../sim/power/protection';

describe('power/protection', () => {
  it('at 2× rating a path trips after T/3', () => {
    const T = 60;
    expect(overloadTheta(0, 2, T / 3, T)).toBeCloseTo(1, 12);
  });

  it('below rating θ cools at 1/T and never goes negative', () => {
    expect(overloadTheta(0.5, 0.8, 15, 60)).toBeCloseTo(0.25, 12);
    expect(overloadTheta(0.1, 0.8, 60, 60)).toBe(0);
  });

  it('locates the crossing of θ = 1 inside a step', () => {
    // θ from 0.5 to 1.5 over the step: it reached 1 halfway.
    expect(tripFraction(0.5, 1.5)).toBeCloseTo(0.5, 12);
  });
});
