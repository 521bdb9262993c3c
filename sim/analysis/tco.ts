/**
 * Total cost of ownership from a simulated run and the design (docs/tco.md): capital (capex, per rack,
 * per MW of IT design power, per GPU) annualised over the life with residual values and financing;
 * operating cost (energy — at one price, or a tariff's mean over the run — and water at the run's PUE and water use, maintenance, staff, other opex);
 * delivered GPU-hours (GPUs × hours × availability × utilisation); cost per delivered GPU-hour and per
 * 1k tokens; break-even against a cloud price; a sensitivity table over energy price and utilisation.
 *
 * How operation scales with utilisation u (the share of available GPU-hours doing paid work): IT power
 * above the racks' idle power scales with u, from the run's mean IT power at the run's own utilisation
 * u_run (its workload's GPU utilisation; without a workload the racks run their load profile: u_run = 1);
 * idle GPUs still draw idle power; facility energy is IT energy × the run's PUE; water scales with IT
 * power. So cost(u) = a + b·u exactly, and the break-even utilisation solves a + b·u = cloud price × GPU-hours(u).
 * Heat reuse (`heat_reuse`): the run's heat credit (a sale, or boiler fuel displaced) extended to a year is
 * an annual credit, subtracted from the yearly cost and held at every utilisation: the network's demand,
 * not the hall's load, sets what is sold, as long as the hall's heat covers it (a note says when it did not).
 * Everything per year of 365.25 days, in the scenario's currency.
 */
import type { Scenario } from '../scenario/schema';
import { buildReport } from '../run/report';
import { Simulation } from '../run/simulation';
import type { Model } from '../model/model';
import { capital, YEAR_S, type Capital } from '../run/economics';
import { ECONOMICS } from '../scenario/defaults';
import type { MonteCarloResult } from './montecarlo';
import { scenarioHash } from './montecarlo';

export interface TcoOverrides {
  /** Currency per J. */
  energy_price?: number | undefined;
  cloud_price_per_gpu_hour?: number | undefined;
  utilisation?: number | undefined;
  /** s. */
  life?: number | undefined;
  interest_rate?: number | undefined;
}

export interface TcoResult {
  scenario: string;
  basis: {
    run_s: number;
    racks: number;
    gpus: number;
    it_design_mw: number;
    availability: { value: number; source: 'montecarlo' | 'run'; ci95: [number, number] | null; replicates: number | null };
    utilisation: { value: number; source: 'override' | 'economics' | 'workload' | 'default'; run: number };
    pue: number;
    /** Mean IT power of the run and the racks' idle power, kW. */
    it_power_kw: number;
    idle_it_power_kw: number;
    energy_price_per_kwh: number;
    /** Where the energy price came from: a flag, the file's `energy_price`, its tariff (mean over the run) or the default. */
    energy_price_source: 'override' | 'economics' | 'tariff' | 'default';
    tokens_per_gpu_hour: number | null;
  };
  capex: Omit<Capital, 'annual'>;
  /** `heat_credit`: the yearly value of heat exported (with `heat_reuse` only), subtracted in `total`. */
  annual: { capital: number; energy: number; water: number; maintenance: number; staff: number; other_opex: number; heat_credit?: number; total: number };
  facility_energy_kwh_per_year: number;
  delivered_gpu_hours_per_year: number;
  cost_per_gpu_hour: number;
  cost_per_1k_tokens: number | null;
  total_over_life: number;
  cloud: { price_per_gpu_hour: number; cost_per_year: number; saving_per_year: number; break_even_utilisation: number | null } | null;
  sensitivity: { energy_prices_per_kwh: number[]; utilisations: number[]; cost_per_gpu_hour: number[][] };
  /** Cost per delivered GPU-hour against utilisation at the base energy price (the break-even chart: it meets the cloud price at the break-even utilisation). */
  curve: { utilisations: number[]; cost_per_gpu_hour: number[] };
  /**
   * Cumulative cost over the life at the base utilisation, by year (0, 1, 2 … and the life's end). Own: the
   * capital paid at the start, then each year's operating cost and its financing (the annuity's interest,
   * spread evenly over the life), less the residual value at the life's end — so the last point is
   * total_over_life. Cloud: the cloud price for the same delivered GPU-hours, cost_per_year a year (null
   * with no cloud price). crossover_year: when the cloud's running total reaches owning's (the residual
   * counted at the life's end), null when it does not within the life.
   */
  cumulative: { years: number[]; own: number[]; cloud: number[] | null; crossover_year: number | null };
  notes: string[];
}

