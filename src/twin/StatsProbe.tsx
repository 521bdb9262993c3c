/** Reads renderer.info around every scene render into the stats object. */
import { useEffect } from 'react';
import { useThree } from '@react-three/fiber';
import { stats, recordRender } from './stats';

export function StatsProbe({ racks }: { racks: number }) {
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  useEffect(() => {
    stats.racks = racks;
    // Reset by hand so the count is exactly one scene render (r3f renders once per frame).
    gl.info.autoReset = false;
    let started = 0;
    scene.onBeforeRender = () => {
      gl.info.reset();
      started = performance.now();
    };
    scene.onAfterRender = () => {
      const now = performance.now();
      stats.drawCalls = gl.info.render.calls;
      stats.triangles = gl.info.render.triangles;
      stats.renderMs = now - started;
      recordRender(now);
      if (stats.firstRackFrameAt === null && racks > 0) stats.firstRackFrameAt = now;
    };
    return () => {
      scene.onBeforeRender = () => {};
      scene.onAfterRender = () => {};
    };
  }, [gl, scene, racks]);
  return null;
}
