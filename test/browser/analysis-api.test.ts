/**
 * The analysis worker's API (src/worker/analysisApi.ts) over a MessageChannel in one thread: headroom of
 * the raw scenario as the page holds it with a rack type or an inline profile (checked like a rack type in
 * a file, units and all), the N-1 sweep with its per-case progress, and the engine's own answers.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { wrap, expose, proxy } from 'comlink';
import { createAnalysisApi } from '../../src/worker/analysisApi';
import type { AnalysisApi, AnalysisOutcome, HeadroomResult, SweepResult } from '../../src/worker/protocol';
import { loadText, headroom, sweep } from '../../sim/api';

const text = (m: string) => readFileSync(new URL(`../../models/${m}.yaml`, import.meta.url), 'utf8');
const channel = new MessageChannel();
expose(createAnalysisApi(), channel.port1 as unknown as Parameters<typeof expose>[1]);
const api = wrap<AnalysisApi>(channel.port2 as unknown as Parameters<typeof wrap>[0]);
afterAll(() => { channel.port1.close(); channel.port2.close(); });

describe('analysis worker API', () => {
  const raw = parse(text('expansion-hall'));

  it('answers headroom for a rack type exactly as the engine does', async () => {
    const o = await (api.headroom(raw, { kind: 'type', name: 'nvl72' }) as Promise<AnalysisOutcome<HeadroomResult>>);
    if (!o.ok) throw new Error(JSON.stringify(o.errors));
    const s = loadText(text('expansion-hall'), 'x.yaml');
    if (!s.ok) throw new Error('does not load');
    expect(o.result).toEqual(headroom(s.scenario, { rack: 'nvl72' }));
    expect(o.result.added).toBe(3);
  });

  it('takes an inline profile with units, and names a bad field', async () => {
    const heavy = await (api.headroom(raw, { kind: 'spec', spec: { power: '132 kW', cooling: 'dlc', liquid_fraction: 0.85, gpus: 72, weight: '1.9 t' } }) as Promise<AnalysisOutcome<HeadroomResult>>);
    if (!heavy.ok) throw new Error(JSON.stringify(heavy.errors));
    expect(heavy.result.added).toBe(0);
    expect(heavy.result.binding?.resource).toBe('floor');
    const bad = await (api.headroom(raw, { kind: 'spec', spec: { power: '132 kV', cooling: 'dlc' } }) as Promise<AnalysisOutcome<HeadroomResult>>);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.path)).toEqual(['rack.power']);
    const unknown = await (api.headroom(raw, { kind: 'type', name: 'gb300' }) as Promise<AnalysisOutcome<HeadroomResult>>);
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.errors[0]!.message).toMatch(/gb300/);
  });

  it('sweeps with a progress call per run and the engine\'s answer', async () => {
    const calls: [number, number][] = [];
    const o = await (api.sweep(parse(text('dlc-hall')), { at: 3600, repair: 600 }, proxy((d: number, t: number) => { calls.push([d, t]); })) as Promise<AnalysisOutcome<SweepResult>>);
    if (!o.ok) throw new Error(JSON.stringify(o.errors));
    const s = loadText(text('dlc-hall'), 'x.yaml');
    if (!s.ok) throw new Error('does not load');
    expect(o.result).toEqual(sweep(s.scenario, { at: 3600, repair: 600 }));
    await new Promise((r) => setTimeout(r, 50)); // the last progress messages
    expect(o.result.runs).toBeGreaterThan(0);
    expect(calls).toEqual(Array.from({ length: o.result.runs }, (_, i) => [i + 1, o.result.runs]));
  });
});