const KWH = 3.6e6;
const HOURS = YEAR_S / 3600;
/** Rows of the sensitivity table, times the base energy price. */
const PRICE_FACTORS = [0.5, 0.75, 1, 1.5, 2];
const UTILISATIONS = [0.3, 0.5, 0.7, 0.85, 1];
/** Points of the break-even curve, 5 % to 100 % (plus the base utilisation and the break-even). */
const CURVE_POINTS = 20;

/**
 * Availability of the plain run: GPU-hours not lost over GPU-hours installed — the workload's account
 * with one, else racks down or capped (`Simulation.service`), as a Monte Carlo study counts them.
 */
function runAvailability(sim: Simulation, gpus: number): number {
  const lost = sim.workload ? sim.workload.acc.gpuSecondsLost : sim.service.gpuSecondsDown + sim.service.gpuSecondsCapped;
  return 1 - lost / (gpus * sim.now);
}

/** The availability a Monte Carlo result gives for this scenario (its design of the same name). */
export function studyAvailability(study: MonteCarloResult, scenario: Scenario, notes: string[]): TcoResult['basis']['availability'] {
  const d = study.designs.find((x) => x.scenario === scenario.name);
  if (!d) throw new Error(`the availability study is of ${study.designs.map((x) => `"${x.scenario}"`).join(' and ')}, not of "${scenario.name}"`);
  if (d.hash !== scenarioHash(scenario)) notes.push('the scenario file has changed since the availability study was run (its content differs); the study\'s availability is used as it is');
  const a = d.metrics.it_availability;
  return { value: a.mean, source: 'montecarlo', ci95: a.ci95, replicates: a.n };
}

/**
 * The TCO of a compiled model: its run to the end (the file's duration and seed, or the compile's), then
 * `tco` — the one path of `dctwin tco` and the browser's cost view.
 */
export function tcoOfModel(model: Model, opts: { overrides?: TcoOverrides; study?: MonteCarloResult | undefined } = {}): TcoResult {
  const sim = new Simulation(model);
  sim.runTo(sim.end);
  return tco(sim, opts);
}

/**
 * Own against cloud, year by year (TcoResult.cumulative). Owning runs at C + g·y before the residual comes
 * back (C the capital, g the operating cost plus financing a year), the cloud at c·y: they meet at
 * y = C / (c − g) when the cloud costs more a year; else, if at all, only when the residual is credited.
 */
function cumulative(cap: Capital, annualTotal: number, cloudPerYear: number | null): TcoResult['cumulative'] {
  const life = cap.life_years, totalOverLife = annualTotal * life;
  const financing = cap.annual - (cap.total - cap.residual) / life;
  const g = annualTotal - cap.annual + financing;
  const years = Array.from({ length: Math.ceil(life - 1e-9) }, (_, i) => i);
  years.push(life);
  // The last point is total_over_life itself (C + g·life − R equals it to rounding; the figure must match).
  const own = years.map((y, i) => (i === years.length - 1 ? totalOverLife : cap.total + g * y));
  if (cloudPerYear === null) return { years, own, cloud: null, crossover_year: null };
  const cloud = years.map((y) => cloudPerYear * y);
  const meet = cloudPerYear > g ? cap.total / (cloudPerYear - g) : Infinity;
  const crossover_year = meet <= life ? meet : cloud[cloud.length - 1]! >= totalOverLife ? life : null;
  return { years, own, cloud, crossover_year };
}

