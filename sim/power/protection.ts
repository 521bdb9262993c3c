/**
 * Inverse-time overload protection: each path (and each generator) integrates θ, dθ/dt = (x² − 1)/T above
 * its rating (x = load/rating) and cools at 1/T below; it trips when θ reaches 1. So at 2× rating a path
 * trips after T/3. The run retakes a step to land on the crossing (chain.ts earliestEvent).
 */

/** θ after a step of h at load ratio x, from θ0 at the step's start, with overload time T. */
export const overloadTheta = (theta0: number, x: number, h: number, T: number): number =>
  x > 1 ? theta0 + (h * (x * x - 1)) / T : Math.max(0, theta0 - h / T);

/** Fraction of the step at which θ, going from theta0 to theta, reached 1 (linear in the step). */
export const tripFraction = (theta0: number, theta: number): number => (1 - theta0) / (theta - theta0);

/** θ at which an element counts as tripped: 1 within rounding. */
export const TRIP_THETA = 1 - 1e-9;
