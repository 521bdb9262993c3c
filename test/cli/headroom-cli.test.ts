/** `dctwin headroom` as a planner runs it: the JSON answer's public fields, the table, errors. */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';

const BIN = new URL('../../bin/dist/dctwin.mjs', import.meta.url).pathname;
const dctwin = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('dctwin headroom', () => {
  it('answers in JSON: added, positions, binding, resources (with units and cases), stranded', () => {
    const r = dctwin('headroom', 'expansion-hall', '--rack', 'nvl72', '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(a.added).toBe(3);
    expect(a.positions).toEqual(['row-A-09', 'row-A-10', 'row-A-11']);
    expect(Object.keys(a.binding)).toEqual(['resource', 'element', 'case', 'message']);
    for (const x of a.resources) {
      expect(Object.keys(x)).toEqual(['element', 'kind', 'unit', 'capacity', 'load', 'headroom', 'headroom_pct', 'case', 'n']);
      expect(['kW', 'L/s', 'K', 'kg']).toContain(x.unit);
    }
    expect(a.stranded.length).toBeGreaterThan(0);
    expect(a.transient).toBeNull();
  });

  it('--confirm re-runs the tightest cases in time', () => {
    const r = dctwin('headroom', 'expansion-hall', '--rack', 'nvl72', '--confirm', '1', '--json');
    expect(r.status).toBe(0);
    const t = JSON.parse(r.stdout).transient;
    expect(t.held).toBe(true);
    expect(t.cases.map((c: { case: string }) => c.case)).toContain('all utilities lost (on generators)');
    expect(dctwin('headroom', 'expansion-hall', '--rack', 'nvl72', '--confirm', 'x').status).toBe(1);
  });

  it('takes an inline rack spec with units, and prints a table with the binding constraint', () => {
    const r = dctwin('headroom', 'expansion-hall', '--rack', '{power: 35 kW, cooling: air, gpus: 8, weight: 800 kg}');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/ADDED: 3 of 16 spare positions \(105 kW\)/);
    expect(r.stdout).toMatch(/BINDING: .*CRAHs N\+1/);
  });

  it('a bad spec or an unknown rack type exits 1 with what is wrong', () => {
    const bad = dctwin('headroom', 'expansion-hall', '--rack', '{power: 35 kV}');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/power: expected a power such as "120 kW", found "35 kV" \(a voltage\)/);
    const unknown = dctwin('headroom', 'expansion-hall', '--rack', 'gb300');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/rack: expected a rack type of this file \(nvl72\)/);
    expect(unknown.stderr).not.toMatch(/ at .*\.mjs/);
  });
});
