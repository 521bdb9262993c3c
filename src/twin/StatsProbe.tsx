/** Reads renderer.info around every scene render into the stats object. */
import { useEffect } from 'react';
import { useThree } from '@react-three/fiber';
import { stats, recordRender } from './stats';

/** `hall`: the layout drawn; a new one (another model opened) marks its first frame in stats.hallFrameAt. */
export function StatsProbe({ racks, hall }: { racks: number; hall: object }) {
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  useEffect(() => {
    stats.racks = racks;
    // Reset by hand so the count is exactly one scene render (r3f renders once per frame).
    gl.info.autoReset = false;
    let started = 0;
    let hallDrawn = false;
    scene.onBeforeRender = () => {
      gl.info.reset();
      started = performance.now();
    };
    scene.onAfterRender = () => {
      const now = performance.now();
      stats.drawCalls = gl.info.render.calls;
      stats.triangles = gl.info.render.triangles;
      stats.programs = gl.info.programs?.length ?? 0;
      stats.renderMs = now - started;
      recordRender(now);
      if (stats.firstRackFrameAt === null && racks > 0) stats.firstRackFrameAt = now;
      if (!hallDrawn) {
        hallDrawn = true;
        stats.hallFrameAt = now;
        stats.hallFrameRacks = racks;
      }
    };
    return () => {
      scene.onBeforeRender = () => {};
      scene.onAfterRender = () => {};
    };
  }, [gl, scene, racks, hall]);
  return null;
}
