/**
 * The worker's API driven over a MessageChannel in one thread (both ends of comlink, as in comlink's own
 * same-window tests): validation, a streamed run whose frame chunks are transferred, and determinism
 * against the CLI's way of running.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { wrap, expose, proxy, transfer } from 'comlink';
import { createEngineApi, sliceFrames, chunkBuffers } from '../../src/worker/engineApi';
import type { EngineApi, FrameChunk } from '../../src/worker/protocol';
import { loadText, runScenario } from '../../sim/api';

const dlcHall = readFileSync(new URL('../../models/dlc-hall.yaml', import.meta.url), 'utf8');
const channel = new MessageChannel();
expose(createEngineApi(), channel.port1 as unknown as Parameters<typeof expose>[1]);
const engine = wrap<EngineApi>(channel.port2 as unknown as Parameters<typeof wrap>[0]);
afterAll(() => { channel.port1.close(); channel.port2.close(); });

describe('engine worker API', () => {
  it('validates text and returns the layout and the raw object, not the typed scenario', async () => {
    const v = await engine.loadText(dlcHall, 'dlc-hall.yaml');
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.layout.racks).toHaveLength(32);
    expect(v.format).toBe('yaml');
    expect((v.raw as { rack_types: { nvl72: { power: string } } }).rack_types.nvl72.power).toBe('132 kW');
    expect(v).not.toHaveProperty('scenario');
  });

  it('reports errors with their field paths', async () => {
    const v = await engine.loadText(dlcHall.replace('power: 132 kW', 'power: 132 kV'), 'bad.yaml');
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors.map((e) => e.path)).toContain('rack_types.nvl72.power');
  });

  it('moves frame chunks instead of copying them', async () => {
    const v = loadText(dlcHall, 'dlc-hall.yaml');
    if (!v.ok) throw new Error('model does not load');
    const sim = runScenario(v.scenario, { until: 3600 }, undefined, 4);
    const chunk = sliceFrames(sim.frames, 0, sim.frames.t.length);
    const received = new Promise<FrameChunk>((resolve) => {
      const c = new MessageChannel();
      expose({ take: (x: FrameChunk) => resolve(x) }, c.port1 as unknown as Parameters<typeof expose>[1]);
      void wrap<{ take(x: FrameChunk): void }>(c.port2 as unknown as Parameters<typeof wrap>[0]).take(transfer(chunk, chunkBuffers(chunk)));
    });
    const got = await received;
    expect(got.count).toBe(sim.frames.count);
    expect(got.rackTemperature.length).toBe(sim.frames.count * 32);
    // The sender's buffers are detached: the data moved.
    expect(chunk.t.byteLength).toBe(0);
    expect(chunk.rackTemperature.byteLength).toBe(0);
  });

  it('streams a run as chunks covering every frame, and matches the CLI run exactly', async () => {
    const v = await engine.loadText(dlcHall, 'dlc-hall.yaml');
    expect(v.ok).toBe(true);
    const chunks: FrameChunk[] = [];
    let lastProgress = 0;
    const result = await engine.run({}, proxy((p) => { lastProgress = p.fraction; }), proxy((c: FrameChunk) => { chunks.push(c); }));
    expect(result.status).toBe('done');
    if (result.status !== 'done') return;
    expect(lastProgress).toBe(1);
    const covered = chunks.reduce((n, c) => n + c.count, 0);
    expect(chunks[0]!.start).toBe(0);
    expect(covered).toBe(chunks[0]!.shape.capacity);
    // A small hall gets the engine's maximum of frames (a frame every 43 s of a day), fine enough for short outages.
    expect(chunks[0]!.shape.capacity).toBe(2000);
    // The CLI advances in 100 equal slices; so does the worker, so the numbers agree to the last digit
    // (the finer frames do not change the integration).
    const loaded = loadText(dlcHall, 'dlc-hall.yaml');
    if (!loaded.ok) throw new Error('model does not load');
    const cli = runScenario(loaded.scenario, {}, undefined, 100).report;
    expect(result.report.kpis).toEqual(cli.kpis);
    expect(result.report.alarms).toEqual(cli.alarms);
    expect(result.report.alarms.some((a) => a.component === 'chiller-1' && a.kind === 'failure')).toBe(true);
  });

  it('cancels between slices', async () => {
    await engine.loadText(dlcHall, 'dlc-hall.yaml');
    const running = engine.run({}, proxy(() => {}), proxy(() => {}));
    await engine.cancel();
    const result = await running;
    expect(result.status).toBe('cancelled');
  });
});
