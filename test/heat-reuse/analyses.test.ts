/**
 * Heat reuse in the analyses built on a run: `dctwin annual` (months add up to the year and to the run's
 * report; each month's ERE and ERF from its own energies), the compared KPIs (a run without heat reuse
 * counts ERE = PUE, ERF = 0, heat exported 0) and the TCO (the run's heat credit extended to a year,
 * subtracted from the yearly cost).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadModelText } from '../../sim/model/model';
import { runAnnual } from '../../sim/analysis/annual';
import { compareKpis } from '../../sim/analysis/kpiCompare';
import { tcoOfModel } from '../../sim/analysis/tco';
import { YEAR_S } from '../../sim/run/economics';
import { near } from '../physics/util';

const MODEL = readFileSync(new URL('../../models/heat-reuse-hall.yaml', import.meta.url), 'utf8');
const DLC = readFileSync(new URL('../../models/dlc-hall.yaml', import.meta.url), 'utf8');
const model = (text: string, until?: number) => {
  const r = loadModelText(text, 'm.yaml', until !== undefined ? { until } : {});
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.model;
};

describe('heat reuse in the analyses', () => {
  it('annual: 59 days (January and February) — months add up to the year and the report; ERE and ERF per month from its energies', () => {
    const a = runAnnual(model(MODEL, 59 * 86_400));
    expect(a.months.map((m) => m.name)).toEqual(['Jan', 'Feb']);
    const sum = a.months.reduce((s, m) => s + m.heat_exported_kwh!, 0);
    near(sum, a.annual.heat_exported_kwh!, 2e-3, 'months add up to the year');
    near(a.annual.heat_exported_kwh!, a.report.kpis.heat_reuse!.exported_kwh, 2e-3, 'the year is the run');
    near(a.annual.ere!, a.report.kpis.ere!, 2e-6, 'ERE of the year is the report\'s');
    for (const m of a.months) {
      near(m.ere!, (m.facility_energy_kwh - m.heat_exported_kwh!) / m.it_energy_kwh, 2e-6, `${m.name} ERE`);
      near(m.erf!, m.heat_exported_kwh! / m.facility_energy_kwh, 2e-6, `${m.name} ERF`);
    }
    // January's factor is 1, February's 0.95 under the same weather: less heat sold in February per hour.
    expect(a.months[1]!.heat_exported_kwh! / a.months[1]!.hours).toBeLessThan(a.months[0]!.heat_exported_kwh! / a.months[0]!.hours);
  });

  it('annual without heat reuse carries no heat-reuse columns', () => {
    const a = runAnnual(model(DLC, 6 * 3600));
    expect(a.annual.heat_exported_kwh).toBeUndefined();
    expect(a.months[0]!.ere).toBeUndefined();
  });

  it('compare: ERE, ERF and heat exported against a hall without heat reuse (ERE = its PUE, ERF 0)', () => {
    const withReuse = runAnnual(model(MODEL, 6 * 3600)).report;
    const without = runAnnual(model(DLC, 6 * 3600)).report;
    const rows = Object.fromEntries(compareKpis(without, withReuse).map((c) => [c.key, c]));
    expect(rows['ere']!.a).toBe(without.kpis.pue);
    expect(rows['ere']!.b).toBe(withReuse.kpis.ere);
    expect(rows['erf']!.a).toBe(0);
    expect(rows['erf']!.better).toBe('b');
    expect(rows['heat_exported_kwh']!.b).toBe(withReuse.kpis.heat_reuse!.exported_kwh);
    // Two halls without heat reuse: the rows are empty (the CLI leaves them out).
    const none = Object.fromEntries(compareKpis(without, without).map((c) => [c.key, c]));
    expect([none['ere']!.a, none['ere']!.b, none['erf']!.a]).toEqual([null, null, null]);
  });

  it('TCO: the run\'s heat credit extended to a year, subtracted from the yearly total', () => {
    const m = model(MODEL);
    const t = tcoOfModel(m);
    const reRun = runAnnual(model(MODEL)).report; // the same run (deterministic)
    const credit = (reRun.economics.heat_credit! * YEAR_S) / reRun.duration_s;
    near(t.annual.heat_credit!, credit, 1e-6 * credit, 'heat credit per year');
    near(t.annual.total, t.annual.capital + t.annual.energy + t.annual.water + t.annual.maintenance + t.annual.staff + t.annual.other_opex - t.annual.heat_credit!, 1e-6 * t.annual.total, 'total');
    expect(t.notes.some((n) => n.includes('heat credit'))).toBe(true);
  });
});
