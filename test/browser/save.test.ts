/**
 * Saving what the editor changed: YAML keeps the file's comments and units as written, the result is a
 * valid scenario that says exactly what the edited raw object says; JSON goes through the engine.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { patchYaml } from '../../src/worker/yamlPatch';
import { createEngineApi } from '../../src/worker/engineApi';
import { addRow, removeRow, addFailure, nextId } from '../../src/scenario/edits';
import { loadText } from '../../sim/api';
import type { RawObject } from '../../src/scenario/raw';

const text = readFileSync(new URL('../../models/dlc-hall.yaml', import.meta.url), 'utf8');

function edited(): RawObject {
  const raw = parse(text) as RawObject;
  (raw.rack_types as { nvl72: RawObject }).nvl72.power = '140 kW';
  addRow(raw, { type: 'nvl72', count: 6, cdu: 'new' });
  removeRow(raw, 1);
  addFailure(raw, { at: '3 h', component: 'crah-2', repairAt: '4 h' });
  return raw;
}

describe('saving an edited scenario', () => {
  it('patches the YAML: comments and untouched lines stay, the content equals the edit', () => {
    const raw = edited();
    const out = patchYaml(text, raw);
    expect(parse(out)).toEqual(raw);
    expect(out).toContain('# Direct-to-chip liquid-cooled AI hall');
    expect(out).toContain('note: chiller trips on high condenser pressure');
    expect(out).toContain('power: 140 kW');
    expect(out).toMatch(/- \{ id: row-E, type: nvl72, (count: 6, cdu: cdu-E|cdu: cdu-E, count: 6) \}/); // flow style kept
    expect(out).not.toContain('row-B');
    const back = loadText(out, 'edited.yaml');
    expect(back.ok).toBe(true);
  });

  it('writes JSON through the engine, units as written', () => {
    const json = createEngineApi().save(edited(), 'json');
    const back = JSON.parse(json) as RawObject;
    expect((back.rack_types as { nvl72: RawObject }).nvl72.power).toBe('140 kW');
    expect(loadText(json, 'edited.json').ok).toBe(true);
  });

  it('names new rows and CDUs after their family', () => {
    expect(nextId(['row-A', 'row-B'], 'row')).toBe('row-C');
    expect(nextId(['r098', 'r099'], 'row')).toBe('r100');
    expect(nextId(['cdu-1', 'cdu-2'], 'cdu')).toBe('cdu-3');
    expect(nextId(['alpha'], 'row')).toBe('row-2');
  });
});
