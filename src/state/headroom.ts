/**
 * The headroom question of the open scenario: which rack profile, and the engine's answer (sim/analysis/
 * headroom.ts), computed in an analysis worker. A new question (another profile, an edit) supersedes the
 * one running: its worker is stopped and its answer, had it come, would be ignored. The answer remembers
 * the scenario and profile it was computed for, so the page can tell a current answer from a previous one.
 */
import { createStore } from './store';
import { app } from './session';
import { AnalysisLane } from '../worker/analysisClient';
import { asObject, type RawObject } from '../scenario/raw';
import type { AnalysisOutcome, HeadroomResult, RackChoice, ScenarioIssue } from '../worker/protocol';

/** An inline profile as the form holds it: quantities as typed ("132 kW", or a bare number in the unit shown). */
export interface ProfileForm { power: string; cooling: 'dlc' | 'air'; liquid_fraction: string; gpus: string; weight: string }

export type Profile = { kind: 'type'; name: string } | { kind: 'spec'; form: ProfileForm };

/** A GB200 NVL72-class rack (the engine's rack defaults; about 1.4 t filled, vendor data sheets). */
export const DEFAULT_FORM: ProfileForm = { power: '132', cooling: 'dlc', liquid_fraction: '0.85', gpus: '72', weight: '1400' };

export type HeadroomStatus = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

export interface HeadroomState {
  profile: Profile | null;
  status: HeadroomStatus;
  result: HeadroomResult | null;
  errors: ScenarioIssue[];
  /** When the running computation started (performance.now()). */
  startedAt: number;
  wallMs: number | null;
  /** The scenario and profile the result answers. */
  forRaw: RawObject | null;
  forProfile: Profile | null;
}

export const headroomStore = createStore<HeadroomState>({
  profile: null, status: 'idle', result: null, errors: [], startedAt: 0, wallMs: null, forRaw: null, forProfile: null,
});

/** The file's rack types, in file order. */
export const rackTypesOf = (raw: RawObject | null): string[] => Object.keys(asObject(raw?.rack_types) ?? {});

/** A bare number gets the unit the form shows; anything else goes to the engine as typed (it knows units). */
const withUnit = (v: string, unit: string) => (/^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(v) ? `${v.trim()} ${unit}` : v.trim());
const asNumber = (v: string) => (v.trim() === '' ? undefined : Number.isFinite(Number(v)) ? Number(v) : v);

/** The form as a rack type's fields (checked by the engine like a rack type in a file). */
export function specOf(f: ProfileForm): Record<string, unknown> {
  const spec: Record<string, unknown> = { power: withUnit(f.power, 'kW'), cooling: f.cooling, gpus: asNumber(f.gpus) };
  if (f.cooling === 'dlc') spec.liquid_fraction = asNumber(f.liquid_fraction);
  if (f.weight.trim()) spec.weight = withUnit(f.weight, 'kg');
  return spec;
}

export const profileKey = (p: Profile | null) => JSON.stringify(p);

/** Keeps the profile meaningful for the open file: a type it no longer has gives way to its first type, or the form. */
export function fitProfile(raw: RawObject | null): void {
  const { profile } = headroomStore.get();
  const types = rackTypesOf(raw);
  if (profile?.kind === 'spec' || (profile?.kind === 'type' && types.includes(profile.name))) return;
  headroomStore.set({ profile: types[0] ? { kind: 'type', name: types[0] } : { kind: 'spec', form: DEFAULT_FORM } });
}

export function setProfile(profile: Profile): void {
  headroomStore.set({ profile });
}

const lane = new AnalysisLane();
let seq = 0;

/** The answer on screen is for the scenario and profile as they are now. */
export function headroomCurrent(h: HeadroomState = headroomStore.get()): boolean {
  return h.forRaw === app.get().raw && profileKey(h.forProfile) === profileKey(h.profile);
}

/** Asks the engine for the headroom of the open scenario with the chosen profile (superseding any question running). */
export function computeHeadroom(): void {
  const raw = app.get().raw;
  const { profile } = headroomStore.get();
  if (!raw || !profile) return;
  const mine = ++seq;
  headroomStore.set({ status: 'running', startedAt: performance.now(), errors: [] });
  const rack: RackChoice = profile.kind === 'type' ? { kind: 'type', name: profile.name } : { kind: 'spec', spec: specOf(profile.form) };
  void lane.start((api) => api.headroom(raw, rack) as Promise<AnalysisOutcome<HeadroomResult>>).then((o) => {
    if (mine !== seq) return; // a newer question took over
    if (o.status === 'cancelled') headroomStore.set({ status: 'cancelled' });
    else if (o.status === 'error') headroomStore.set({ status: 'error', errors: [{ path: '(engine)', message: o.message }] });
    else if (!o.value.ok) headroomStore.set({ status: 'error', errors: o.value.errors, result: null, forRaw: raw, forProfile: profile });
    else headroomStore.set({ status: 'done', result: o.value.result, wallMs: o.value.wallMs, forRaw: raw, forProfile: profile });
  });
}

export function cancelHeadroom(): void {
  seq++;
  lane.cancel();
  if (headroomStore.get().status === 'running') headroomStore.set({ status: 'cancelled' });
}
