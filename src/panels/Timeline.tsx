/**
 * Play · speed · scrub, with alarm markers. The cursor moves through a signal (no React render per
 * animation frame): the handle and readout are updated directly. The readout is the cursor's instant,
 * which is always a frame's time once there are frames (see state/cursor.ts): playback keeps its own
 * continuous playhead and shows the frame at or before it.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useStore } from '../state/store';
import { app } from '../state/session';
import { cursor, followLive, playing, showInstant, stepFrames } from '../state/cursor';
import { frames } from '../state/frameBuffer';
import { clock } from '../format';
import { cpuContext } from './cpuCanvas';
import { StaleBadge, useStale } from './StaleBadge';
import { runCaseLabel } from './runCase';

const SPEEDS: [number, string][] = [[60, '1 min/s'], [300, '5 min/s'], [900, '15 min/s'], [3600, '1 h/s'], [14_400, '4 h/s']];
const SEVERITY_COLOR = { critical: '#D55E00', major: '#E69F00', warning: '#F0E442', info: '#56B4E9' } as const;
/** Drawing order (more severe on top); info alarms are not marked. */
const SEVERITY_BY_RANK = [null, 'warning', 'major', 'critical'] as const;
const SEVERITY_RANK: Record<keyof typeof SEVERITY_COLOR, number> = { info: 0, warning: 1, major: 2, critical: 3 };

