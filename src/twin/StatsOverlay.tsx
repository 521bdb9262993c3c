/** The stats overlay: draw calls, racks, fps, triangles, simulation state (the same numbers as window.__dctwinStats). */
import { useEffect, useState } from 'react';
import { stats } from './stats';

export function StatsOverlay() {
  const [, tick] = useState(0);
  useEffect(() => {
    const id = setInterval(() => tick((n) => n + 1), 500);
    return () => clearInterval(id);
  }, []);
  return (
    <div className="stats-overlay" data-testid="stats-overlay">
      <div><span>draw calls</span><b>{stats.drawCalls}</b></div>
      <div><span>racks</span><b>{stats.racks.toLocaleString()}</b></div>
      <div><span>fps</span><b>{stats.fps}</b></div>
      <div><span>triangles</span><b>{stats.triangles.toLocaleString()}</b></div>
      <div><span>render</span><b>{stats.renderMs.toFixed(1)} ms</b></div>
      <div><span>sim</span><b>{stats.simState}</b></div>
    </div>
  );
}
