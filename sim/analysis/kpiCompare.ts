/**
 * Two runs' KPIs side by side: each KPI's value in A and B, B − A and its percentage of A, and which run
 * is better where "better" has a meaning. It does for a ratio (PUE, WUE, cost or energy per 1k tokens),
 * a peak temperature, racks throttled or tripped, GPU-hours lost, the UPS runtime margin, alarms and
 * violations. It does not for a total (IT, facility or cooling energy, water, cost): those grow with the
 * work done, so more is neither better nor worse by itself, and `better` is null.
 *
 * Temperatures: the difference of two °C is in K and has no percentage (a ratio of Celsius readings
 * depends on where the scale puts its zero). Plain data of the report only, so the browser's baseline
 * comparison and the CLI's `dctwin compare` print the same numbers.
 */
import type { Report } from '../run/report';

export interface KpiComparison {
  key: string;
  label: string;
  /** Unit of `a` and `b` ('' for a plain ratio). */
  unit: string;
  a: number | null;
  b: number | null;
  /** b − a, in `diff_unit`; null when either is. */
  diff: number | null;
  diff_unit: string;
  /** 100 · (b − a) / |a|; null for temperatures, a zero `a`, or a missing value. */
  diff_pct: number | null;
  /** The better run, 'same' when equal, null when neither can be called better (a total, a missing value). */
  better: 'a' | 'b' | 'same' | null;
}

interface KpiDef {
  key: string;
  label: string;
  unit: string;
  /** Which way is better; null: a total that grows with the work done. */
  better: 'lower' | 'higher' | null;
  /** Digits a summary shows. */
  digits: number;
  value(r: Report): number | null;
  /** A missing value is the best one (a limit never crossed). */
  missingIsBest?: boolean;
  /** What a run without the thing measured counts as when the other run has it (ERE of a hall without heat reuse is its PUE). */
  absent?(r: Report): number | null;
}

const k = (key: keyof Report['kpis'], label: string, unit: string, better: KpiDef['better'], digits: number): KpiDef =>
  ({ key, label, unit, better, digits, value: (r) => r.kpis[key] as number | null });

