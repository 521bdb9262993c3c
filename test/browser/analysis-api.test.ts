/**
 * The analysis worker's API (src/worker/analysisApi.ts) over a MessageChannel in one thread: headroom of
 * the raw scenario as the page holds it with a rack type or an inline profile (checked like a rack type in
 * a file, units and all), the N-1 sweep split over a pool of two with per-run progress, and the engine's
 * own answers.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { wrap, expose, proxy } from 'comlink';
import { createAnalysisApi } from '../../src/worker/analysisApi';
import type { AnalysisApi, AnalysisOutcome, HeadroomResult, SweepPart, SweepResult } from '../../src/worker/protocol';
import { loadText, headroom, sweep } from '../../sim/api';

const text = (m: string) => readFileSync(new URL(`../../models/${m}.yaml`, import.meta.url), 'utf8');
/** Two workers' APIs, each on its own channel (a pool of two). */
const channels = [new MessageChannel(), new MessageChannel()];
const pool = channels.map((c) => {
  expose(createAnalysisApi(), c.port1 as unknown as Parameters<typeof expose>[1]);
  return wrap<AnalysisApi>(c.port2 as unknown as Parameters<typeof wrap>[0]);
});
const api = pool[0]!;
afterAll(() => { for (const c of channels) { c.port1.close(); c.port2.close(); } });

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

  it('sweeps across a pool of two: each makes every other run, the result is sweep()\'s, case for case', async () => {
    const raw = parse(text('dlc-hall'));
    const req = { at: 3600, repair: 600 };
    const calls: [number, number, number][] = [];
    const parts = await Promise.all(pool.map((w, index) => w.sweepPart(raw, req, { index, of: 2 }, proxy((d: number, t: number) => { calls.push([index, d, t]); })) as Promise<AnalysisOutcome<SweepPart>>));
    const ok = parts.map((p) => { if (!p.ok) throw new Error(JSON.stringify(p.errors)); return p.result; });
    const runs = ok[0]!.runs;
    expect(ok[1]!.runs).toBe(runs); // the same plan in both
    expect(ok[0]!.outcomes.map(([k]) => k)).toEqual(Array.from({ length: Math.ceil(runs / 2) }, (_, i) => 2 * i));
    expect(ok[1]!.outcomes.map(([k]) => k)).toEqual(Array.from({ length: Math.floor(runs / 2) }, (_, i) => 2 * i + 1));
    expect(ok[1]!.baseline).toBeNull();
    const o = await (api.sweepAssemble(ok[0]!.baseline!, [...ok[1]!.outcomes, ...ok[0]!.outcomes]) as Promise<AnalysisOutcome<SweepResult>>);
    if (!o.ok) throw new Error(JSON.stringify(o.errors));
    const s = loadText(text('dlc-hall'), 'x.yaml');
    if (!s.ok) throw new Error('does not load');
    expect(o.result).toEqual(sweep(s.scenario, req));
    await new Promise((r) => setTimeout(r, 50)); // the last progress messages
    expect(calls.filter(([w]) => w === 0).map(([, d, t]) => [d, t])).toEqual(ok[0]!.outcomes.map((_, i) => [i + 1, runs]));
    // Outcomes missing: said, not assembled into a wrong answer.
    const short = await (api.sweepAssemble(ok[0]!.baseline!, ok[0]!.outcomes) as Promise<AnalysisOutcome<SweepResult>>);
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.errors[0]!.message).toMatch(/run 1 of \d+ has no outcome/);
  });
});
