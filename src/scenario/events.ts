/** The scenario's scheduled events as the page shows them: a short description and, when plain, the time. */
import { asText, rawEvents, type RawObject } from './raw';

export function describeEvent(ev: RawObject): string {
  if (ev.fail !== undefined) return `fail ${asText(ev.fail)}${ev.part === 'pump' ? ` (${asText(ev.count) || 1} pump)` : ev.part === 'door' ? ' (rear door)' : ''}`;
  if (ev.repair !== undefined) return `repair ${asText(ev.repair)}${ev.part === 'pump' ? ' (pump)' : ev.part === 'door' ? ' (rear door)' : ''}`;
  if (ev.set !== undefined) return `set ${asText(ev.set)} = ${asText(ev.value)}`;
  if (ev.utility !== undefined) return `utility ${asText(ev.utility)} ${asText(ev.target)}`;
  if (ev.job !== undefined) return `${asText(ev.job)} job ${asText(ev.target)}`;
  return 'event';
}

/** Seconds of a time the editor wrote ("10 h", "90 min", "3600"), for jumping the cursor; null when unsure. */
export function eventSeconds(v: unknown): number | null {
  const m = /^\s*([\d.]+)\s*(s|min|h|d)?\s*$/.exec(asText(v));
  if (!m) return null;
  return Number(m[1]) * ({ s: 1, min: 60, h: 3600, d: 86_400 }[m[2] ?? 's'] ?? 1);
}

export interface EventMark {
  t: number;
  label: string;
  /** A training job's checkpoint (from the run's report), drawn as a tick rather than a line. */
  checkpoint?: boolean;
}

/** The events whose time is plain, in time order (for the charts' markers). */
export function eventMarks(raw: RawObject | null): EventMark[] {
  if (!raw) return [];
  const marks: EventMark[] = [];
  for (const ev of rawEvents(raw)) {
    const t = eventSeconds(ev.at);
    if (t !== null) marks.push({ t, label: describeEvent(ev) });
  }
  return marks.sort((a, b) => a.t - b.t);
}

/** When the run's training jobs began a checkpoint (the report's jobs[].checkpoints_s), one mark per instant. */
export function checkpointMarks(jobs: readonly { id: string; checkpoints_s?: readonly number[] }[] | undefined): EventMark[] {
  const at = new Map<number, string[]>();
  for (const j of jobs ?? []) for (const t of j.checkpoints_s ?? []) (at.get(t) ?? at.set(t, []).get(t)!).push(j.id);
  return [...at].map(([t, ids]) => ({ t, label: `checkpoint ${ids.length > 1 ? `(${ids.length} jobs)` : ids[0]}`, checkpoint: true })).sort((a, b) => a.t - b.t);
}

/** The trainee's chosen actions in a drill run (times in s from the engine's drill section), as "you: …" marks. */
export function drillMarks(drill: { decisions: readonly { id: string; at: number; options: readonly { id: string; actions?: readonly Record<string, unknown>[] | undefined }[] }[] }, answers: Record<string, string>): EventMark[] {
  const marks: EventMark[] = [];
  for (const d of drill.decisions) {
    const o = d.options.find((x) => x.id === answers[d.id]);
    for (const a of o?.actions ?? []) marks.push({ t: d.at + (typeof a.after === 'number' ? a.after : 0), label: `you: ${describeEvent(a as RawObject)}` });
  }
  return marks;
}