/** The TCO of a finished run's design (`sim` run to its end), with an availability study when given. */
export function tco(sim: Simulation, opts: { overrides?: TcoOverrides; study?: MonteCarloResult | undefined } = {}): TcoResult {
  const scenario = sim.scenario, racks = sim.plant.racks, report = buildReport(sim);
  const o = opts.overrides ?? {};
  const econ = { ...scenario.economics, ...(o.life !== undefined ? { life: o.life } : {}), ...(o.interest_rate !== undefined ? { interest_rate: o.interest_rate } : {}) };
  const notes: string[] = [];
  const cap = capital(econ, racks);
  let gpus = 0, idleW = 0, designW = 0;
  for (let r = 0; r < racks.n; r++) { gpus += racks.gpus[r]!; idleW += racks.idlePower[r]!; designW += racks.designPower[r]!; }
  const k = report.kpis, runS = report.duration_s;
  if (!(gpus > 0)) throw new Error('the hall has no GPUs: cost per GPU-hour is undefined');
  if (!(runS > 0) || k.pue === null || !(k.it_energy_kwh > 0)) throw new Error('the run drew no IT energy: nothing to cost');

  const availability: TcoResult['basis']['availability'] = opts.study
    ? studyAvailability(opts.study, scenario, notes)
    : { value: runAvailability(sim, gpus), source: 'run', ci95: null, replicates: null };
  const util: TcoResult['basis']['utilisation'] =
    o.utilisation !== undefined ? { value: o.utilisation, source: 'override', run: k.gpu_utilisation ?? 1 }
    : econ.utilisation !== undefined ? { value: econ.utilisation, source: 'economics', run: k.gpu_utilisation ?? 1 }
    : k.gpu_utilisation !== null ? { value: k.gpu_utilisation, source: 'workload', run: k.gpu_utilisation }
    : { value: 1, source: 'default', run: 1 };
  if (!(util.value > 0)) throw new Error('utilisation 0: no GPU-hours are delivered, so there is no cost per GPU-hour');
  // Under a tariff, the run's mean price weighted by the facility's power (what its energy cost per kWh).
  const tariffPrice = econ.tariff && k.facility_energy_kwh > 0 ? report.economics.energy_cost / (k.facility_energy_kwh * KWH) : undefined;
  const price = o.energy_price ?? econ.energy_price ?? tariffPrice ?? ECONOMICS.energyPrice;
  const priceSource: TcoResult['basis']['energy_price_source'] = o.energy_price !== undefined ? 'override' : econ.energy_price !== undefined ? 'economics' : tariffPrice !== undefined ? 'tariff' : 'default';
  if (priceSource === 'tariff') notes.push(`energy at the tariff's mean over the run weighted by the facility's power (${(price * KWH).toFixed(4)} per kWh); other utilisations are assumed to keep the run's daily shape, and the sensitivity scales the whole tariff`);
  else if (priceSource === 'override' && econ.tariff) notes.push('--energy-price replaces the file\'s tariff with one price');
  const cloudPrice = o.cloud_price_per_gpu_hour ?? econ.cloud_price_per_gpu_hour;

  const itW = (k.it_energy_kwh * KWH) / runS;
  const pue = k.pue;
  const waterPerJ = k.water_l / (k.it_energy_kwh * KWH); // L per J of IT energy
  const u0 = util.value;
  const uRun = util.run;
  if (!(uRun > 0)) throw new Error('the run\'s workload kept every GPU idle: its energy says nothing about utilised GPUs');
  /** IT power at utilisation u (W): idle plus the run's active part scaled by u/u_run. */
  const itAt = (u: number) => idleW + (itW - idleW) * (u / uRun);
  const heatCredit = report.economics.heat_credit !== undefined ? (report.economics.heat_credit * YEAR_S) / runS : null;
  const hr = k.heat_reuse;
  if (heatCredit !== null && runS < 0.99 * YEAR_S) notes.push(`the heat credit is the run's (${(runS / 3600).toFixed(0)} h) extended to a year; heat demand is seasonal, so run a whole year for the annual figure`);
  if (hr && hr.demand_met !== null && hr.demand_met < 0.999) notes.push(`the hall's heat covered ${(100 * hr.demand_met).toFixed(1)} % of the network's demand in the run: at a lower utilisation it would export less than the heat credit assumes`);
  const fixed = cap.annual + (econ.maintenance ?? 0) * cap.total + (econ.staff_per_year ?? 0) + (econ.opex_per_year ?? 0) - (heatCredit ?? 0);
  const waterPrice = econ.water_price ?? 0; // per m³
  const variable = (u: number, p: number) => {
    const itJ = itAt(u) * YEAR_S;
    return { energy: p * pue * itJ, water: (waterPrice * waterPerJ * itJ) / 1000, facilityJ: pue * itJ };
  };
  const delivered = (u: number) => gpus * HOURS * availability.value * u;
  const costPerGpuHour = (u: number, p: number) => { const v = variable(u, p); return (fixed + v.energy + v.water) / delivered(u); };

  const base = variable(u0, price);
  const annualTotal = fixed + base.energy + base.water;
  const gpuHoursUsed = report.economics.gpu_hours_used;
  const tokensPerGpuHour = k.tokens > 0 && gpuHoursUsed > 0 ? k.tokens / gpuHoursUsed : null;
  const perGpuHour = annualTotal / delivered(u0);

  let cloud: TcoResult['cloud'] = null;
  if (cloudPrice !== undefined) {
    // cost(u) = a + b·u against cloud revenue c·u: u* = a / (c − b); none when the cloud price does not cover even the marginal cost.
    const a = fixed + variable(0, price).energy + variable(0, price).water;
    const b = variable(1, price).energy + variable(1, price).water - (variable(0, price).energy + variable(0, price).water);
    const c = cloudPrice * gpus * HOURS * availability.value;
    const uStar = c - b > 0 ? a / (c - b) : null;
    cloud = { price_per_gpu_hour: cloudPrice, cost_per_year: cloudPrice * delivered(u0), saving_per_year: cloudPrice * delivered(u0) - annualTotal, break_even_utilisation: uStar };
    if (uStar === null || uStar > 1) notes.push(`at ${cloudPrice} per GPU-hour the cloud is cheaper at any utilisation`);
  } else notes.push('no cloud price (economics.cloud_price_per_gpu_hour or --cloud-price): no break-even');
  if (availability.source === 'run') notes.push('availability from the plain run (one history); give --availability with a Monte Carlo result for a mean with its interval');
  if (itW < idleW) notes.push('the run drew less than the racks\' idle power on average (racks down or off): energy at other utilisations is extrapolated from it');

  const prices = PRICE_FACTORS.map((f) => f * price);
  const utils = [...new Set([...UTILISATIONS, u0])].sort((x, y) => x - y);
  const uStar = cloud?.break_even_utilisation;
  const curveUtils = [...new Set([...Array.from({ length: CURVE_POINTS }, (_, i) => (i + 1) / CURVE_POINTS), u0, ...(uStar !== null && uStar !== undefined && uStar <= 1 ? [uStar] : [])])].sort((x, y) => x - y);
  return {
    scenario: scenario.name,
    basis: {
      run_s: runS, racks: racks.n, gpus, it_design_mw: designW / 1e6, availability, utilisation: util, pue,
      it_power_kw: itW / 1e3, idle_it_power_kw: idleW / 1e3, energy_price_per_kwh: price * KWH, energy_price_source: priceSource, tokens_per_gpu_hour: tokensPerGpuHour,
    },
    capex: { facility: cap.facility, gpu: cap.gpu, total: cap.total, residual: cap.residual, life_years: cap.life_years, interest_rate: cap.interest_rate },
    annual: {
      capital: cap.annual, energy: base.energy, water: base.water, maintenance: (econ.maintenance ?? 0) * cap.total, staff: econ.staff_per_year ?? 0, other_opex: econ.opex_per_year ?? 0,
      ...(heatCredit !== null ? { heat_credit: heatCredit } : {}), total: annualTotal,
    },
    facility_energy_kwh_per_year: base.facilityJ / KWH,
    delivered_gpu_hours_per_year: delivered(u0),
    cost_per_gpu_hour: perGpuHour,
    cost_per_1k_tokens: tokensPerGpuHour === null ? null : perGpuHour / (tokensPerGpuHour / 1000),
    total_over_life: annualTotal * cap.life_years,
    cloud,
    sensitivity: { energy_prices_per_kwh: prices.map((p) => p * KWH), utilisations: utils, cost_per_gpu_hour: prices.map((p) => utils.map((u) => costPerGpuHour(u, p))) },
    curve: { utilisations: curveUtils, cost_per_gpu_hour: curveUtils.map((u) => costPerGpuHour(u, price)) },
    cumulative: cumulative(cap, annualTotal, cloud?.cost_per_year ?? null),
    notes,
  };
}
