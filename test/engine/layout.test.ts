/**
 * The hall as hosts draw it (sim/model/layout.ts): spare positions (`hall.rows[].spare`) named and placed
 * as headroom fills them — after the row's racks, numbered on from the row's last rack, never an id in use —
 * and a row of spare positions only (`count: 0`) is a row of the hall with its CDU.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadModelText } from '../../sim/model/model';
import { headroom } from '../../sim/analysis/headroom';
import { loadScenarioText } from '../../sim/scenario/load';

const text = readFileSync(new URL('../../models/expansion-hall.yaml', import.meta.url), 'utf8');

function layoutOf(yaml: string) {
  const r = loadModelText(yaml, 'm.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.model.layout;
}

describe('layout: spare positions', () => {
  const l = layoutOf(text);

  it('lists every spare position of the expansion hall: 4 in row-A, 4 in row-B, 8 in the empty row-C', () => {
    expect(l.spares.map((s) => s.id)).toEqual([
      'row-A-09', 'row-A-10', 'row-A-11', 'row-A-12', 'row-B-09', 'row-B-10', 'row-B-11', 'row-B-12',
      ...Array.from({ length: 8 }, (_, i) => `row-C-0${i + 1}`),
    ]);
    // After the row's eight racks; the empty row from its first slot.
    expect(l.spares.filter((s) => s.row === 'row-A').map((s) => [s.rowIndex, s.slot])).toEqual([[0, 8], [0, 9], [0, 10], [0, 11]]);
    expect(l.spares.filter((s) => s.row === 'row-C').map((s) => s.slot)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(new Set(l.spares.filter((s) => s.row === 'row-C').map((s) => s.rowIndex))).toEqual(new Set([2]));
    // Each position knows its row's CDU, the empty row's too (it feeds no rack today).
    expect(l.spares.map((s) => l.cdus[s.cdu]?.id)).toEqual([...Array(4).fill('cdu-A'), ...Array(4).fill('cdu-B'), ...Array(8).fill('cdu-C')]);
  });

  it('keeps the empty row in the hall: three rows, sixteen racks, none in row-C', () => {
    expect(l.rows).toEqual(['row-A', 'row-B', 'row-C']);
    expect(l.racks.length).toBe(16);
    expect(l.racks.some((r) => r.row === 'row-C')).toBe(false);
  });

  it('names headroom\'s positions as the layout does', () => {
    const s = loadScenarioText(text, 'expansion-hall.yaml');
    if (!s.ok) throw new Error('does not load');
    const r = headroom(s.scenario, { rack: 'nvl72' });
    const ids = new Set(l.spares.map((p) => p.id));
    expect(r.positions.length).toBe(3);
    for (const p of r.positions) expect(ids.has(p)).toBe(true);
  });

  it('skips ids already taken by listed racks, and has none without spare positions', () => {
    const yaml = `
version: 1
name: spare ids
duration: 1 h
rack_types: { air: { cooling: air, power: 30 kW } }
hall:
  rows:
    - { id: r, type: air, racks: [ { id: r-01 }, { id: r-03 } ], spare: 2 }
    - { id: s, type: air, count: 2 }
  crahs: [ { id: crah-1, capacity: 200 kW } ]
`;
    const m = layoutOf(yaml);
    expect(m.spares.map((s) => [s.id, s.slot, s.cdu])).toEqual([['r-04', 2, -1], ['r-05', 3, -1]]);
    expect(layoutOf(readFileSync(new URL('../../models/dlc-hall.yaml', import.meta.url), 'utf8')).spares).toEqual([]);
  });
});
