/** The hover tooltip: the component's name, state and main live values at the cursor. */
import { useEffect, useRef, useState } from 'react';
import type { HallLayout } from '../worker/protocol';
import { hovered } from './hover';
import { app } from '../state/session';
import { cursor } from '../state/cursor';
import { frames } from '../state/frameBuffer';
import { describeComponent } from '../state/componentInfo';

export function Tooltip({ layout }: { layout: HallLayout }) {
  const [id, setId] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => hovered.subscribe((h) => {
    setId(h?.id ?? null);
    if (h && box.current) box.current.style.transform = `translate(${h.x + 14}px, ${h.y + 14}px)`;
  }), []);
  const s = app.get();
  const info = id ? describeComponent(id, layout, s.raw, frames, cursor.get()) : null;
  return (
    <div ref={box} className="tooltip" style={{ display: info ? 'block' : 'none' }}>
      {info && (
        <>
          <div className="tooltip-title">{info.kind} <b>{info.id}</b> <span className={`state state-${info.state}`}>{info.state}</span></div>
          {info.live.slice(0, 4).map((r) => <div key={r.label} className="kv"><span>{r.label}</span><span>{r.value}</span></div>)}
          {info.live.length === 0 && info.params.slice(0, 3).map((r) => <div key={r.label} className="kv"><span>{r.label}</span><span>{r.value}</span></div>)}
        </>
      )}
    </div>
  );
}
