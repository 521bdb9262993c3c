/** `dctwin drill` as text: the drill's questions, the answer played, and its score against doing nothing and the best answer. */
import type { Scenario } from '../scenario/schema';
import type { DrillResult, DrillOutcome } from '../analysis/drill';
import { NOTHING } from '../analysis/drill';

const dur = (s: number) => (s >= 3600 ? `${(s / 3600).toFixed(s % 3600 === 0 ? 0 : 2)} h` : s >= 60 ? `${(s / 60).toFixed(s % 60 === 0 ? 0 : 1)} min` : `${s.toFixed(0)} s`);
const back = (o: DrillOutcome) => (o.back_to_normal_s === null ? 'not by the end' : o.back_to_normal_s === 0 ? 'never left' : `after ${dur(o.back_to_normal_s)}`);
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

/** The drill as a trainee meets it: briefing and each decision with its options (what `--answer` takes). */
export function drillQuestions(s: Scenario): string {
  const d = s.drill!;
  const lines = [`Drill: ${d.title}`, '', d.briefing.trim(), ''];
  for (const dec of d.decisions) {
    lines.push(`Decision "${dec.id}" at ${dur(dec.at)}: ${dec.question.trim()}`);
    for (const o of dec.options) lines.push(`  ${pad(o.id, 14)} ${o.label}`);
    lines.push(`  ${pad(NOTHING, 14)} Do nothing`);
  }
  return lines.join('\n') + '\n';
}

export function drillSummary(r: DrillResult, instructor: boolean): string {
  const L: string[] = [`Drill: ${r.title}  (${r.scenario}, seed ${r.seed})`, ''];
  for (const d of r.decisions) {
    L.push(`At ${dur(d.at_s)}: ${d.question.trim()}`);
    L.push(`  answered: ${d.chosen_label} [${d.chosen}]`);
    if (d.feedback) L.push(`  ${d.feedback.trim()}`);
    if (instructor || d.chosen === d.best) L.push(`  author's best: ${d.best_label} [${d.best}]`);
    if (instructor && d.explain) L.push(`  why: ${d.explain.trim()}`);
  }
  L.push('');
  const row = (name: string, o: DrillOutcome) => `  ${pad(name, 13)} ${pad(o.gpu_hours_lost.toFixed(2), 16)} ${pad(String(o.racks_throttled), 10)} ${pad(String(o.racks_tripped), 8)} ${pad(o.violations.length ? o.violations.join(', ') : 'none', 30)} ${back(o)}`;
  L.push(`  ${pad('', 13)} ${pad('GPU-hours lost', 16)} ${pad('throttled', 10)} ${pad('tripped', 8)} ${pad('limits broken', 30)} back to normal`);
  L.push(row('your answer', r.answer));
  L.push(row('do nothing', r.nothing));
  L.push(row('best answer', r.best));
  L.push('');
  const s = r.score;
  L.push(`Score: ${s.total} / 100  (GPU-hours ${s.gpu_hours.points}/${s.gpu_hours.of}, limits ${s.limits.points}/${s.limits.of}, back to normal ${s.back_to_normal.points}/${s.back_to_normal.of}); doing nothing scores ${r.nothing_score.total}.`);
  L.push(`GPU-hours saved against doing nothing: ${s.gpu_hours_saved.toFixed(2)}. "Back to normal" is read every ${r.answer.resolution_s.toFixed(1)} s.`);
  return L.join('\n') + '\n';
}
