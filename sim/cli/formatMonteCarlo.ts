/** A Monte Carlo study as a planner reads it: each measure's mean with its 95 % interval and spread. */
import type { MonteCarloResult, DesignMetrics } from '../analysis/montecarlo';
import type { MeanSummary, ProportionSummary } from '../analysis/stats';

/** Significant digits enough to tell 0.99998 from 0.99999 (availability) without noise elsewhere. */
const num = (x: number) => {
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e6) return x.toExponential(3);
  if (a >= 100) return x.toFixed(1);
  return Number(x.toPrecision(a > 0.99 && a < 1 ? 7 : 4)).toString();
};
const interval = (ci: [number, number] | null) => (ci ? `[${num(ci[0])}, ${num(ci[1])}]` : '—');

interface Row { label: string; m: MeanSummary | ProportionSummary }

function rows(m: DesignMetrics): Row[] {
  return [
    { label: 'IT availability (served / demanded energy)', m: m.it_availability },
    { label: 'GPU-hours lost', m: m.gpu_hours_lost },
    { label: 'tokens lost', m: m.tokens_lost },
    { label: 'hours with a rack down', m: m.rack_down_hours },
    { label: 'random failures', m: m.failures },
    ...Object.entries(m.hours_above).map(([l, s]) => ({ label: `hours above ${l}`, m: s! })),
    { label: 'P(at least one rack trip)', m: m.p_rack_trip },
    { label: 'P(at least one rack down)', m: m.p_rack_down },
    { label: 'P(any stated limit exceeded)', m: m.p_limit_exceeded },
  ];
}

function cells(m: MeanSummary | ProportionSummary): string[] {
  if ('events' in m) return [num(m.p), `${interval(m.ci95)} Wilson`, `${m.events} of ${m.n}; Clopper–Pearson ${interval(m.ci95_exact)}`];
  return [num(m.mean), `${interval(m.ci95)}${m.interval === 'bootstrap' ? ' bootstrap' : m.interval === 'normal' ? ' normal' : ''}`, `${num(m.quantiles.p05)} … ${num(m.quantiles.p95)}`];
}

function table(header: string[], body: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (r: string[]) => '  ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('   ').trimEnd();
  return [line(header), ...body.map(line)];
}

export function monteCarloSummary(r: MonteCarloResult): string {
  const days = r.replicate_s / 86400;
  const out = [`Monte Carlo availability: ${r.replicates} replicate${r.replicates > 1 ? 's' : ''} of ${Number.isInteger(days) ? `${days} d` : `${r.replicate_s} s`} (study seed ${r.seed}); per replicate, 95 % intervals of the mean`];
  for (const [d, design] of r.designs.entries()) {
    const tag = r.designs.length > 1 ? `${'AB'[d]}: ` : '';
    out.push('', `${tag}${design.scenario}  (reference year: ${num(design.reference.it_energy_kwh)} kWh IT${design.reference.tokens ? `, ${num(design.reference.tokens)} tokens` : ''})`);
    out.push(...table(['', 'mean', '95 % CI', 'replicates p05 … p95'], rows(design.metrics).map((x) => [x.label, ...cells(x.m)])));
  }
  if (r.difference) {
    out.push('', 'B − A, paired replicates (the same failure history for every unit id both designs share):');
    out.push(...table(['', 'mean', '95 % CI'], Object.entries(r.difference).map(([k, s]) => [k, num(s.mean), `${interval(s.ci95)}${s.interval === 'bootstrap' ? ' bootstrap' : ''}`])));
  }
  return out.join('\n') + '\n';
}
