import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { loadScenarioText, saveScenarioText } from '../../sim/scenario/load';
import { scenarioJsonSchema } from '../../sim/scenario/jsonSchema';
import { loadModelText } from '../../sim/model/model';

const MODELS = new URL('../../models/', import.meta.url);
const modelFiles = readdirSync(MODELS).filter((f) => /\.(ya?ml|json)$/.test(f));

const base = `version: 1
name: test
hall:
  rows:
    - { id: row-A, cdu: cdu-A, count: 2 }
cdus:
  - { id: cdu-A }
`;

/** Every problem a file has: the schema's (scenario/load.ts) and those only compiling finds (model/model.ts). */
function errorsOf(text: string) {
  const r = loadModelText(text, 'x.yaml');
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.errors;
}

describe('scenario files: every built-in model', () => {
  it.each(modelFiles)('%s validates, and load → save → load gives the same scenario', (f) => {
    const text = readFileSync(new URL(f, MODELS), 'utf8');
    const a = loadScenarioText(text, f);
    if (!a.ok) throw new Error(JSON.stringify(a.errors));
    const saved = saveScenarioText(a);
    const b = loadScenarioText(saved, f);
    if (!b.ok) throw new Error(JSON.stringify(b.errors));
    expect(b.scenario).toEqual(a.scenario);
    // Lossless as text too: comments, order and units as written survive (yaml may re-space flow maps).
    const squash = (x: string) => x.replace(/\s+/g, ' ').replace(/\[ /g, '[').replace(/ \]/g, ']').replace(/\{ /g, '{').replace(/ \}/g, '}');
    expect(squash(saved)).toBe(squash(text));
    expect(saveScenarioText(b)).toBe(saved);
  });
});

describe('scenario files: units', () => {
  it('converts quantities to SI, absolute temperatures with their offset', () => {
    const r = loadScenarioText(base + 'rack_types: { t: { power: 132 kW, flow_per_power: 1.5 L/min/kW, throttle_temperature: 50 degC, throttle_hysteresis: 2 degC } }\n', 'x.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const t = r.scenario.rack_types!['t']!;
    expect(t.power).toBe(132_000);
    expect(t.flow_per_power).toBeCloseTo(1.5e-3 / 60 / 1000, 15);
    expect(t.throttle_temperature).toBeCloseTo(323.15, 9);
    expect(t.throttle_hysteresis).toBeCloseTo(2, 12); // a difference: no 273.15 offset
  });

  it('JSON and YAML of the same scenario give the same result', () => {
    const y = loadScenarioText(base, 'x.yaml');
    const j = loadScenarioText(JSON.stringify({ version: 1, name: 'test', hall: { rows: [{ id: 'row-A', cdu: 'cdu-A', count: 2 }] }, cdus: [{ id: 'cdu-A' }] }), 'x.json');
    expect(y.ok && j.ok && JSON.stringify(y.scenario) === JSON.stringify(j.scenario)).toBe(true);
  });
});

describe('scenario files: errors name the field, say what was expected and what was found, all at once', () => {
  it('reports a wrong dimension with its path', () => {
    const e = errorsOf(base + 'rack_types: { t: { power: 120 kg } }\n');
    expect(e).toContainEqual(expect.objectContaining({ path: 'rack_types.t.power' }));
    const msg = e.find((x) => x.path === 'rack_types.t.power')!.message;
    expect(msg).toMatch(/expected a .*power.*"120 kW"/);
    expect(msg).toContain('120 kg');
  });

  it('reports every error, not just the first', () => {
    const e = errorsOf(`version: 1
name: x
hall:
  rows:
    - { id: row-A, cdu: cdu-A, count: 2, power: 3 }
cdus:
  - { id: cdu-A, supply_setpoint: hot, fouling: 2 }
`);
    const paths = e.map((x) => x.path);
    expect(paths).toEqual(expect.arrayContaining(['hall.rows[0]', 'cdus[0].supply_setpoint', 'cdus[0].fouling']));
  });

  it('rejects dangling ids with the field that names them', () => {
    const e = errorsOf(base + 'events:\n  - { at: 1 h, fail: cdu-Z }\n');
    expect(e).toEqual([expect.objectContaining({ path: 'events[0].fail', message: expect.stringContaining('cdu-Z') })]);
    const e2 = errorsOf(base.replace('cdu: cdu-A, count: 2', 'cdu: cdu-B, count: 2'));
    expect(e2[0]!.path).toBe('hall.rows[0].cdu');
  });

  it('rejects negative capacities, NaN-like values and unknown fields', () => {
    const e = errorsOf(base + 'plant:\n  chillers:\n    - { id: c1, capacity: -3 MW, cpo: 5 }\n');
    expect(e.map((x) => x.path)).toEqual(expect.arrayContaining(['plant.chillers[0].capacity', 'plant.chillers[0]']));
    expect(e.find((x) => x.path === 'plant.chillers[0]')!.message).toContain('"cpo"');
    const n = errorsOf(base + 'duration: .nan\n');
    expect(n[0]!.path).toBe('duration');
  });

  it('treats a bare absolute temperature as kelvin and says how to write degC', () => {
    const e = errorsOf(base.replace('- { id: cdu-A }', '- { id: cdu-A, supply_setpoint: 30 }'));
    expect(e[0]!.path).toBe('cdus[0].supply_setpoint');
    expect(e[0]!.message).toMatch(/degC/);
  });

  it('refuses expressions outside the allowed grammar', () => {
    const e = errorsOf(base + 'rack_types: { t: { load: "import({}, {})" } }\n');
    expect(e[0]!.path).toBe('rack_types.t.load');
  });
});

describe('scenario files: hostile input gets a clear error, quickly, without a crash', () => {
  it('huge files', () => {
    const e = errorsOf('#'.repeat(50 * 1024 * 1024));
    expect(e[0]!.message).toMatch(/MB|bytes|large/i);
  });
  it('deep nesting', () => {
    expect(errorsOf('a: ' + '['.repeat(10_000) + ']'.repeat(10_000)).length).toBeGreaterThan(0);
    expect(loadScenarioText('{"a":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}', 'x.json').ok).toBe(false);
  });
  it('__proto__ and constructor keys', () => {
    const e = errorsOf(base + '__proto__: { polluted: true }\n');
    expect(e.some((x) => /__proto__/.test(x.path + x.message))).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(loadScenarioText('{"version":1,"name":"x","hall":{},"constructor":{"prototype":{}}}', 'x.json').ok).toBe(false);
  });
  it('YAML alias bombs', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 12; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill('*' + String.fromCharCode(97 + i)).join(',')}]`);
    expect(errorsOf(lines.join('\n')).length).toBeGreaterThan(0);
  });
  it('absurd sizes are bounded by the schema', () => {
    const e = errorsOf(base.replace('count: 2', 'count: 1000000000'));
    expect(e[0]!.path).toBe('hall.rows[0].count');
  });
});

describe('JSON Schema', () => {
  it('is generated from the validator and describes quantities', () => {
    const s = scenarioJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(s.required).toEqual(expect.arrayContaining(['version', 'name', 'hall']));
    const text = JSON.stringify(s);
    expect(text).toContain('120 kW');
    expect(Object.keys(s.properties)).toEqual(expect.arrayContaining(['hall', 'cdus', 'plant', 'power', 'workload', 'events', 'limits']));
  });
});