export function Timeline() {
  const durationS = useStore(app, (s) => s.durationS);
  const report = useStore(app, (s) => s.report);
  const version = useStore(app, (s) => s.framesVersion);
  const stale = useStale();
  const runCase = useStore(app, (s) => s.runCase);
  const [isPlaying, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(3600);
  const track = useRef<HTMLDivElement>(null);
  const handle = useRef<HTMLDivElement>(null);
  const readout = useRef<HTMLSpanElement>(null);
  const markers = useRef<HTMLCanvasElement>(null);
  const loaded = useRef<HTMLDivElement>(null);
  const speedRef = useRef(speed);
  speedRef.current = speed;

  // Handle and readout follow the cursor directly.
  useEffect(() => {
    const place = (t: number) => {
      const u = Math.max(0, Math.min(1, t / durationS));
      if (handle.current) handle.current.style.left = `${u * 100}%`;
      if (readout.current) {
        readout.current.textContent = clock(t);
        readout.current.dataset.t = String(t);
      }
    };
    place(cursor.get());
    return cursor.subscribe(place);
  }, [durationS]);

  useEffect(() => {
    if (loaded.current) loaded.current.style.width = `${Math.min(1, frames.end / durationS) * 100}%`;
  }, [version, durationS]);

  // Playback: advance the cursor by wall time × speed, stop at the last frame.
  useEffect(() => {
    playing.set(isPlaying);
    if (!isPlaying) return;
    followLive.set(false);
    let last = performance.now(), raf = 0;
    let playhead = cursor.get() >= frames.end - 1e-6 ? 0 : cursor.get();
    cursor.set(frames.t[Math.max(0, frames.frameAt(playhead))]!);
    const tick = (now: number) => {
      playhead += ((now - last) / 1000) * speedRef.current;
      last = now;
      if (playhead >= frames.end) { cursor.set(frames.end); setPlaying(false); return; }
      // The frame at or before the playhead: the instant shown is always one the engine computed.
      cursor.set(frames.t[frames.frameAt(playhead)]!);
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [isPlaying]);

  // Alarm markers, redrawn when the report or the size changes. The size comes from the ResizeObserver
  // (its first call follows the next layout): reading it from the element would force a layout of the page.
  useEffect(() => {
    const c = markers.current;
    if (!c) return;
    const draw = (box: DOMRectReadOnly) => {
      const w = Math.round(box.width * devicePixelRatio), h = Math.round(box.height * devicePixelRatio);
      if (c.width !== w) c.width = w;
      if (c.height !== h) c.height = h;
      const g = cpuContext(c);
      g.clearRect(0, 0, w, h);
      // One mark per pixel column, the most severe there: a large hall raises thousands of alarms.
      const worst = new Uint8Array(Math.max(1, w));
      for (const a of report?.alarms ?? []) {
        const rank = SEVERITY_RANK[a.severity];
        if (!rank) continue;
        const x = Math.max(0, Math.min(w - 1, Math.round((a.t_s / durationS) * w)));
        if (rank > worst[x]!) worst[x] = rank;
      }
      const bar = Math.max(1, devicePixelRatio);
      // Warnings are short ticks at the bottom, major and critical alarms full height: a flood of
      // warnings (racks throttling on and off) no longer paints the track solid over the failures.
      for (let rank = 1; rank < SEVERITY_BY_RANK.length; rank++) {
        g.fillStyle = SEVERITY_COLOR[SEVERITY_BY_RANK[rank]!];
        const top = rank === 1 ? Math.round(h * 0.6) : 0;
        for (let x = 0; x < worst.length; x++) if (worst[x] === rank) g.fillRect(x, top, bar, h - top);
      }
    };
    const ro = new ResizeObserver((entries) => draw(entries[entries.length - 1]!.contentRect));
    ro.observe(c);
    return () => ro.disconnect();
  }, [report, durationS]);

  const scrubTo = (clientX: number) => {
    const r = track.current!.getBoundingClientRect();
    const t = Math.max(0, Math.min(1, (clientX - r.left) / r.width)) * durationS;
    showInstant(t);
  };
  const onKey = (e: KeyboardEvent) => {
    const big = e.shiftKey ? 10 : 1;
    if (e.key === 'ArrowRight') stepFrames(big);
    else if (e.key === 'ArrowLeft') stepFrames(-big);
    else if (e.key === 'Home') showInstant(0);
    else if (e.key === 'End') showInstant(frames.end);
    else return;
    e.preventDefault();
    e.stopPropagation(); // the page's own arrow-key handler would step again
    setPlaying(false);
  };
  const hasFrames = frames.count > 0;

  return (
    <div className={`timeline${stale ? ' stale' : ''}`} data-testid="timeline" data-stale={stale}>
      <button className="play" data-testid="play-button" disabled={!hasFrames} onClick={() => setPlaying(!isPlaying)} title="Play / pause (Space)">
        {isPlaying ? '❚❚' : '▶'}
      </button>
      <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} title="Playback speed (simulated time per second)">
        {SPEEDS.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
      </select>
      <div
        className="track" ref={track} data-testid="timeline-track" tabIndex={0} role="slider" aria-label="Time cursor (arrow keys step one frame, Shift ten)"
        aria-valuemin={0} aria-valuemax={Math.round(durationS)} onKeyDown={onKey}
        onPointerDown={(e) => { e.currentTarget.setPointerCapture(e.pointerId); setPlaying(false); scrubTo(e.clientX); }}
        onPointerMove={(e) => { if (e.buttons & 1) scrubTo(e.clientX); }}
      >
        <div className="track-loaded" ref={loaded} />
        <canvas className="track-markers" ref={markers} />
        {runCase && (
          <>
            <div className="track-case fail" data-testid="timeline-case-failure" data-t={runCase.at} style={{ left: `${(100 * runCase.at) / durationS}%` }} title={`${runCase.failed} fails at ${clock(runCase.at)}`} />
            {typeof runCase.repairAt === 'number' && runCase.repairAt <= durationS && (
              <div className="track-case repair" data-testid="timeline-case-repair" data-t={runCase.repairAt} style={{ left: `${(100 * runCase.repairAt) / durationS}%` }} title={`${runCase.failed} repaired at ${clock(runCase.repairAt)}`} />
            )}
          </>
        )}
        <div className="track-handle" ref={handle} />
      </div>
      {runCase && <span className="run-case" data-testid="run-label" title={runCaseLabel(runCase)}>{runCaseLabel(runCase)}</span>}
      <StaleBadge where="timeline" />
      <span className="mono readout" title="The instant every view shows (a frame of the run)">
        <span data-testid="timeline-time" ref={readout} /> / {clock(durationS)}
      </span>
    </div>
  );
}
