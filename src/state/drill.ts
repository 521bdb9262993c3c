/**
 * Drill mode (docs/drills.md): the open file's drill played on the timeline. The run plays from the start
 * at drill speed, narration appears as the cursor passes it, and at each decision the playback stops and
 * asks. An answer with actions is simulated again from the start with those actions as events — the
 * engine is deterministic, so everything up to the decision is what the trainee just watched — and play
 * goes on from the decision. At the end the analysis worker plays doing nothing and the author's best
 * answer and scores the trainee's answers against them (sim/analysis/drill.ts, as `dctwin drill` does).
 */
import { createStore } from './store';
import { app, runDrillPlay } from './session';
import { cursor, followLive } from './cursor';
import { frames } from './frameBuffer';
import { views } from './views';
import { AnalysisLane } from '../worker/analysisClient';
import type { AnalysisOutcome, DrillResult, DrillSpec, ScenarioIssue } from '../worker/protocol';

export type DrillPhase = 'briefing' | 'running' | 'playing' | 'paused' | 'deciding' | 'scoring' | 'scored' | 'error';

export interface DrillState {
  phase: DrillPhase;
  /** Decision id → option id, as answered so far. */
  answers: Record<string, string>;
  /** The next decision to ask (index into drill.decisions). */
  next: number;
  result: DrillResult | null;
  errors: ScenarioIssue[];
  message: string | null;
  /** The instructor's view: the author's best answer and why, during the drill. */
  instructor: boolean;
  /** Seconds of wall time the whole drill takes to play at drill speed. */
  playSeconds: number;
}

export const drillStore = createStore<DrillState>({
  phase: 'briefing', answers: {}, next: 0, result: null, errors: [], message: null, instructor: false, playSeconds: 90,
});

const lane = new AnalysisLane();
let playSeq = 0;
let lastSpec = '';

/** A new drill (or none) was opened: start over at its briefing and show the drill panel. */
app.subscribe(() => {
  const spec = app.get().drill;
  const key = spec ? JSON.stringify(spec) : '';
  if (key === lastSpec) return;
  const had = lastSpec !== '';
  lastSpec = key;
  stopPlay();
  lane.cancel();
  drillStore.set({ phase: 'briefing', answers: {}, next: 0, result: null, errors: [], message: null });
  if (spec && !had) views.set({ side: 'drill' });
  else if (!spec && views.get().side === 'drill') views.set({ side: 'run' });
});

function spec(): DrillSpec | null {
  return app.get().drill;
}

function stopPlay(): void {
  playSeq++;
}

/** The frame time at or after t (the instant a decision is shown at). */
function frameFrom(t: number): number {
  const f = frames.frameFrom(t);
  return f < 0 ? frames.end : frames.t[f]!;
}

/** Plays from the cursor at drill speed until the next decision (then asks) or the end (then scores). */
function play(): void {
  const d = spec();
  if (!d) return;
  const seq = ++playSeq;
  const end = frames.end;
  const { next, playSeconds } = drillStore.get();
  const stopAt = next < d.decisions.length ? d.decisions[next]!.at : end;
  const speed = end / Math.max(1, playSeconds);
  let playhead = cursor.get();
  let last = performance.now();
  followLive.set(false);
  drillStore.set({ phase: 'playing' });
  const tick = (now: number) => {
    if (seq !== playSeq) return;
    playhead += ((now - last) / 1000) * speed;
    last = now;
    if (playhead >= stopAt) { arrive(stopAt); return; }
    const f = frames.frameAt(playhead);
    if (f >= 0) cursor.set(frames.t[f]!);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** The playhead reached the next decision (ask it) or the end of the run (score the answers). */
function arrive(t: number): void {
  const d = spec()!;
  stopPlay();
  const { next } = drillStore.get();
  if (next < d.decisions.length) {
    cursor.set(frameFrom(t));
    drillStore.set({ phase: 'deciding' });
  } else {
    cursor.set(frames.end);
    void score();
  }
}

/** Plays the drill with the answers so far (later decisions: nothing), then goes on from `from`. */
async function simulate(from: number): Promise<void> {
  const answers = drillStore.get().answers;
  drillStore.set({ phase: 'running', message: null });
  await runDrillPlay(answers);
  const s = app.get();
  if (s.sim !== 'done') {
    drillStore.set({ phase: 'error', message: s.runMessage ?? 'the run did not finish' });
    return;
  }
  followLive.set(false);
  cursor.set(from > 0 ? frameFrom(from) : 0);
  play();
}

/** Start (or start over): do nothing everywhere until the trainee answers. */
export function startDrill(): void {
  if (!spec() || app.get().issues.length > 0) return;
  stopPlay();
  lane.cancel();
  drillStore.set({ answers: {}, next: 0, result: null, errors: [] });
  void simulate(0);
}

export function pauseDrill(): void {
  if (drillStore.get().phase !== 'playing') return;
  stopPlay();
  drillStore.set({ phase: 'paused' });
}

export function resumeDrill(): void {
  if (drillStore.get().phase === 'paused') play();
}

/** Jump to the next decision (or the end) without waiting for playback. */
export function skipAhead(): void {
  const d = spec();
  const st = drillStore.get();
  if (!d || (st.phase !== 'playing' && st.phase !== 'paused')) return;
  arrive(st.next < d.decisions.length ? d.decisions[st.next]!.at : frames.end);
}

/** Answer the decision being asked; an option with actions is simulated from that moment. */
export function decide(option: string): void {
  const d = spec();
  const st = drillStore.get();
  if (!d || st.phase !== 'deciding') return;
  const dec = d.decisions[st.next]!;
  drillStore.set({ answers: { ...st.answers, [dec.id]: option }, next: st.next + 1 });
  const acts = dec.options.find((o) => o.id === option)?.actions ?? [];
  // "nothing" (or an option without actions) changes nothing: the run on screen already plays it.
  if (acts.length === 0) play();
  else void simulate(dec.at);
}

/** Score the answers against doing nothing and the author's best answer (three runs in an analysis worker). */
export async function score(): Promise<void> {
  const raw = app.get().raw;
  if (!raw) return;
  const answers = drillStore.get().answers;
  drillStore.set({ phase: 'scoring', result: null, errors: [] });
  const out = await lane.start((api) => api.drill(raw, answers) as Promise<AnalysisOutcome<DrillResult>>);
  if (out.status === 'cancelled') return;
  if (out.status === 'error') { drillStore.set({ phase: 'error', message: out.message }); return; }
  const v = out.value;
  if (!v.ok) { drillStore.set({ phase: 'error', errors: v.errors, message: 'the drill could not be scored' }); return; }
  drillStore.set({ phase: 'scored', result: v.result });
}

export function setInstructor(on: boolean): void {
  drillStore.set({ instructor: on });
}

export function setPlaySeconds(s: number): void {
  drillStore.set({ playSeconds: s });
}

/** The link that opens this built-in drill in drill mode for anyone (`?drill=<name>`). */
export function drillLink(name: string): string {
  const url = new URL(location.href);
  url.search = '';
  url.hash = '';
  url.searchParams.set('drill', name);
  return url.toString();
}
