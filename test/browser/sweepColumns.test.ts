/**
 * The sweep table's columns (src/panels/sweepColumns.ts): every field of a case is a column — the known
 * ones named and ordered, fields a later engine adds (a grouping of identical units) after them — and
 * sorting is by value with missing values last, ties in the sweep's own (severity) order.
 */
import { describe, it, expect } from 'vitest';
import { sweepColumns, sortedCases, formatCell, cellValue } from '../../src/panels/sweepColumns';
import type { SweepCase } from '../../src/worker/protocol';

const base = (failed: string, over: Partial<SweepCase> = {}): SweepCase => ({
  failed, kind: 'pump', time_to_first_limit_s: null, first_limit: null, racks_throttled: 0, racks_tripped: 0, racks_lost_power: 0, gpu_hours_lost: 0,
  tokens_lost: 0, recovered: true, worst: { rack_coolant_c: 38.2, rack_inlet_c: 24, fws_supply_c: 20 }, represented_by: null, ...over,
});

const cases: SweepCase[] = [
  base('cdu-A', { kind: 'cdu', time_to_first_limit_s: 21.38, first_limit: 'rack_throttle', racks_throttled: 8, racks_tripped: 8, recovered: false, worst: { rack_coolant_c: 60, rack_inlet_c: 24, fws_supply_c: 20 } }),
  base('cdu-B.pump10', { time_to_first_limit_s: 300 }),
  base('cdu-B.pump2', { represented_by: 'cdu-B.pump10' }),
];

describe('sweep table columns', () => {
  it('names the known fields in order, flattens worst, and keeps fields it does not know', () => {
    const extra = cases.map((c, i) => ({ ...c, feed_path: i === 0 ? ['msb-A', 'ups-A', 'busway-A1'] : [], note: i === 0 ? 'a' : null })) as unknown as SweepCase[];
    const cols = sweepColumns(extra);
    expect(cols.map((c) => c.key)).toEqual([
      'rank', 'failed', 'kind', 'time_to_first_limit_s', 'first_limit', 'racks_throttled', 'racks_tripped', 'racks_lost_power', 'gpu_hours_lost', 'tokens_lost', 'recovered',
      'worst.rack_coolant_c', 'worst.rack_inlet_c', 'worst.fws_supply_c', 'represented_by', 'feed_path', 'note',
    ]);
    expect(cols.find((c) => c.key === 'feed_path')).toMatchObject({ label: 'feed path', numeric: true });
    expect(formatCell('feed_path', cellValue(extra[0]!, 'feed_path'))).toBe('3: msb-A, ups-A, …');
    expect(formatCell('note', null)).toBe('—');
    expect(formatCell('represented_by', cellValue(extra[2]!, 'represented_by'))).toBe('cdu-B.pump10');
    expect(formatCell('represented_by', null)).toBe('');
  });

  it('formats times, limits and yes/no', () => {
    expect(formatCell('time_to_first_limit_s', 21.38)).toBe('21.4 s');
    expect(formatCell('time_to_first_limit_s', 300)).toBe('5.0 min');
    expect(formatCell('time_to_first_limit_s', null)).toBe('none');
    expect(formatCell('first_limit', 'rack_throttle')).toBe('rack throttle');
    expect(formatCell('recovered', false)).toBe('no');
  });

  it('sorts by value, missing last in either direction, ties in severity order; null is the sweep\'s own order', () => {
    const order = (sort: Parameters<typeof sortedCases>[1]) => sortedCases(cases, sort).map((r) => r.c.failed);
    expect(order(null)).toEqual(['cdu-A', 'cdu-B.pump10', 'cdu-B.pump2']);
    expect(sortedCases(cases, null).map((r) => r.rank)).toEqual([1, 2, 3]);
    expect(order({ column: 'time_to_first_limit_s', dir: 1 })).toEqual(['cdu-A', 'cdu-B.pump10', 'cdu-B.pump2']);
    expect(order({ column: 'time_to_first_limit_s', dir: -1 })).toEqual(['cdu-B.pump10', 'cdu-A', 'cdu-B.pump2']);
    // Names compare with their numbers: pump2 before pump10.
    expect(order({ column: 'failed', dir: 1 })).toEqual(['cdu-A', 'cdu-B.pump2', 'cdu-B.pump10']);
    expect(order({ column: 'worst.rack_coolant_c', dir: -1 })).toEqual(['cdu-A', 'cdu-B.pump10', 'cdu-B.pump2']);
    expect(order({ column: 'rank', dir: -1 })).toEqual(['cdu-B.pump2', 'cdu-B.pump10', 'cdu-A']);
  });
});
