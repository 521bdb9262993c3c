/**
 * Play · speed · scrub, with alarm markers. The cursor moves through a signal (no React render per
 * animation frame): the handle and readout are updated directly.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from '../state/store';
import { app } from '../state/session';
import { cursor, followLive, playing } from '../state/cursor';
import { frames } from '../state/frameBuffer';
import { clock } from '../format';
import { cpuContext } from './cpuCanvas';

const SPEEDS: [number, string][] = [[60, '1 min/s'], [300, '5 min/s'], [900, '15 min/s'], [3600, '1 h/s'], [14_400, '4 h/s']];
const SEVERITY_COLOR = { critical: '#D55E00', major: '#E69F00', warning: '#F0E442', info: '#56B4E9' } as const;
/** Drawing order (more severe on top); info alarms are not marked. */
const SEVERITY_BY_RANK = [null, 'warning', 'major', 'critical'] as const;
const SEVERITY_RANK: Record<keyof typeof SEVERITY_COLOR, number> = { info: 0, warning: 1, major: 2, critical: 3 };

export function Timeline() {
  const durationS = useStore(app, (s) => s.durationS);
  const report = useStore(app, (s) => s.report);
  const version = useStore(app, (s) => s.framesVersion);
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
      if (readout.current) readout.current.textContent = `${clock(t)} / ${clock(durationS)}`;
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
    if (cursor.get() >= frames.end - 1e-6) cursor.set(0);
    const tick = (now: number) => {
      const t = cursor.get() + ((now - last) / 1000) * speedRef.current;
      last = now;
      if (t >= frames.end) { cursor.set(frames.end); setPlaying(false); return; }
      cursor.set(t);
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
      for (let rank = 1; rank < SEVERITY_BY_RANK.length; rank++) {
        g.fillStyle = SEVERITY_COLOR[SEVERITY_BY_RANK[rank]!];
        for (let x = 0; x < worst.length; x++) if (worst[x] === rank) g.fillRect(x, 0, bar, h);
      }
    };
    const ro = new ResizeObserver((entries) => draw(entries[entries.length - 1]!.contentRect));
    ro.observe(c);
    return () => ro.disconnect();
  }, [report, durationS]);

  const scrubTo = (clientX: number) => {
    const r = track.current!.getBoundingClientRect();
    const t = Math.max(0, Math.min(1, (clientX - r.left) / r.width)) * durationS;
    followLive.set(false);
    cursor.set(Math.min(t, frames.count ? frames.end : t));
  };
  const hasFrames = frames.count > 0;

  return (
    <div className="timeline" data-testid="timeline">
      <button className="play" data-testid="play-button" disabled={!hasFrames} onClick={() => setPlaying(!isPlaying)} title="Play / pause (Space)">
        {isPlaying ? '❚❚' : '▶'}
      </button>
      <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} title="Playback speed (simulated time per second)">
        {SPEEDS.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
      </select>
      <div
        className="track" ref={track} data-testid="timeline-track"
        onPointerDown={(e) => { e.currentTarget.setPointerCapture(e.pointerId); setPlaying(false); scrubTo(e.clientX); }}
        onPointerMove={(e) => { if (e.buttons & 1) scrubTo(e.clientX); }}
      >
        <div className="track-loaded" ref={loaded} />
        <canvas className="track-markers" ref={markers} />
        <div className="track-handle" ref={handle} />
      </div>
      <span className="mono readout" ref={readout} />
    </div>
  );
}