/** The compared KPIs, in the order a summary lists them. */
export const COMPARED_KPIS: readonly KpiDef[] = [
  k('pue', 'PUE', '', 'lower', 3),
  // The Green Grid WP#29: without heat reuse ERE = PUE and ERF = 0. Shown when either run exports heat.
  { ...k('ere', 'ERE', '', 'lower', 3), absent: (r) => r.kpis.pue },
  { ...k('erf', 'ERF', '', 'higher', 3), absent: (r) => (r.kpis.pue === null ? null : 0) },
  { key: 'heat_exported_kwh', label: 'heat exported', unit: 'kWh', better: null, digits: 0, value: (r) => r.kpis.heat_reuse?.exported_kwh ?? null, absent: () => 0 },
  k('ppue_cooling', 'pPUE cooling', '', 'lower', 3),
  k('ppue_power', 'pPUE power', '', 'lower', 3),
  k('it_energy_kwh', 'IT energy', 'kWh', null, 0),
  k('facility_energy_kwh', 'facility energy', 'kWh', null, 0),
  k('cooling_energy_kwh', 'cooling energy', 'kWh', null, 0),
  { key: 'losses_kwh.total', label: 'electrical losses', unit: 'kWh', better: null, digits: 0, value: (r) => r.kpis.losses_kwh.total },
  k('free_cooling_heat_fraction', 'free cooling share of heat', '%', 'higher', 1),
  k('water_l', 'water', 'L', null, 0),
  k('wue_l_per_kwh', 'WUE', 'L/kWh', 'lower', 3),
  k('peak_rack_inlet_c', 'peak rack inlet', '°C', 'lower', 1),
  k('peak_tcs_supply_c', 'peak TCS supply', '°C', 'lower', 1),
  k('peak_rack_coolant_c', 'peak rack coolant', '°C', 'lower', 1),
  k('peak_fws_supply_c', 'peak FWS supply', '°C', 'lower', 1),
  {
    key: 'time_to_first_limit_s', label: 'first limit crossed at', unit: 's', better: 'higher', digits: 1, missingIsBest: true,
    value: (r) => { const ts = Object.values(r.time_to_limit).map((c) => c.t_s); return ts.length ? Math.min(...ts) : null; },
  },
  k('racks_throttled', 'racks throttled', 'racks', 'lower', 0),
  k('racks_tripped', 'racks tripped', 'racks', 'lower', 0),
  k('racks_lost_power', 'racks that lost power', 'racks', 'lower', 0),
  k('gpu_hours_lost', 'GPU-hours lost', 'GPU-h', 'lower', 2),
  k('tokens', 'tokens', 'tokens', 'higher', 0),
  k('gpu_utilisation', 'GPU utilisation', '%', 'higher', 1),
  k('mean_queue_time_s', 'mean queue time', 's', 'lower', 0),
  k('energy_per_1k_tokens_kwh', 'energy per 1k tokens', 'kWh', 'lower', 6),
  k('cost_per_1k_tokens', 'cost per 1k tokens', '$', 'lower', 6),
  k('cost_per_gpu_hour', 'cost per installed GPU-hour', '$', 'lower', 3),
  { key: 'total_cost', label: 'total cost', unit: '$', better: null, digits: 0, value: (r) => r.economics.total_cost },
  k('ups_min_runtime_margin_s', 'UPS runtime margin', 's', 'higher', 0),
  { key: 'alarms_serious', label: 'major and critical alarms', unit: 'alarms', better: 'lower', digits: 0, value: (r) => r.alarms.filter((x) => x.severity === 'major' || x.severity === 'critical').length },
  { key: 'violations', label: 'limits violated', unit: 'limits', better: 'lower', digits: 0, value: (r) => r.violations.length },
];

/** Digits a summary shows for a compared KPI (by key). */
export const kpiDigits = (key: string) => COMPARED_KPIS.find((d) => d.key === key)?.digits ?? 3;

/** Fractions are compared in %, as people read them. */
const PERCENT_KEYS = new Set(['free_cooling_heat_fraction', 'gpu_utilisation']);

/** Twelve significant digits: b − a of two rounded report values without the float noise (0.30000000000000004). */
const clean = (x: number) => (x === 0 ? 0 : Number(x.toPrecision(12)));

function betterOf(d: KpiDef, a: number | null, b: number | null): KpiComparison['better'] {
  if (a === b) return d.better === null ? null : 'same';
  if (d.better === null) return null;
  if (a === null || b === null) return d.missingIsBest ? (a === null ? 'a' : 'b') : null;
  return (d.better === 'lower') === (a < b) ? 'a' : 'b';
}

export function compareKpis(a: Report, b: Report): KpiComparison[] {
  return COMPARED_KPIS.map((d) => {
    const scale = PERCENT_KEYS.has(d.key) ? 100 : 1;
    let va = d.value(a) ?? null, vb = d.value(b) ?? null;
    if (d.absent && (va === null) !== (vb === null)) { if (va === null) va = d.absent(a); else vb = d.absent(b); }
    const x = va === null ? null : clean(va * scale), y = vb === null ? null : clean(vb * scale);
    const temperature = d.unit === '°C';
    const diff = x === null || y === null ? null : clean(y - x);
    return {
      key: d.key, label: d.label, unit: d.unit, a: x, b: y, diff,
      diff_unit: temperature ? 'K' : PERCENT_KEYS.has(d.key) ? 'pp' : d.unit,
      diff_pct: diff === null || temperature || x === 0 || x === null ? null : clean((100 * diff) / Math.abs(x)),
      better: betterOf(d, x, y),
    };
  });
}
