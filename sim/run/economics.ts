/**
 * The capital side of the economics section (docs/scenario-format.md, docs/tco.md): what the hall cost
 * to build and what that costs per year. Shared by the run report (its cost KPIs over the run) and
 * `dctwin tco` (sim/analysis/tco.ts).
 */
import type { EconomicsSpec } from '../scenario/schema';
import type { Racks } from '../components/rack/rack';
import { ECONOMICS } from '../scenario/defaults';
import { dmath } from '../kernel/math';

/** A year of 365.25 days: `life: 5 years` and `opex_per_year` count in these. */
export const YEAR_S = 365.25 * 86_400;

export interface Capital {
  /** Everything but the GPUs: `capex` + per rack + per MW of IT design power. */
  facility: number;
  /** `capex_per_gpu` × GPUs. */
  gpu: number;
  total: number;
  /** Value left at the end of life: facility × residual_value + GPUs × gpu_residual_value. */
  residual: number;
  life_years: number;
  interest_rate: number;
  /** Cost of the capital per year over the life (annuity, or straight line at 0 % interest). */
  annual: number;
}

/**
 * Yearly cost of capital C that is worth R after n years, financed at rate r: the annuity that repays
 * C − R·(1+r)^−n (the residual's present value) over n years, (C − R(1+r)^−n)·r / (1 − (1+r)^−n); at
 * r = 0 the straight line (C − R)/n.
 */
export function annualCapitalCost(C: number, R: number, years: number, r: number): number {
  if (r === 0) return (C - R) / years;
  const v = dmath.pow(1 + r, -years);
  return ((C - R * v) * r) / (1 - v);
}

export function capital(econ: EconomicsSpec, racks: Pick<Racks, 'n' | 'gpus' | 'designPower'>): Capital {
  let gpus = 0, itW = 0;
  for (let r = 0; r < racks.n; r++) { gpus += racks.gpus[r]!; itW += racks.designPower[r]!; }
  const facility = (econ.capex ?? 0) + (econ.capex_per_rack ?? 0) * racks.n + (econ.capex_per_mw ?? 0) * (itW / 1e6);
  const gpu = (econ.capex_per_gpu ?? 0) * gpus;
  const residualShare = econ.residual_value ?? ECONOMICS.residualValue;
  const residual = facility * residualShare + gpu * (econ.gpu_residual_value ?? residualShare);
  const life_years = (econ.life ?? ECONOMICS.life) / YEAR_S;
  const interest_rate = econ.interest_rate ?? 0;
  return { facility, gpu, total: facility + gpu, residual, life_years, interest_rate, annual: annualCapitalCost(facility + gpu, residual, life_years, interest_rate) };
}
