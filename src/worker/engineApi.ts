/**
 * The engine as the worker serves it. Kept apart from the worker bootstrap so tests can drive it over a
 * MessageChannel in one thread. Holds the last valid Scenario; the page only ever sees plain summaries.
 */
import { transfer } from 'comlink';
import { stringify as stringifyYaml } from 'yaml';
import { patchYaml } from './yamlPatch';
import { loadText, loadRaw, saveRaw, createRun, createSweepCaseRun, drillScenario, type LoadOutcome, type FrameData, type Scenario, type ScenarioFormat } from '../../sim/api';
import { frameCounts, sliceSeries, seriesBuffers, bytesPerFrame, NO_COUNTS, type FrameCounts, type HallLayout } from '../../sim/api';
import type { EngineApi, FrameChunk, Report, RunProgress, RunRequest, Validation, ValidScenario, WireReport, WireRunResult } from './protocol';

/**
 * The run advances in the CLI's slices (end · i / 100). The engine clips its integration step at every
 * stop, so other boundaries would give slightly different numbers; these make a browser run reproduce
 * `dctwin run` exactly, run after run.
 */
const SLICES = 100;
/** Frames are sent at most this often (and at the end): fewer, larger transfers. */
const CHUNK_MS = 120;

/**
 * Frames per run: as many as fit in about 40 MB (the page holds a copy), never fewer than the engine's
 * default 480; the engine caps them at 2,000. A 32-rack day gets a frame every 43 s instead of 180 s, so
 * a three-minute CDU outage shows in 3D; a 10,000-rack hall stays at 480.
 */
const FRAME_BYTES_BUDGET = 40e6;
export function frameIntervalFor(end: number, counts: FrameCounts): number {
  const frames = Math.max(480, Math.min(2000, Math.floor(FRAME_BYTES_BUDGET / bytesPerFrame(counts))));
  return end / (frames - 1);
}

/** The widths of a hall's frame series, from its layout (as the engine's Frames will size them). */
export function countsOf(l: HallLayout): FrameCounts {
  return { racks: l.racks.length, cdus: l.cdus.length, crahs: l.crahs.length, chillers: l.chillers.length, freeCoolers: l.freeCoolers.length, power: l.power.length, batteries: l.batteries.length };
}

const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function summary(o: Extract<LoadOutcome, { ok: true }>, format: ScenarioFormat): ValidScenario {
  return { ok: true, name: o.scenario.name, layout: o.layout, durationS: o.durationS, warnings: o.warnings, format, drill: o.drill };
}

/** Copies frames [from, data.count) out of the run's store into fresh buffers that can be transferred. */
export function sliceFrames(data: FrameData, from: number, capacity: number): FrameChunk {
  const counts = frameCounts(data);
  return {
    shape: { capacity, interval: data.interval, ...counts },
    start: from,
    count: data.count - from,
    ...sliceSeries(data, counts, from, data.count),
  };
}

export function chunkBuffers(c: FrameChunk): ArrayBuffer[] {
  return seriesBuffers(c);
}

/** The report with `final` as JSON text (see WireReport); the key stays in place so key order survives. */
export function toWire(report: Report): WireReport {
  return { ...report, final: undefined, finalJson: JSON.stringify(report.final) };
}

export function createEngineApi(): EngineApi {
  let scenario: Scenario | null = null;
  let size = { counts: NO_COUNTS, end: 86_400 };
  let cancelRequested = false;

  return {
    loadText(text, fileName) {
      const o = loadText(text, fileName);
      if (!o.ok) return o;
      scenario = o.scenario;
      size = { counts: countsOf(o.layout), end: o.durationS };
      return { ...summary(o, o.format), raw: o.raw };
    },

    loadRaw(raw): Validation {
      const o = loadRaw(raw);
      if (!o.ok) return o;
      scenario = o.scenario;
      size = { counts: countsOf(o.layout), end: o.durationS };
      return summary(o, o.format);
    },

    save(raw, format, original) {
      if (format === 'json') return saveRaw(raw, 'json');
      // saveRaw writes JSON when it holds no YAML document, and an edited object has none: patch the text
      // as opened instead (comments kept), or write fresh YAML when there is no YAML original.
      if (original?.format === 'yaml') {
        try { return patchYaml(original.text, raw); } catch { /* fall through to a fresh document */ }
      }
      return stringifyYaml(raw, { lineWidth: 0 });
    },

    async run(req: RunRequest, onProgress: (p: RunProgress) => void | Promise<void>, onChunk: (c: FrameChunk) => void | Promise<void>): Promise<WireRunResult> {
      if (!scenario) return { status: 'error', message: 'no valid scenario loaded' };
      cancelRequested = false;
      const started = performance.now();
      try {
        const { sweepCase, drillAnswers, ...rest } = req;
        const opts = { ...rest, frameInterval: frameIntervalFor(req.until ?? size.end, size.counts) };
        const caseRun = sweepCase ? createSweepCaseRun(scenario, sweepCase, opts) : null;
        // A drill played with the trainee's answers: the same scenario with the chosen actions as events.
        const run = caseRun ?? createRun(drillAnswers ? drillScenario(scenario, drillAnswers) : scenario, opts);
        const capacity = run.frames.t.length;
        let sent = 0, lastChunk = 0;
        // Callbacks are awaited: each comlink proxy has its own channel, so without the round trip the
        // result could overtake the last chunk; it also keeps the worker from outrunning the page.
        const flush = async () => {
          if (run.frames.count === sent) return;
          const chunk = sliceFrames(run.frames, sent, capacity);
          sent = run.frames.count;
          await onChunk(transfer(chunk, chunkBuffers(chunk)));
        };
        for (let i = 1; i <= SLICES; i++) {
          await yieldToMessages();
          if (cancelRequested) { await flush(); return { status: 'cancelled', simTime: run.now }; }
          const target = (run.end * i) / SLICES;
          run.advanceTo(target);
          const now = performance.now();
          if (now - lastChunk > CHUNK_MS || i === SLICES) {
            lastChunk = now;
            await flush();
            await onProgress({ fraction: i / SLICES, simTime: target, wallMs: now - started });
          }
        }
        const out = run.finish();
        await flush();
        return { status: 'done', report: toWire(out.report), wallMs: performance.now() - started, ...(caseRun && { repairAt: caseRun.repairAt }) };
      } catch (e) {
        return { status: 'error', message: e instanceof Error ? e.message : String(e) };
      }
    },

    cancel() {
      cancelRequested = true;
    },

    ping() {
      return 'pong';
    },
  };
}
