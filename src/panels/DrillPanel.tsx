/**
 * Drill mode's panel: briefing, the narration as the timeline reaches it, the question at each decision
 * with the trainee's options, and the score card at the end (the same numbers as `dctwin drill`). The
 * instructor's view adds the author's best answer and why at every decision.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from '../state/store';
import { app, fmtDuration } from '../state/session';
import { useCursor } from '../state/cursor';
import { drillStore, startDrill, pauseDrill, resumeDrill, skipAhead, decide, setInstructor, setPlaySeconds, drillLink, type DrillState } from '../state/drill';
import { DRILL_PREFIX } from '../scenario/models';
import { clock } from '../format';
import type { DrillResult, DrillSpec } from '../worker/protocol';

type Outcome = DrillResult['answer'];
const back = (o: Outcome) => (o.back_to_normal_s === null ? 'not by the end' : o.back_to_normal_s === 0 ? 'never left' : `after ${fmtDuration(o.back_to_normal_s)}`);
const NOTHING_LABEL = 'Do nothing';

function Narration({ drill, st }: { drill: DrillSpec; st: DrillState }) {
  const t = useCursor(4);
  const started = st.phase !== 'briefing';
  const said = started ? (drill.narration ?? []).filter((n) => n.at <= t + 1e-6) : [];
  const answered = drill.decisions.slice(0, st.next).map((d) => {
    const a = st.answers[d.id] ?? 'nothing';
    return { at: d.at, text: `You chose: ${a === 'nothing' ? NOTHING_LABEL : d.options.find((o) => o.id === a)?.label ?? a}`, you: true };
  });
  const items = [...said.map((n) => ({ at: n.at, text: n.text, you: false })), ...answered].sort((a, b) => a.at - b.at || Number(a.you) - Number(b.you));
  if (items.length === 0) return null;
  return (
    <ol className="drill-narration" data-testid="drill-narration">
      {items.map((n, i) => <li key={i} className={`${n.you ? 'you' : ''}${i === items.length - 1 ? ' latest' : ''}`}><span className="t">{clock(n.at)}</span> {n.text}</li>)}
    </ol>
  );
}

function Question({ drill, st }: { drill: DrillSpec; st: DrillState }) {
  const dec = drill.decisions[st.next]!;
  const [pick, setPick] = useState<string>('');
  const options = [...dec.options.map((o) => ({ id: o.id, label: o.label })), { id: 'nothing', label: NOTHING_LABEL }];
  const best = options.find((o) => o.id === dec.best);
  const box = useRef<HTMLDivElement>(null);
  // The question is what matters now: bring it (and its Decide button) into view.
  useEffect(() => { box.current?.scrollIntoView?.({ block: 'nearest' }); }, []);
  return (
    <div className="drill-question" data-testid="drill-question" ref={box}>
      <div className="q"><span className="t">{clock(dec.at)}</span> {dec.question}</div>
      {options.map((o) => (
        <label key={o.id} className="opt">
          <input type="radio" name={`decision-${dec.id}`} value={o.id} checked={pick === o.id} onChange={() => setPick(o.id)} data-testid={`drill-option-${o.id}`} />
          {o.label}
        </label>
      ))}
      <button className="primary" disabled={!pick} data-testid="drill-decide" onClick={() => { decide(pick); setPick(''); }}>Decide</button>
      {st.instructor && (
        <div className="instructor" data-testid="drill-instructor-answer">
          <b>Author's best:</b> {best?.label ?? dec.best}{dec.explain ? <p>{dec.explain}</p> : null}
        </div>
      )}
    </div>
  );
}

function ScoreCard({ r, instructor }: { r: DrillResult; instructor: boolean }) {
  const s = r.score;
  const rows: [string, Outcome][] = [['Your answers', r.answer], ['Do nothing', r.nothing], ['Best answer', r.best]];
  return (
    <div className="drill-score" data-testid="drill-score">
      <div className="total" data-testid="drill-score-total">Score: {s.total} / 100</div>
      <div className="parts">GPU-hours {s.gpu_hours.points}/{s.gpu_hours.of} · limits {s.limits.points}/{s.limits.of} · back to normal {s.back_to_normal.points}/{s.back_to_normal.of} · doing nothing scores {r.nothing_score.total}</div>
      <table>
        <thead><tr><th /><th>GPU-h lost</th><th>throttled</th><th>tripped</th><th>limits broken</th><th>back to normal</th></tr></thead>
        <tbody>
          {rows.map(([name, o]) => (
            <tr key={name}><th>{name}</th><td>{o.gpu_hours_lost.toFixed(1)}</td><td>{o.racks_throttled}</td><td>{o.racks_tripped}</td><td>{o.violations.join(', ') || 'none'}</td><td>{back(o)}</td></tr>
          ))}
        </tbody>
      </table>
      <div className="saved">GPU-hours saved against doing nothing: {s.gpu_hours_saved.toFixed(1)}</div>
      {r.decisions.map((d) => (
        <div key={d.id} className="debrief">
          <div className="q"><span className="t">{clock(d.at_s)}</span> {d.question}</div>
          <div>You: {d.chosen_label}{d.chosen === d.best ? ' ✓' : ''}</div>
          {d.feedback && <div className="fb">{d.feedback}</div>}
          {d.chosen !== d.best && <div>Best: {d.best_label}</div>}
          {(instructor || d.chosen !== d.best) && d.explain && <div className="fb">{d.explain}</div>}
        </div>
      ))}
    </div>
  );
}

export function DrillPanel() {
  const drill = useStore(app, (s) => s.drill);
  const source = useStore(app, (s) => s.source);
  const issues = useStore(app, (s) => s.issues.length);
  const st = useStore(drillStore, (s) => s);
  const [copied, setCopied] = useState<string | null>(null);
  if (!drill) return <div className="drill-panel empty">This file is not a drill. Open one from the model list (Training drills) or see docs/drills.md.</div>;
  const name = source?.kind === 'model' && source.name.startsWith(DRILL_PREFIX) ? source.name.slice(DRILL_PREFIX.length) : null;
  const link = name ? drillLink(name) : null;
  return (
    <section className="drill-panel" data-testid="drill-panel">
      <div className="drill-head">
        <h3>{drill.title}</h3>
        <label title="Show the author's best answer and why at each decision"><input type="checkbox" checked={st.instructor} onChange={(e) => setInstructor(e.target.checked)} data-testid="drill-instructor" /> Instructor view</label>
      </div>
      {st.phase === 'briefing' ? <p className="briefing">{drill.briefing}</p> : <details className="briefing"><summary>Briefing</summary>{drill.briefing}</details>}
      <div className="drill-controls">
        {(st.phase === 'briefing' || st.phase === 'scored' || st.phase === 'error') && (
          <button className="primary" disabled={issues > 0} data-testid="drill-start" onClick={startDrill}>{st.phase === 'briefing' ? 'Start drill' : 'Start over'}</button>
        )}
        {st.phase === 'playing' && <button onClick={pauseDrill} data-testid="drill-pause">Pause</button>}
        {st.phase === 'paused' && <button onClick={resumeDrill}>Resume</button>}
        {(st.phase === 'playing' || st.phase === 'paused') && <button onClick={skipAhead} data-testid="drill-skip" title="Jump to the next decision (or the end)">Skip to {st.next < drill.decisions.length ? 'decision' : 'end'}</button>}
        <label>Plays in <select value={st.playSeconds} onChange={(e) => setPlaySeconds(Number(e.target.value))}>{[30, 60, 90, 180, 300].map((s) => <option key={s} value={s}>{s} s</option>)}</select></label>
        {link && <button onClick={() => { void navigator.clipboard?.writeText(link).then(() => setCopied(link), () => setCopied(link)); setCopied(link); }} data-testid="drill-link" title="A link that opens this drill in drill mode">Copy drill link</button>}
      </div>
      {copied && <input className="drill-url" readOnly value={copied} data-testid="drill-url" onFocus={(e) => e.currentTarget.select()} />}
      {st.phase === 'running' && <div className="drill-status">Simulating the consequence of your answer…</div>}
      {st.phase === 'scoring' && <div className="drill-status">Scoring: playing doing nothing and the best answer…</div>}
      {st.phase === 'error' && <div className="drill-status error">{st.message}{st.errors.map((e, i) => <div key={i}>{e.path}: {e.message}</div>)}</div>}
      <Narration drill={drill} st={st} />
      {st.phase === 'deciding' && <Question key={st.next} drill={drill} st={st} />}
      {st.phase === 'scored' && st.result && <ScoreCard r={st.result} instructor={st.instructor} />}
    </section>
  );
}
