/**
 * The engine's public surface for hosts (the Web Worker, the CLI, tests): load a scenario text or an
 * edited raw object, describe the hall for drawing, run with progress and cancellation, get the report
 * and frames. Plain data in and out, so it crosses a worker boundary unchanged.
 */
import { loadScenarioText, validateScenarioData, saveScenarioText, type ScenarioFormat } from './scenario/load';
import type { Scenario } from './scenario/schema';
import type { ScenarioIssue } from './scenario/issues';
import { Simulation, ScenarioError } from './run/simulation';
import { buildReport, type Report } from './run/report';
import type { FrameData } from './run/frames';
import type { Plant } from './plant/types';
import { Cooling } from './plant/types';
import { compilePlant } from './plant/compile';

export type { Report, FrameData, ScenarioIssue, Scenario, ScenarioFormat };

export interface RackInfo {
  id: string;
  row: string;
  /** Row number in the hall (immersion tanks: one past the last row) and slot within the row. */
  rowIndex: number;
  slot: number;
  cooling: 'air' | 'dlc' | 'immersion';
  /** Index into HallLayout.cdus, or −1. */
  cdu: number;
  gpus: number;
  designPowerKw: number;
}

export interface HallLayout {
  hallId: string;
  hallName: string | null;
  /** Power-chain elements in feed order (parents before children); empty without a power section. */
  power: { id: string; kind: 'utility' | 'generator' | 'bus' | 'ups' | 'distribution'; parent: string | null }[];
  rows: string[];
  racks: RackInfo[];
  cdus: { id: string; immersion: boolean; capacityKw: number }[];
  crahs: { id: string; capacityKw: number }[];
  chillers: { id: string; capacityKw: number }[];
  freeCoolers: { id: string; kind: 'dry_cooler' | 'tower'; capacityKw: number }[];
  hasStorage: boolean;
}

export type LoadOutcome =
  | { ok: true; scenario: Scenario; raw: unknown; format: ScenarioFormat; warnings: string[]; layout: HallLayout; durationS: number }
  | { ok: false; errors: ScenarioIssue[] };

export function describeLayout(plant: Plant, rowIds: string[], scenario?: Scenario): HallLayout {
  const { racks, cdus, crahs } = plant;
  const cool = ['air', 'dlc', 'immersion'] as const;
  const p = scenario?.power;
  const power: HallLayout['power'] = p ? [
    ...p.utilities.map((u) => ({ id: u.id, kind: 'utility' as const, parent: null })),
    ...(p.generators ?? []).map((g) => ({ id: g.id, kind: 'generator' as const, parent: null })),
    ...p.buses.map((b) => ({ id: b.id, kind: 'bus' as const, parent: null })),
    ...(p.ups ?? []).map((u) => ({ id: u.id, kind: 'ups' as const, parent: u.bus })),
    ...(p.distribution ?? []).map((d) => ({ id: d.id, kind: 'distribution' as const, parent: d.from })),
  ] : [];
  return {
    hallId: plant.hall.id,
    hallName: scenario?.hall.name ?? null,
    power,
    rows: rowIds,
    racks: Array.from({ length: racks.n }, (_, r) => ({
      id: racks.ids[r]!, row: racks.rows[r]!, rowIndex: racks.rowIndex[r]!, slot: racks.slot[r]!,
      cooling: cool[racks.cooling[r]! as Cooling]!, cdu: racks.cdu[r]!, gpus: racks.gpus[r]!, designPowerKw: racks.designPower[r]! / 1000,
    })),
    cdus: cdus.ids.map((id, c) => ({ id, immersion: cdus.immersion[c] === 1, capacityKw: cdus.capacity[c]! / 1000 })),
    crahs: crahs.ids.map((id, i) => ({ id, capacityKw: crahs.capacity[i]! / 1000 })),
    chillers: plant.chillers.map((c) => ({ id: c.id, capacityKw: c.capacity / 1000 })),
    freeCoolers: plant.freeCoolers.map((f) => ({ id: f.id, kind: f.kind, capacityKw: f.capacity / 1000 })),
    hasStorage: (plant.fws.storageCapacity > plant.fws.capacity * 1.0001),
  };
}

function outcome(res: ReturnType<typeof loadScenarioText>): LoadOutcome {
  if (!res.ok) return res;
  const compiled = compilePlant(res.scenario);
  if (!compiled.ok) return compiled;
  return {
    ok: true, scenario: res.scenario, raw: res.raw, format: res.format, warnings: res.warnings,
    layout: describeLayout(compiled.plant, (res.scenario.hall.rows ?? []).map((r) => r.id), res.scenario), durationS: res.scenario.duration ?? 86_400,
  };
}

/** Parse and validate a scenario file's text. */
export function loadText(text: string, fileName?: string): LoadOutcome {
  return outcome(loadScenarioText(text, fileName));
}

/** Validate an edited raw scenario object (as the editor holds it); `format` is what it will be saved as. */
export function loadRaw(raw: unknown, format: ScenarioFormat = 'json'): LoadOutcome {
  return outcome(validateScenarioData(raw, undefined, format));
}

/** Serialise a raw scenario object (what the user wrote, units included). */
export function saveRaw(raw: unknown, format: ScenarioFormat): string {
  return saveScenarioText({ raw, doc: undefined, format });
}

export interface RunRequest {
  until?: number;
  seed?: number;
  probes?: string[];
  /** Seconds between frames for the 3D view (default: duration / 480). */
  frameInterval?: number;
}

export interface RunOutcome {
  report: Report;
  frames: FrameData;
  layout: HallLayout;
}

/** A run the host drives slice by slice (so a worker can yield, report progress and honour cancel). */
export interface RunHandle {
  readonly end: number;
  readonly now: number;
  /** Frames captured so far (frames.count grows as the run advances). */
  readonly frames: FrameData;
  readonly layout: HallLayout;
  advanceTo(t: number): void;
  finish(): RunOutcome;
}

export function createRun(scenario: Scenario, req: RunRequest = {}): RunHandle {
  const end = req.until ?? scenario.duration ?? 86_400;
  const sim = new Simulation(scenario, { ...req, until: end, frameInterval: req.frameInterval ?? end / 480 });
  const layout = describeLayout(sim.plant, (scenario.hall.rows ?? []).map((r) => r.id), scenario);
  return {
    end, layout, frames: sim.frames!.data,
    get now() { return sim.now; },
    advanceTo: (t) => sim.runTo(t),
    finish: () => ({ report: buildReport(sim), frames: sim.frames!.data, layout }),
  };
}

/** Run to the end in slices (synchronous; for Node hosts and tests). */
export function runScenario(scenario: Scenario, req: RunRequest = {}, progress?: (fraction: number, t: number) => void, slices = 100): RunOutcome {
  const run = createRun(scenario, req);
  for (let i = 1; i <= slices; i++) {
    run.advanceTo((run.end * i) / slices);
    progress?.(i / slices, run.now);
  }
  return run.finish();
}

export { ScenarioError };
